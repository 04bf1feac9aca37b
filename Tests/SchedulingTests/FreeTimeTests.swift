import Testing
import Scheduling

@Suite("Free time, bookings and weekly slots")
struct FreeTimeTests {
    let evenings = hours("Mo-Fr 17:00-22:00; PH off; SH off")

    @Test("Free = availability minus closures minus bookings")
    func freeSlots() {
        let bookings = [interval("2026-12-01T18:00", "2026-12-01T19:00"), interval("2026-12-02T17:00", "2026-12-02T22:00")]
        let closures = [interval("2026-12-03T20:00", "2026-12-04T08:00")]
        let free = FreeTime.freeSlots(openingHours: evenings, calendar: testCalendar, bookings: bookings, closures: closures,
                                      from: at("2026-12-01T00:00"), to: at("2026-12-04T00:00"))
        #expect(render(free) == ["2026-12-01T17:00/2026-12-01T18:00", "2026-12-01T19:00/2026-12-01T22:00",
                                 "2026-12-03T17:00/2026-12-03T20:00"])
        let long = FreeTime.freeSlots(openingHours: evenings, calendar: testCalendar, bookings: bookings, closures: closures,
                                      from: at("2026-12-01T00:00"), to: at("2026-12-04T00:00"),
                                      minDuration: ScheduleDuration(minutes: 150))
        #expect(render(long) == ["2026-12-01T19:00/2026-12-01T22:00", "2026-12-03T17:00/2026-12-03T20:00"])
    }

    @Test("Minimum duration counts real minutes across the spring change")
    func minDurationDST() {
        let night = hours("Sa 23:00-04:00")
        let slots = FreeTime.freeSlots(openingHours: night, calendar: testCalendar, bookings: [],
                                       from: at("2026-03-28T00:00"), to: at("2026-03-30T00:00"),
                                       minDuration: ScheduleDuration(minutes: 300))
        #expect(slots.isEmpty) // 23:00-04:00 on 28/29 March is 4 real hours
        let slots4 = FreeTime.freeSlots(openingHours: night, calendar: testCalendar, bookings: [],
                                        from: at("2026-03-28T00:00"), to: at("2026-03-30T00:00"),
                                        minDuration: ScheduleDuration(minutes: 240))
        #expect(slots4.count == 1)
    }

    @Test("Bookings given in UTC are subtracted at their wall-clock time")
    func utcBookings() throws {
        let booking = try #require(UTCInterval(start: CopenhagenTime.instant(of: at("2026-12-01T18:00")),
                                               end: CopenhagenTime.instant(of: at("2026-12-01T19:00"))))
        #expect(booking.start.description == "2026-12-01T17:00:00Z")
        let free = FreeTime.freeSlots(openingHours: evenings, calendar: testCalendar, utcBookings: [booking],
                                      from: at("2026-12-01T00:00"), to: at("2026-12-02T00:00"))
        #expect(render(free) == ["2026-12-01T17:00/2026-12-01T18:00", "2026-12-01T19:00/2026-12-01T22:00"])
    }

    @Test("A UTC interval through the repeated autumn hour maps to the wall-clock minutes it covers")
    func utcAutumn() throws {
        let s = CopenhagenTime.instant(of: at("2026-10-25T02:30")).secondsSince1970 // 00:30Z, CEST
        let i = try #require(UTCInterval(start: UTCInstant(secondsSince1970: s), end: UTCInstant(secondsSince1970: s + 2400)))
        // 00:30Z-01:00Z is 02:30-03:00 CEST, 01:00Z-01:10Z is 02:00-02:10 CET.
        #expect(render(i.localIntervals) == ["2026-10-25T02:00/2026-10-25T02:10", "2026-10-25T02:30/2026-10-25T03:00"])
        let whole = try #require(UTCInterval(start: UTCInstant(secondsSince1970: s - 1800), end: UTCInstant(secondsSince1970: s + 3600)))
        #expect(render(whole.localIntervals) == ["2026-10-25T02:00/2026-10-25T03:00"])
        #expect(i.minutes == 40)
    }

    @Test("Conflicts are the overlapping bookings; touching ends do not conflict", arguments: [
        ("2026-12-01T19:00", "2026-12-01T21:00", [0, 1]),
        ("2026-12-01T19:00", "2026-12-01T20:45", [0]),
        ("2026-12-01T18:00", "2026-12-01T19:00", []),
        ("2026-12-01T20:30", "2026-12-01T22:30", [0, 1]),
        ("2026-12-01T21:00", "2026-12-01T22:00", [1]),
        ("2026-12-01T23:00", "2026-12-01T23:30", []),
    ])
    func conflicts(from: String, to: String, expected: [Int]) {
        let existing = [interval("2026-12-01T19:00", "2026-12-01T21:00"), interval("2026-12-01T20:45", "2026-12-01T22:00")]
        #expect(FreeTime.conflicts(of: interval(from, to), with: existing) == expected)
    }

    @Test("Booking checks report parts outside availability")
    func bookingCheck() {
        let check = FreeTime.check(interval("2026-12-01T16:00", "2026-12-01T18:00"), existing: [],
                                   openingHours: evenings, calendar: testCalendar)
        #expect(!check.isAcceptable)
        #expect(render(check.outsideAvailability) == ["2026-12-01T16:00/2026-12-01T17:00"])
        let ok = FreeTime.check(interval("2026-12-01T17:00", "2026-12-01T18:00"), existing: [],
                                openingHours: evenings, calendar: testCalendar)
        #expect(ok.isAcceptable)
        let holiday = FreeTime.check(interval("2026-04-02T18:00", "2026-04-02T19:00"), existing: [],
                                     openingHours: evenings, calendar: testCalendar)
        #expect(render(holiday.outsideAvailability) == ["2026-04-02T18:00/2026-04-02T19:00"]) // Skærtorsdag
    }

    @Test("Weekly slots list the dates on their weekday")
    func slotDates() throws {
        let slot = try WeeklySlot(parsing: "Tu 19:00-21:00")
        #expect(slot.dates(from: date("2026-12-01"), through: date("2026-12-22")).map(\.description)
                == ["2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22"])
        #expect(slot.dates(from: date("2026-12-02"), through: date("2026-12-08")).map(\.description) == ["2026-12-08"])
        #expect(throws: LocalTimeError.self) { try WeeklySlot(weekday: .monday, startMinute: 600, endMinute: 600) }
    }

    @Test("Weekly slots parse", arguments: [
        ("Tu 19:00-21:00", "Tu 19:00-21:00"), ("fr 22:00-01:00", "Fr 22:00-25:00"), ("Su 00:00-24:00", "Su 00:00-24:00"),
    ])
    func slots(text: String, expected: String) throws {
        #expect(try WeeklySlot(parsing: text).description == expected)
    }

    @Test("Malformed weekly slots are rejected with a column", arguments: [
        ("Xy 19:00-21:00", 1), ("Tu", 3), ("Tu 19:00", 9), ("Tu 19:00-21:00 We", 16), ("Tu 19:00-21:00,22:00-23:00", 27),
    ])
    func badSlots(text: String, column: Int) {
        do { _ = try WeeklySlot(parsing: text); Issue.record("accepted \(text)") } catch { #expect(error.column == column) }
    }

    @Test("A weekly slot is checked week by week: free, skipped for holidays, or conflicting")
    func weeklyCheck() throws {
        let slot = try WeeklySlot(parsing: "Th 19:00-21:00")
        let bookings = [interval("2026-03-19T20:00", "2026-03-19T22:00")]
        let check = FreeTime.checkWeekly(slot, openingHours: evenings, calendar: testCalendar, bookings: bookings,
                                         closures: [interval("2026-04-16T00:00", "2026-04-17T00:00")],
                                         from: date("2026-03-12"), through: date("2026-04-30"))
        #expect(check.freeDates.map(\.description) == ["2026-03-12", "2026-03-26", "2026-04-09", "2026-04-23", "2026-04-30"])
        #expect(check.skipped.map(\.description) == ["2026-04-02 (Skærtorsdag)", "2026-04-16 (closed)"])
        #expect(check.conflicts.map(\.date.description) == ["2026-03-19"])
        #expect(!check.isFreeEveryWeek)
    }

    @Test("School holidays are skipped when the room closes for them; outside hours is a conflict")
    func weeklySchoolHoliday() throws {
        let slot = try WeeklySlot(parsing: "We 19:00-23:00")
        let check = FreeTime.checkWeekly(slot, openingHours: evenings, calendar: testCalendar, bookings: [],
                                         from: date("2026-10-07"), through: date("2026-10-21"))
        // Ends after 22:00: outside availability every week, holiday or not.
        #expect(check.skipped.isEmpty)
        #expect(check.conflicts.map(\.date.description) == ["2026-10-07", "2026-10-14", "2026-10-21"])
        let fits = FreeTime.checkWeekly(try WeeklySlot(parsing: "We 19:00-21:00"), openingHours: evenings,
                                        calendar: testCalendar, bookings: [], from: date("2026-10-07"), through: date("2026-10-21"))
        #expect(fits.skipped.map(\.description) == ["2026-10-14 (Efterårsferie)"])
        #expect(fits.freeDates.count == 2 && fits.isFreeEveryWeek)
    }

    @Test("Weekly recurrences skip public holidays unless told not to")
    func recurrence() throws {
        let rec = try WeeklyRecurrence(start: at("2026-03-26T19:00"), end: at("2026-03-26T21:00"), until: date("2026-04-30"))
        let e = rec.expand(calendar: testCalendar)
        #expect(e.occurrences.count == 5)
        #expect(e.skipped.map(\.description) == ["2026-04-02 (Skærtorsdag)"])
        #expect(rec.expand(calendar: testCalendar, skippingPublicHolidays: false).occurrences.count == 6)
        #expect(e.occurrences.last?.description == "2026-04-30T19:00/2026-04-30T21:00")
    }

    @Test("Weekly recurrences keep wall-clock time across DST")
    func recurrenceDST() throws {
        let rec = try WeeklyRecurrence(start: at("2026-03-22T10:00"), end: at("2026-03-22T11:00"), until: date("2026-04-05"))
        let e = rec.expand(calendar: .danish)
        #expect(e.occurrences.map(\.start.hour) == [10, 10])
        #expect(e.skipped.count == 1) // Påskedag 2026-04-05
        let utc = e.occurrences.map { CopenhagenTime.instant(of: $0.start).description }
        #expect(utc == ["2026-03-22T09:00:00Z", "2026-03-29T08:00:00Z"])
    }
}
