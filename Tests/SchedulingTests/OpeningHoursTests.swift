import Testing
import Scheduling

/// Calendar used by the opening-hours tables: statutory holidays plus one autumn and one Christmas break.
let testCalendar = HolidayCalendar(schoolHolidays: SchoolHolidayCalendar(periods: [
    try! SchoolHolidayPeriod(from: date("2026-10-10"), to: date("2026-10-18"), name: "Efterårsferie"),
    try! SchoolHolidayPeriod(from: date("2026-12-19"), to: date("2027-01-03"), name: "Juleferie"),
]))

@Suite("Opening hours: is it open?")
struct OpeningHoursOpenTests {
    // 2026-12-01 is a Tuesday. 2026-04-03 Langfredag (Fr), 2026-04-05 Påskedag (Su), 2026-05-14 Kr. himmelfart (Th).
    @Test("Weekday ranges, lists and wrapping", arguments: [
        ("Mo-Fr 08:00-16:00", "2026-12-01T10:00", true),
        ("Mo-Fr 08:00-16:00", "2026-12-05T10:00", false),  // Saturday
        ("Mo-Fr 08:00-16:00", "2026-12-01T16:00", false),  // end is exclusive
        ("Mo-Fr 08:00-16:00", "2026-12-01T08:00", true),   // start is inclusive
        ("Mo,We 10:00-12:00", "2026-12-02T11:00", true),
        ("Mo,We 10:00-12:00", "2026-12-01T11:00", false),
        ("Su-Tu 10:00-12:00", "2026-11-30T11:00", true),   // Monday inside Su-Tu
        ("Su-Tu 10:00-12:00", "2026-12-06T11:00", true),   // Sunday
        ("Su-Tu 10:00-12:00", "2026-12-02T11:00", false),  // Wednesday
        ("Fr-Mo 10:00-12:00", "2026-12-05T11:00", true),
        ("Mo-Sa,Su 10:00-12:00", "2026-12-06T11:00", true),
        ("Tu", "2026-12-01T03:00", true),                  // weekday only: the whole day
        ("Tu", "2026-12-02T03:00", false),
        ("Mo[1] 10:00-12:00", "2026-12-07T11:00", true),   // first Monday of December 2026
        ("Mo[1] 10:00-12:00", "2026-12-14T11:00", false),
        ("Mo[-1] 10:00-12:00", "2026-12-28T11:00", true),  // last Monday
        ("Mo[-1] 10:00-12:00", "2026-12-21T11:00", false),
        ("Tu[1,3] 10:00-12:00", "2026-12-15T11:00", true),
        ("Tu[2-3] 10:00-12:00", "2026-12-01T11:00", false),
    ])
    func weekdays(text: String, time: String, open: Bool) {
        #expect(hours(text).isOpen(at: at(time), calendar: testCalendar) == open)
    }

    @Test("Time spans, several per day, past midnight and extended hours", arguments: [
        ("08:00-12:00", "2026-12-06T09:00", true),          // no weekday: every day
        ("Mo-Fr 08:00-12:00,13:00-17:00", "2026-12-01T12:30", false),
        ("Mo-Fr 08:00-12:00,13:00-17:00", "2026-12-01T13:30", true),
        ("Fr 18:00-02:00", "2026-12-04T23:00", true),
        ("Fr 18:00-02:00", "2026-12-05T01:30", true),       // Saturday night belongs to Friday
        ("Fr 18:00-02:00", "2026-12-05T02:00", false),
        ("Fr 18:00-02:00", "2026-12-04T01:30", false),      // Friday early morning is Thursday's
        ("Fr 18:00-26:00", "2026-12-05T01:30", true),
        ("Mo-Su 18:00-24:00", "2026-12-01T23:59", true),
        ("Mo-Su 18:00-24:00", "2026-12-02T00:00", false),
        ("Th 22:00-02:00; Fr off", "2026-12-04T01:00", false), // a later `;` rule for Friday replaces Thursday's night
        ("Fr 18:00-02:00; Sa 10:00-14:00", "2026-12-05T01:00", false),
        ("Fr 18:00-02:00, Sa 10:00-14:00", "2026-12-05T01:00", true),  // `,` keeps both
        ("Fr 18:00-02:00, Sa 10:00-14:00", "2026-12-05T11:00", true),
        ("Fr 18:00-02:00; Sa 01:00-02:00 off", "2026-12-05T01:30", false),
        ("Fr 18:00-02:00; Sa 01:00-02:00 off", "2026-12-05T00:30", true),
        ("Mo-Su 08:00-16:00; Fr 22:00-02:00", "2026-12-05T01:00", true), // spill adds to Saturday
        ("Mo-Su 08:00-16:00; Fr 22:00-02:00", "2026-12-05T10:00", true), // without replacing it
        ("Fr 18:00-02:00; Dec 05 off", "2026-12-05T01:00", false),
        ("Fr 18:00-02:00; PH off", "2026-12-26T01:00", false),          // 2. juledag is a Saturday
        ("24/7", "2026-03-29T02:30", true),
        ("Mo 00:00-24:00", "2026-11-30T23:59", true),
    ])
    func times(text: String, time: String, open: Bool) {
        #expect(hours(text).isOpen(at: at(time), calendar: testCalendar) == open)
    }

