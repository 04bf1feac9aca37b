import Testing
import Scheduling

@Suite("Opening hours: intervals and next change")
struct OpeningHoursIntervalTests {
    @Test("Intervals are half-open, merged and clipped", arguments: [
        ("Mo-Fr 08:00-12:00,13:00-17:00", "2026-11-30T00:00", "2026-12-01T00:00",
         ["2026-11-30T08:00/2026-11-30T12:00", "2026-11-30T13:00/2026-11-30T17:00"]),
        ("Mo-Fr 08:00-12:00,12:00-17:00", "2026-11-30T00:00", "2026-12-01T00:00",
         ["2026-11-30T08:00/2026-11-30T17:00"]),
        ("Fr 18:00-02:00", "2026-12-04T00:00", "2026-12-07T00:00",
         ["2026-12-04T18:00/2026-12-05T02:00"]),
        ("Mo-Su 18:00-24:00; Mo-Su 00:00-02:00", "2026-12-01T00:00", "2026-12-02T06:00",
         ["2026-12-01T00:00/2026-12-01T02:00", "2026-12-02T00:00/2026-12-02T02:00"]),  // `;` replaces
        ("Mo-Su 18:00-24:00, Mo-Su 00:00-02:00", "2026-12-01T00:00", "2026-12-02T06:00",
         ["2026-12-01T00:00/2026-12-01T02:00", "2026-12-01T18:00/2026-12-02T02:00"]),
        ("24/7", "2026-12-01T10:00", "2026-12-03T10:00", ["2026-12-01T10:00/2026-12-03T10:00"]),
        ("Mo-Fr 08:00-16:00", "2026-12-01T10:00", "2026-12-01T11:00", ["2026-12-01T10:00/2026-12-01T11:00"]),
        ("Sa 22:00-02:00", "2026-12-06T01:00", "2026-12-06T05:00", ["2026-12-06T01:00/2026-12-06T02:00"]),
        ("Mo-Su 10:00-12:00; PH off", "2026-04-02T00:00", "2026-04-08T00:00",
         ["2026-04-04T10:00/2026-04-04T12:00", "2026-04-07T10:00/2026-04-07T12:00"]),
        ("off", "2026-04-02T00:00", "2026-04-08T00:00", []),
    ])
    func intervals(text: String, from: String, to: String, expected: [String]) {
        #expect(render(hours(text).intervals(from: at(from), to: at(to), calendar: testCalendar)) == expected)
    }

