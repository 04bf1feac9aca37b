import Foundation
import Fuzzing
import Store
import Testing
import TestSupport

/// Kills `overblik book --repeat weekly` (one series of ~40 bookings written in one transaction) with
/// SIGKILL at random moments: the database must stay intact and hold the whole series or none of it.
///
/// CI default: 12 rounds. More rounds: `OVERBLIK_BOOK_KILL_ROUNDS=19 swift test --filter BookingCrashSafetyTests` (19 distinct evening slots).
@Suite("Crash safety of booking series under SIGKILL", .serialized)
struct BookingCrashSafetyTests {
    static let rounds = min(19, Int(ProcessInfo.processInfo.environment["OVERBLIK_BOOK_KILL_ROUNDS"] ?? "") ?? 12)

    static func state(_ path: String) throws -> (bookings: Int64, series: Int64, orphans: Int64, integrity: String) {
        let db = try Database(path: path)
        let integrity = try db.scalar("PRAGMA integrity_check")?.string ?? "no answer"
        let bookings = try db.scalar("SELECT count(*) FROM bookings")?.int ?? -1
        let series = try db.scalar("SELECT count(*) FROM booking_series")?.int ?? -1
        // A series row without its bookings, or bookings pointing at a missing series, would be half a write.
        let orphans = try db.scalar("""
            SELECT (SELECT count(*) FROM booking_series s WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.series_id = s.id))
                 + (SELECT count(*) FROM bookings b WHERE b.series_id IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM booking_series s WHERE s.id = b.series_id))
            """)?.int ?? -1
        return (bookings, series, orphans, integrity)
    }

    @Test("a weekly series killed at a random moment is stored whole or not at all, and the file stays intact")
    func killedSeries() throws {
        let dir = try TestSupport.temporaryDirectory("bookkill")
        let db = dir.appendingPathComponent("book.sqlite").path
        let setup = try ChildProcess.run(["import", "facilities", TestSupport.sampleFile("facilities.csv").path], db: db)
        try #require(setup.status == 0, "\(setup.stderr)")
        let rooms = try ChildProcess.run(["import", "rooms", TestSupport.sampleFile("rooms.csv").path], db: db)
        try #require(rooms.status == 0, "\(rooms.stderr)")

        // Calibrate with one uninterrupted series; each round then books a different hour of the same evening.
        /// Window `i`: a 15-minute weekly slot from 17:00 + 15·i (every round its own, so no round conflicts).
        func arguments(_ i: Int) -> [String] {
            let start = 17 * 60 + 15 * i, end = start + 15
            return ["book", "nibe-kulturhus-sal",
                    "--from", String(format: "2026-08-18T%02d:%02d", start / 60, start % 60),
                    "--to", String(format: "2026-08-18T%02d:%02d", end / 60, end % 60), "--holder", "Runde \(i)",
                    "--repeat", "weekly", "--until", "2027-06-29"]
        }
        let t0 = Date()
        let full = try ChildProcess.run(arguments(0), db: db)
        try #require(full.status == 0, "calibration booking failed: \(full.stderr)")
        let fullMs = max(20, Int(Date().timeIntervalSince(t0) * 1000))
        let perSeries = try Self.state(db).bookings

        var random = FuzzRandom(seed: 1_127)
        var killed = 0, kept = 0
        for round in 0..<Self.rounds {
            let before = try Self.state(db)
            let args = arguments(1 + round)
            let delayMs = random.below(fullMs * 12 / 10 + 1)
            let child = try ChildProcess(ChildProcess.overblik, args, environment: ["OVERBLIK_DB": db])
            usleep(UInt32(delayMs * 1000))
            child.kill9()
            let ending = child.wait()
            let after = try Self.state(db)
            #expect(after.integrity == "ok", "round \(round): integrity_check says \(after.integrity)")
            #expect(after.orphans == 0, "round \(round): a series without its bookings (or the reverse)")
            let added = after.bookings - before.bookings
            #expect(added == 0 || added == perSeries, "round \(round): \(added) bookings added; expected 0 or \(perSeries)")
            #expect(after.series - before.series == (added == 0 ? 0 : 1))
            if ending.signal != nil {
                killed += 1
                if added != 0 { kept += 1 }
            } else {
                #expect(ending.status == 0 || ending.status == 3, "round \(round): \(ending.stderr)")
            }
        }
        print("kill -9 of booking series: \(Self.rounds) rounds of \(perSeries) bookings, \(killed) killed "
              + "(\(kept) after the commit, kept whole); full series \(fullMs) ms; all intact, all-or-nothing")
    }
}