    @Test("Rule separators: override, additional and fallback", arguments: [
        ("Mo-Fr 08:00-12:00; We 14:00-18:00", "2026-12-02T10:00", false), // We replaced
        ("Mo-Fr 08:00-12:00; We 14:00-18:00", "2026-12-02T15:00", true),
        ("Mo-Fr 08:00-12:00; We 14:00-18:00", "2026-12-01T10:00", true),
        ("Mo-Fr 08:00-12:00, We 14:00-18:00", "2026-12-02T10:00", true),  // added
        ("Mo-Fr 08:00-12:00, We 14:00-18:00", "2026-12-02T15:00", true),
        ("Mo-Fr 08:00-18:00; We off", "2026-12-02T10:00", false),
        ("Mo-Fr 08:00-18:00; We off", "2026-12-03T10:00", true),
        ("08:00-20:00; Tu 12:00-13:00 off", "2026-12-01T12:30", false), // off with times only closes those
        ("08:00-20:00; Tu 12:00-13:00 off", "2026-12-01T10:00", true),
        ("08:00-20:00; Tu 12:00-13:00 closed", "2026-12-01T13:00", true),
        ("Mo-Fr 08:00-12:00; 14:00-16:00", "2026-12-01T10:00", false),   // time-only rule overrides every day
        ("Sa 10:00-14:00 || Mo-Fr 09:00-10:00", "2026-12-01T09:30", true),
        ("Mo-Fr 10:00-12:00 || Tu 09:00-11:00", "2026-12-01T09:30", true),  // fallback fills uncovered time
        ("Mo-Fr 10:00-12:00 || Tu 09:00-11:00", "2026-12-01T10:30", true),
        ("Mo-Fr 10:00-12:00; Tu off || Tu 09:00-11:00", "2026-12-01T09:30", false), // off covers the day
        ("Mo-Fr 10:00-20:00; Tu 12:00-14:00 off, Tu 13:00-14:00", "2026-12-01T13:30", true),
        ("Mo-Fr 10:00-20:00; Tu 12:00-14:00 off, Tu 13:00-14:00", "2026-12-01T12:30", false),
        ("off", "2026-12-01T12:30", false),
        ("24/7; Tu off", "2026-12-01T12:30", false),
    ])
    func separators(text: String, time: String, open: Bool) {
        #expect(hours(text).isOpen(at: at(time), calendar: testCalendar) == open)
    }