    @Test("A whole year of intervals agrees minute by minute with isOpen", arguments: [
        "Mo-Th 17:00-22:00; Sa,Su 08:00-20:00; PH off; SH off; Jul off",
        "Mo-Fr 08:00-12:00, We 14:00-18:00; Dec 24-26 off",
        "Fr 18:00-02:00; Sa 10:00-14:00; PH off",
        "week 01-53/2 Tu 19:00-21:00 || Mo 10:00-11:00",
        "Mo-Fr 10:00-20:00; Tu 12:00-14:00 off; SH Mo-Fr 09:00-10:00",
        "Mo[1],Fr[-1] 09:00-12:00; Dec 20-Jan 05 off; 2026 Mar 10-2026 Apr 20 Su 10:00-26:00",
        "week 50-03 Sa 08:00-12:00, week 10-20/3 We 18:00-24:00; 2026-2030/2 Aug off",
        "Mo-Fr 08:00-16:00 unknown; We 10:00-12:00 || PH 09:00-10:00",
        "Sa,PH 10:00-14:00; SH,Su off; Jan,Mar-Apr,Nov 12:00-13:00",
    ])
    func agreesWithIsOpen(text: String) {
        let h = hours(text)
        let from = at("2026-01-01T00:00"), to = at("2027-01-01T00:00")
        let list = h.intervals(from: from, to: to, calendar: testCalendar)
        var index = 0
        // Sample every 30 minutes plus the boundaries themselves.
        var probes = Set(stride(from: from.localMinutes, to: to.localMinutes, by: 30))
        for i in list { probes.insert(i.start.localMinutes); probes.insert(i.end.localMinutes - 1) }
        var mismatches = 0
        for m in probes.sorted() {
            while index < list.count && list[index].end.localMinutes <= m { index += 1 }
            let inList = index < list.count && list[index].start.localMinutes <= m
            if inList != h.isOpen(at: LocalDateTime(localMinutes: m), calendar: testCalendar) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(!list.isEmpty)
        for (a, b) in zip(list, list.dropFirst()) { #expect(a.end < b.start) }
    }

    @Test("Next change finds the next opening or closing", arguments: [
        ("Mo-Fr 08:00-16:00", "2026-12-01T10:00", "2026-12-01T16:00"),
        ("Mo-Fr 08:00-16:00", "2026-12-01T17:00", "2026-12-02T08:00"),
        ("Mo-Fr 08:00-16:00", "2026-12-04T17:00", "2026-12-07T08:00"),
        ("Mo-Fr 08:00-16:00", "2026-12-01T16:00", "2026-12-02T08:00"),
        ("Fr 18:00-02:00", "2026-12-04T20:00", "2026-12-05T02:00"),
        ("Mo-Su 10:00-12:00; PH off", "2026-04-02T13:00", "2026-04-04T10:00"),
        ("24/7; 2027 Jan 01 off", "2026-12-01T10:00", "2027-01-01T00:00"),
        ("2028 Jun 01 10:00-12:00", "2026-12-01T10:00", "2028-06-01T10:00"),
        ("Mo-Fr 08:00-16:00; Dec 21-Jan 10 off", "2026-12-18T17:00", "2027-01-11T08:00"), // past the first window
        ("Mo-Su 08:00-16:00; Su off", "2026-12-05T16:00", "2026-12-07T08:00"),
    ])
    func nextChange(text: String, after: String, expected: String) {
        #expect(hours(text).nextChange(after: at(after), calendar: testCalendar)?.description == expected)
    }

    @Test("Next change is nil when nothing ever changes")
    func neverChanges() {
        #expect(hours("24/7").nextChange(after: at("2026-12-01T10:00"), calendar: testCalendar) == nil)
        #expect(hours("off").nextChange(after: at("2026-12-01T10:00"), calendar: testCalendar) == nil)
    }
}

@Suite("Opening hours: rejected input")
struct OpeningHoursErrorTests {
    @Test("The error points at the column under the source")
    func pointer() {
        do { _ = try OpeningHours(parsing: "Mo-Fr Xy"); Issue.record("accepted") } catch {
            #expect(error.pointer(in: "Mo-Fr Xy") == "Mo-Fr Xy\n      ^")
            #expect(error.offset == 6 && error.expected == "a weekday, time or 'off'" && error.found == "Xy")
        }
    }

    @Test("Malformed or unsupported input names the column and what was expected", arguments: [
        ("Mo-Fr Xy", 7, "expected a weekday, time or 'off' at column 7, found 'Xy'"),
        ("Mo-Xy 10:00-12:00", 4, "expected a weekday at column 4, found 'Xy'"),
        ("Mo-Fr 25:00-26:00", 7, "expected an hour 00-24 at column 7, found '25'"),
        ("Mo-Fr 10:60-12:00", 10, "expected minutes 00-59 at column 10, found '60'"),
        ("Mo-Fr 10:00", 12, "expected '-' and an end time (single points in time are not supported) at column 12, found end of input"),
        ("Mo-Fr 10:00+", 12, "expected '-' and an end time (open end '+' is not supported) at column 12, found '+'"),
        ("Mo-Fr 10:00-10:00", 13, "expected an end time after the start 10:00 at column 13, found '10'"),
        ("Mo-Fr 10:00-49:00", 13, "expected an hour 00-48 at column 13, found '49'"),
        ("Mo-Fr 10:00-12:00;", 19, "expected a year, month, week, weekday, 'PH', 'SH', time, '24/7', 'off' or a comment at column 19, found end of input"),
        ("", 1, "expected a year, month, week, weekday, 'PH', 'SH', time, '24/7', 'off' or a comment at column 1, found end of input"),
        ("Mo-Fr sunrise-sunset", 7, "expected a weekday, time or 'off' at column 7, found 'sunrise'"),
        ("Mo-Fr 10:00-12:00 | Sa", 19, "expected '||' (fallback rule separator) at column 19, found '|'"),
        ("Dec 32 off", 5, "expected a day 1-31 of Dec at column 5, found '32'"),
        ("Feb 30 off", 5, "expected a day 1-29 of Feb at column 5, found '30'"),
        ("week 54 off", 6, "expected a week number 01-53 at column 6, found '54'"),
        ("Mo-Fr 10:00-12:00 \"open", 19, "expected a closing '\"' for the comment at column 19, found end of input"),
        ("Mo 10:00-12:00/30", 15, "expected ',' or a rule separator (repeating times '/' are not supported) at column 15, found '/'"),
        ("Mo[6] 10:00-12:00", 4, "expected a week of the month 1-5 at column 4, found '6'"),
        ("2026-2024 off", 6, "expected a year not before 2026 at column 6, found '2024'"),
        ("Mo-Fr 10:00-12:00 off off", 23, "expected ';', ',', '||' or end of input at column 23, found 'off'"),
        ("Mo-Fr 10:00-12:00 # x", 19, "expected a weekday, month, time, number or separator at column 19, found '#'"),
        ("Dec 24-Jan off", 12, "expected a day number at column 12, found 'off'"),
        ("Mo-Fr 10:00-12:00 Sa", 19, "expected a time, 'off', ';', ',', '||' or end of input at column 19, found 'Sa'"),
    ])
    func rejects(text: String, column: Int, message: String) {
        do {
            _ = try OpeningHours(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.column == column)
            #expect(error.description == message)
        }
    }
}
