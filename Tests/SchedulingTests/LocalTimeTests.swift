import Testing
@testable import Scheduling

@Suite("Local dates and times")
struct LocalTimeTests {
    @Test("Day numbers round-trip through civil dates for four centuries")
    func dayNumbersRoundTrip() throws {
        for n in stride(from: -200_000, through: 200_000, by: 37) {
            let c = CivilCalendar.civil(n)
            #expect(CivilCalendar.dayNumber(year: c.year, month: c.month, day: c.day) == n)
        }
        #expect(try LocalDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(try LocalDate(year: 2000, month: 3, day: 1).dayNumber == 11_017)
    }

    @Test("Leap days exist only in leap years", arguments: [
        ("2028-02-29", true), ("2024-02-29", true), ("2000-02-29", true),
        ("2027-02-29", false), ("2100-02-29", false), ("2026-04-31", false), ("2026-13-01", false),
    ])
    func leapDays(text: String, valid: Bool) {
        #expect(((try? LocalDate(parsing: text)) != nil) == valid)
    }

    @Test("Weekdays are computed from the date", arguments: [
        ("1970-01-01", Weekday.thursday), ("2026-04-05", .sunday), ("2028-02-29", .tuesday),
        ("2026-12-01", .tuesday), ("2026-03-29", .sunday), ("2026-10-25", .sunday),
    ])
    func weekdays(text: String, expected: Weekday) {
        #expect(date(text).weekday == expected)
    }

    @Test("ISO weeks include week 53 of 2026", arguments: [
        ("2026-01-01", 2026, 1), ("2026-12-28", 2026, 53), ("2026-12-31", 2026, 53), ("2027-01-03", 2026, 53),
        ("2027-01-04", 2027, 1), ("2024-12-30", 2025, 1), ("2026-10-12", 2026, 42), ("2026-02-09", 2026, 7),
        ("2021-01-03", 2020, 53),
    ])
    func isoWeeks(text: String, year: Int, week: Int) {
        let w = date(text).isoWeek
        #expect(w.year == year && w.week == week)
    }

    @Test("Local times parse from ISO 8601", arguments: [
        ("2026-12-01T19:00", "2026-12-01T19:00"), ("2026-12-01 19:00", "2026-12-01T19:00"),
        ("2026-12-01T19:00:00", "2026-12-01T19:00"), ("2026-12-01", "2026-12-01T00:00"),
        ("2028-02-29T23:59", "2028-02-29T23:59"),
    ])
    func parsesTimes(text: String, expected: String) throws {
        #expect(try LocalDateTime(parsing: text).description == expected)
    }

    @Test("Malformed local times are rejected", arguments: [
        "2026-12-01T25:00", "2026-12-01T19:60", "2026-12-01T19", "01-12-2026 19:00", "", "2026-12-01T19:00:30",
        "2027-02-29T10:00", "2026-12-01T19:00Z",
    ])
    func rejectsTimes(text: String) {
        #expect(throws: LocalTimeError.self) { try LocalDateTime(parsing: text) }
    }

    @Test("Local times compare in time order")
    func comparesTimes() {
        #expect(at("2026-12-01T19:00") < at("2026-12-01T19:01"))
        #expect(at("2026-12-31T23:59") < at("2027-01-01T00:00"))
        #expect(at("2026-12-01T19:00").adding(minutes: 300) == at("2026-12-02T00:00"))
    }

    @Test("Durations parse from minutes, hours and both", arguments: [
        ("90m", 90), ("2h", 120), ("1h30m", 90), ("1.5h", 90), (" 45m ", 45), ("0m", 0), ("10H", 600),
    ])
    func durations(text: String, minutes: Int) throws {
        #expect(try ScheduleDuration(parsing: text).minutes == minutes)
    }

    @Test("Malformed durations are rejected", arguments: ["", "90", "h", "1m30h", "2x", "1.25m", "-5m", "1h1h"])
    func badDurations(text: String) {
        #expect(throws: LocalTimeError.self) { try ScheduleDuration(parsing: text) }
    }
}