    @Test("Holidays: PH computed, SH from the calendar", arguments: [
        ("Mo-Fr 08:00-16:00; PH off", "2026-04-03T10:00", false),  // Langfredag
        ("Mo-Fr 08:00-16:00; PH off", "2026-04-01T10:00", true),
        ("Mo-Fr 08:00-16:00", "2026-04-03T10:00", true),            // PH is not implicit
        ("Sa 10:00-14:00; PH off", "2026-12-26T11:00", false),      // 2. juledag, a Saturday
        ("Sa 10:00-14:00; PH off", "2026-12-19T11:00", true),
        ("Mo-Fr 08:00-16:00; PH 10:00-12:00", "2026-05-14T11:00", true),  // PH-only rule overrides
        ("Mo-Fr 08:00-16:00; PH 10:00-12:00", "2026-05-14T09:00", false),
        ("PH 10:00-12:00", "2026-04-05T11:00", true),               // Påskedag Sunday
        ("Sa,PH 10:00-12:00", "2026-04-06T11:00", true),            // 2. påskedag
        ("PH,Sa 10:00-12:00", "2026-04-07T11:00", false),
        ("Mo-Fr 17:00-22:00; SH off", "2026-10-14T18:00", false),
        ("Mo-Fr 17:00-22:00; SH off", "2026-10-21T18:00", true),
        ("SH Mo-Fr 10:00-12:00", "2026-10-14T11:00", true),         // school holiday AND weekday
        ("SH Mo-Fr 10:00-12:00", "2026-10-17T11:00", false),        // Saturday in the holiday
        ("SH Mo-Fr 10:00-12:00", "2026-10-21T11:00", false),
        ("SH,Sa 10:00-12:00", "2026-10-17T11:00", true),
        ("Mo-Su 10:00-12:00; PH off; SH off", "2026-12-28T11:00", false),
        ("Mo-Fr 08:00-16:00; PH off", "2023-05-05T10:00", false),   // Store bededag 2023
        ("Mo-Fr 08:00-16:00; PH off", "2024-04-26T10:00", true),    // abolished from 2024
        ("Mo-Fr 08:00-16:00; PH off", "2027-03-25T10:00", false),   // Skærtorsdag 2027
        ("Mo-Fr 08:00-16:00; PH off", "2024-05-09T10:00", false),   // Kristi himmelfart 2024
    ])
    func holidays(text: String, time: String, open: Bool) {
        #expect(hours(text).isOpen(at: at(time), calendar: testCalendar) == open)
    }

    @Test("Customary closing days follow the calendar option")
    func customaryDays() {
        let h = hours("Mo-Su 10:00-16:00; PH off")
        #expect(h.isOpen(at: at("2026-12-24T11:00"), calendar: .danish))
        #expect(!h.isOpen(at: at("2026-12-24T11:00"), calendar: HolidayCalendar(customaryClosingDaysArePublicHolidays: true)))
    }

    @Test("Months, dates, years and weeks", arguments: [
        ("Mo-Fr 08:00-16:00; Jul off", "2026-07-15T10:00", false),
        ("Mo-Fr 08:00-16:00; Jul off", "2026-08-03T10:00", true),
        ("Mo-Su 08:00-16:00; Dec 24-26 off", "2026-12-25T10:00", false),
        ("Mo-Su 08:00-16:00; Dec 24-26 off", "2026-12-27T10:00", true),
        ("Jan-Mar 10:00-12:00", "2026-02-15T11:00", true),
        ("Jan-Mar 10:00-12:00", "2026-04-01T11:00", false),
        ("Dec 20-Jan 05 10:00-12:00", "2026-12-31T11:00", true),
        ("Dec 20-Jan 05 10:00-12:00", "2027-01-05T11:00", true),
        ("Dec 20-Jan 05 10:00-12:00", "2027-01-06T11:00", false),
        ("Nov-Feb Sa 10:00-12:00", "2027-01-02T11:00", true),
        ("Nov-Feb Sa 10:00-12:00", "2026-10-31T11:00", false),
        ("Mo-Su 10:00-16:00; 2026 Dec 24 off", "2026-12-24T11:00", false),
        ("Mo-Su 10:00-16:00; 2026 Dec 24 off", "2027-12-24T11:00", true),
        ("2026 Dec 20-2027 Jan 05 10:00-12:00", "2027-01-03T11:00", true),
        ("2026 Dec 20-2027 Jan 05 10:00-12:00", "2027-12-23T11:00", false),
        ("2026 Dec 20-Jan 05 10:00-12:00", "2027-01-03T11:00", true),
        ("2027 10:00-12:00", "2027-06-01T11:00", true),
        ("2027 10:00-12:00", "2026-06-01T11:00", false),
        ("2026-2028/2 10:00-12:00", "2028-06-01T11:00", true),
        ("2026-2028/2 10:00-12:00", "2027-06-01T11:00", false),
        ("2027+ 10:00-12:00", "2040-06-01T11:00", true),
        ("Mo-Su 10:00-12:00; 2026,2028 Dec 24 off", "2028-12-24T11:00", false),
        ("Mo-Su 10:00-12:00; 2026,2028 Dec 24 off", "2027-12-24T11:00", true),
        ("Mo-Su 10:00-12:00; 2026,2028 Dec 24 off", "2028-12-23T11:00", true),
        ("2026-2027 Jul 10:00-12:00", "2027-07-10T11:00", true),
        ("2026-2027 Jul 10:00-12:00", "2028-07-10T11:00", false),
        ("2026 Jan-Mar 10:00-12:00", "2026-03-31T11:00", true),
        ("2026 Jan-Mar 10:00-12:00", "2027-03-31T11:00", false),
        ("Feb 29 10:00-12:00", "2028-02-29T11:00", true),
        ("Jan 10,Jun 10 10:00-12:00", "2026-06-10T11:00", true),
        ("week 01-53/2 Tu 19:00-21:00", "2026-12-01T20:00", true),   // week 49
        ("week 02-52/2 Tu 19:00-21:00", "2026-12-01T20:00", false),
        ("week 53 10:00-12:00", "2026-12-31T11:00", true),
        ("week 53 10:00-12:00", "2027-01-03T11:00", true),           // still ISO week 53 of 2026
        ("week 53 10:00-12:00", "2027-01-04T11:00", false),
        ("week 52-02 10:00-12:00", "2027-01-05T11:00", true),
        ("2026 week 42: Mo-Fr 10:00-12:00", "2026-10-14T11:00", true),
    ])
    func wideRanges(text: String, time: String, open: Bool) {
        #expect(hours(text).isOpen(at: at(time), calendar: testCalendar) == open)
    }

