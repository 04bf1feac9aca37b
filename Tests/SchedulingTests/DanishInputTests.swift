import Scheduling
import Testing

@Suite("Danish input forms for times, dates and weekly slots")
struct DanishInputTests {
    /// Monday 2026-12-07 20:00.
    static let now = LocalDateTime(date: try! LocalDate(year: 2026, month: 12, day: 7), minuteOfDay: 20 * 60)

    @Test("moments in Danish and English forms", arguments: [
        ("tirsdag 19.00", "2026-12-08T19:00"),
        ("ti 19", "2026-12-08T19:00"),
        ("Tirsdag kl. 19:30", "2026-12-08T19:30"),
        ("man 21.00", "2026-12-07T21:00"),          // later today
        ("man 19.00", "2026-12-14T19:00"),          // passed today: next week
        ("lørdag 10", "2026-12-12T10:00"),
        ("lordag 10", "2026-12-12T10:00"),
        ("søn 9.30", "2026-12-13T09:30"),
        ("soendag 9.30", "2026-12-13T09:30"),
        ("Tuesday 19:00", "2026-12-08T19:00"),
        ("Tu 19:00", "2026-12-08T19:00"),
        ("12.01.2027 19.00", "2027-01-12T19:00"),
        ("12.01.2027 kl. 19", "2027-01-12T19:00"),
        ("12-01-2027 19:00", "2027-01-12T19:00"),
        ("12.01.2027", "2027-01-12T00:00"),
        ("2027-01-12T19:00", "2027-01-12T19:00"),
        ("i morgen 8", "2026-12-08T08:00"),
    ])
    func moments(text: String, expected: String) throws {
        #expect(try DanishInput.time(text, now: Self.now).description == expected)
    }

    @Test("spans give both ends", arguments: [
        ("ti 19-21", "2026-12-08T19:00", "2026-12-08T21:00"),
        ("tirsdag 19.00-21.30", "2026-12-08T19:00", "2026-12-08T21:30"),
        ("12.01.2027 19-21", "2027-01-12T19:00", "2027-01-12T21:00"),
        ("fre 22-02", "2026-12-11T22:00", "2026-12-12T02:00"),
    ])
    func spans(text: String, start: String, end: String) throws {
        let span = try DanishInput.span(from: text, to: nil, now: Self.now)
        #expect(span.start.description == start && span.end.description == end)
    }

    @Test("--to as a bare clock time is on the start's day; a date alone is the whole day")
    func spanEnds() throws {
        let a = try DanishInput.span(from: "12.01.2027 19.00", to: "21.00", now: Self.now)
        #expect(a.end.description == "2027-01-12T21:00")
        let b = try DanishInput.span(from: "12.01.2027", to: nil, now: Self.now)
        #expect(b.start.description == "2027-01-12T00:00" && b.end.description == "2027-01-13T00:00")
    }

    @Test("weekly slots in Danish and opening_hours form", arguments: [
        ("ti 19-21", "Tu 19:00-21:00"), ("tirsdag 19.00-21.00", "Tu 19:00-21:00"),
        ("ons 17.30-19", "We 17:30-19:00"), ("Tu 19:00-21:00", "Tu 19:00-21:00"), ("to 18-20", "Th 18:00-20:00"),
    ])
    func weeklySlots(text: String, expected: String) throws {
        #expect(try DanishInput.weeklySlot(text).description == expected)
    }

    @Test("nonsense is refused with what was expected", arguments: ["tirsdag 25.00", "31.02.2027", "xyz 19", "ti 19-21-23", "12.13.2027"])
    func refused(text: String) {
        #expect(throws: (any Error).self) { _ = try DanishInput.span(from: text, to: nil, now: Self.now) }
    }
}
