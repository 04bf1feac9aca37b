import Foundation
import Store
import Testing
import TestSupport

/// A writer that finds the store locked waits once, at most the documented time in all, says so,
/// and fails with a clear message (issue 14, item 7: `book` used to wait 8 x 30 s, `import` showed
/// SQLite's raw "database is locked").
@Suite("Writers wait once for a held lock and say so")
struct LockWaitCLITests {
    static let room = "hovedbiblioteket-i-aalborg-moedelokale"

    static let writers: [[String]] = [
        ["book", room, "--from", "2026-12-01T10:00", "--to", "2026-12-01T11:00", "--holder", "A"],
        ["import", "settlements", "Data/settlements.csv", "--replace"],
    ]

    @Test("a lock held past the wait: exit 4 after one wait of the documented length, naming the store",
          arguments: writers)
    func heldLockTimesOut(_ command: [String]) throws {
        let db = try CLI.sampleStore("lockheld")
        let holder = try Database(path: db, loadSpatiaLite: false)
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }
        let started = Date()
        let r = try CLI.run(command, db: db, environment: ["OVERBLIK_LOCK_WAIT_MS": "1500"])
        let seconds = Date().timeIntervalSince(started)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("waiting for another writer to finish with \(db) (at most 1.5 s)"), "\(r.stderr)")
        #expect(r.stderr.contains("is locked by another writer; waited 1.5 s, nothing was written"), "\(r.stderr)")
        #expect(!r.stderr.contains("database is locked"), "\(r.stderr)")
        #expect(seconds < 1.5 * 3 + 3, "waited \(seconds) s for a 1.5 s limit")
    }

    @Test("a lock released during the wait: the write goes through after the notice")
    func releasedLockProceeds() throws {
        let db = try CLI.sampleStore("lockreleased")
        nonisolated(unsafe) let holder = try Database(path: db, loadSpatiaLite: false)
        try holder.execute("BEGIN IMMEDIATE")
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            try? holder.execute("ROLLBACK")
            released.signal()
        }
        let r = try CLI.run(Self.writers[0], db: db, environment: ["OVERBLIK_LOCK_WAIT_MS": "20000"])
        released.wait()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("waiting for another writer"), "\(r.stderr)")
    }
}