    @Test("Modifiers and comments", arguments: [
        ("Mo-Fr 10:00-12:00 \"by appointment\"", "2026-12-01T11:00", OpeningState.open),
        ("Mo-Fr 10:00-12:00 unknown", "2026-12-01T11:00", .unknown),
        ("Mo-Fr 10:00-12:00 || \"by appointment\"", "2026-12-01T15:00", .unknown),
        ("Mo-Fr 10:00-12:00 || \"by appointment\"", "2026-12-01T11:00", .open),
        ("Mo-Fr 10:00-12:00 open \"note\"", "2026-12-01T11:00", .open),
        ("Mo-Fr 10:00-12:00; We off \"closed for cleaning\"", "2026-12-02T11:00", .closed),
    ])
    func modifiers(text: String, time: String, state: OpeningState) {
        #expect(hours(text).state(at: at(time), calendar: testCalendar) == state)
    }

    @Test("Case and spacing are tolerated")
    func tolerant() {
        #expect(hours("mo-fr 08:00-12:00;sa OFF").isOpen(at: at("2026-12-01T09:00"), calendar: .danish))
        #expect(hours("Mo-Fr  8:00-12:00").isOpen(at: at("2026-12-01T09:00"), calendar: .danish))
    }
}

@Suite("The opening_hours parse cache")
struct OpeningHoursCacheTests {
    @Test("A text parses to the same rule through the cache as directly, and a bad text keeps its error")
    func sameAsDirect() throws {
        var cache = OpeningHoursCache()
        let text = "Mo-Th 17:00-22:00; Sa,Su 08:00-20:00; PH off"
        #expect(try cache.parse(text).get() == OpeningHours(parsing: text))
        #expect(cache.hours(text) != nil)
        #expect(cache.count == 1)
        guard case let .failure(error) = cache.parse("Mo-Fr 25:00-26:00") else {
            Issue.record("an hour of 25 parsed")
            return
        }
        #expect(error.column == 7, "\(error)")
        #expect(cache.hours("Mo-Fr 25:00-26:00") == nil)
        #expect(cache.hours(nil) == nil)
        #expect(cache.count == 2)
    }

    @Test("A full cache starts afresh instead of growing")
    func bounded() {
        var cache = OpeningHoursCache(limit: 3)
        for hour in 10..<20 { _ = cache.hours("Mo \(hour):00-\(hour + 1):00") }
        #expect(cache.count <= 3)
        #expect(cache.hours("Mo 10:00-11:00") != nil)
    }
}
