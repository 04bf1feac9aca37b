import Scheduling
import Testing

/// `easter` and `PH +1 day` / `PH -1 day` with the semantics of opening_hours.js: `easter` is
/// Easter Sunday (with optional day offsets and ranges), `PH +1 day` is every day after a public
/// holiday, `PH -1 day` every day before one; later rules override earlier ones as usual.
@Suite("opening_hours easter and public-holiday offsets")
struct OpeningHoursMovableTests {
    @Test("easter is Easter Sunday of each year", arguments: [
        ("2024-03-31"), ("2025-04-20"), ("2026-04-05"), ("2027-03-28"), ("2030-04-21"),
    ])
    func easterSunday(day: String) {
        let h = hours("easter 10:00-12:00")
        #expect(h.isOpen(at: at(day + "T11:00"), calendar: .danish))
        let d = date(day)
        #expect(!h.isOpen(at: LocalDateTime(date: d.adding(days: 1), minuteOfDay: 660), calendar: .danish))
        #expect(!h.isOpen(at: LocalDateTime(date: d.adding(days: -7), minuteOfDay: 660), calendar: .danish))
    }

    @Test("easter offsets and ranges", arguments: [
        ("easter -2 days 10:00-12:00", "2027-03-26T11:00", true),   // Good Friday
        ("easter -2 days 10:00-12:00", "2027-03-28T11:00", false),
        ("easter +1 day 10:00-12:00", "2027-03-29T11:00", true),    // Easter Monday
        ("easter -3 days-easter +1 day 09:00-13:00", "2027-03-25T10:00", true),
        ("easter -3 days-easter +1 day 09:00-13:00", "2027-03-30T10:00", false),
        ("Mo-Su 10:00-18:00; easter off", "2026-04-05T11:00", false),
        ("Mo-Su 10:00-18:00; easter off", "2026-04-06T11:00", true),
    ])
    func offsets(text: String, moment: String, open: Bool) {
        #expect(hours(text).isOpen(at: at(moment), calendar: .danish) == open)
    }

    @Test("PH +1 day is the day after each public holiday, PH -1 day the day before")
    func holidayOffsets() {
        // Easter 2027: Skærtorsdag 25, Langfredag 26, Påskedag 28, 2. påskedag 29 March.
        let after = hours("Mo-Fr 08:00-16:00; PH off; PH +1 day 10:00-12:00")
        #expect(render(after.intervals(from: at("2027-03-24T00:00"), to: at("2027-03-31T00:00"), calendar: .danish)) == [
            "2027-03-24T08:00/2027-03-24T16:00", "2027-03-26T10:00/2027-03-26T12:00", "2027-03-27T10:00/2027-03-27T12:00",
            "2027-03-29T10:00/2027-03-29T12:00", "2027-03-30T10:00/2027-03-30T12:00",
        ])
        let before = hours("Mo-Su 10:00-18:00; PH -1 day 10:00-14:00")
        #expect(!before.isOpen(at: at("2026-12-24T15:00"), calendar: .danish))   // the day before Juledag
        #expect(before.isOpen(at: at("2026-12-23T15:00"), calendar: .danish))
        #expect(!before.isOpen(at: at("2026-12-31T15:00"), calendar: .danish))   // the day before Nytårsdag, across the year
        // Day-after across the year end: 2027-01-02 follows Nytårsdag.
        #expect(hours("PH +1 day 10:00-12:00").isOpen(at: at("2027-01-02T11:00"), calendar: .danish))
    }

    @Test("malformed offsets are refused with what was expected", arguments: [
        "PH +1 10:00-12:00", "PH +9 days", "SH +1 day", "easter +1 week",
    ])
    func refused(text: String) {
        #expect(throws: OpeningHoursError.self) { _ = try OpeningHours(parsing: text) }
    }
}
