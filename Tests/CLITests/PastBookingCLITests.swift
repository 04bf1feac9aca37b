import Foundation
import Testing
import TestSupport

/// `book` refuses the past on the facade's clock (`OVERBLIK_NOW` fixes it).
@Suite("Bookings in the past on the command line")
struct PastBookingCLITests {
    static let room = "hovedbiblioteket-i-aalborg-moedelokale"

    @Test("book exits 2 naming the past start and writes nothing; the same hour a week on is booked")
    func refusesThePast() throws {
        let db = try CLI.sampleStore("past-cli")
        let clock = ["OVERBLIK_NOW": "2026-12-01T10:30"]
        let past = try CLI.run(["book", Self.room, "--from", "2026-12-01T10:00", "--to", "2026-12-01T11:00", "--holder", "Kor"],
                               db: db, environment: clock)
        #expect(past.status == 2, "\(past.stdout) \(past.stderr)")
        #expect(past.stderr.contains("2026-12-01T10:00 lies in the past (now 2026-12-01T10:30); bookings must start in the future"),
                "\(past.stderr)")
        let none = try CLI.run(["bookings", "--format", "json"], db: db, environment: clock)
        #expect(none.status == 0, "\(none.stderr)")
        let listed = try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any]
        #expect(listed?.isEmpty == true, "\(none.stdout)")
        let future = try CLI.run(["book", Self.room, "--from", "2026-12-08T10:00", "--to", "2026-12-08T11:00", "--holder", "Kor"],
                                 db: db, environment: clock)
        #expect(future.status == 0, "\(future.stderr)")
    }
}
