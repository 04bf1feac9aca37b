import Foundation
import Fuzzing
import Store
import Testing
import TestSupport

/// Synthetic facility CSVs, large enough that an import takes a while.
enum SyntheticCSV {
    /// `rows` facilities with ids `prefix-0...`, spread over the Aalborg area (no opening_hours:
    /// parsing them dominates a debug-build import and adds nothing to crash safety).
    static func facilities(rows: Int, prefix: String, seed: UInt64) -> String {
        var random = FuzzRandom(seed: seed)
        var text = "id,name,kind,lon,lat,capacity,wheelchair,checked\n"
        text.reserveCapacity(rows * 90)
        let kinds = ["school", "sports_hall", "village_hall", "clubhouse", "library"]
        for i in 0..<rows {
            let lon = 9.5 + Double(random.below(1_000_000)) / 1_000_000
            let lat = 56.8 + Double(random.below(500_000)) / 1_000_000
            text += "\(prefix)-\(i),Hus \(i),\(kinds[i % kinds.count]),\(lon),\(lat),\(10 + i % 200),yes,2025-01-01\n"
        }
        return text
    }
}

/// Kills `overblik import` with SIGKILL at random moments: the database must stay intact and hold
/// all of the interrupted import or none of it.
///
/// CI default: 15 rounds of 1 000 rows (a debug build imports 600-2 000 rows a second, by load). The long
/// run: `OVERBLIK_KILL_ROWS=50000 OVERBLIK_KILL_ROUNDS=100 swift test --filter CrashSafetyTests`
/// (with `OVERBLIK_BIN=.build/release/overblik` to kill a release build).
@Suite("Crash safety of imports under SIGKILL", .serialized)
struct CrashSafetyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let rows = Int(environment["OVERBLIK_KILL_ROWS"] ?? "") ?? 1_000
    static let rounds = Int(environment["OVERBLIK_KILL_ROUNDS"] ?? "") ?? 15

    /// The file's modification time in nanoseconds, 0 when missing.
    static func modificationTime(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    }

    static func countAndIntegrity(_ path: String) throws -> (count: Int64, integrity: String) {
        let db = try Database(path: path)
        let integrity = try db.scalar("PRAGMA integrity_check")?.string ?? "no answer"
        let count = try db.scalar("SELECT count(*) FROM facilities")?.int ?? -1
        return (count, integrity)
    }

    @Test("a large facility import killed at a random moment leaves all or none of it, and an intact file")
    func killedImports() throws {
        let dir = try TestSupport.temporaryDirectory("kill")
        let db = dir.appendingPathComponent("kill.sqlite").path
        let baseline = try ChildProcess.run(["import", "facilities", TestSupport.sampleFile("facilities.csv").path], db: db)
        try #require(baseline.status == 0, "baseline import failed: \(baseline.stderr)")

        // Calibrate: an uninterrupted import's duration sets the kill window, so kills land while
        // reading, while validating and inside the write transaction.
        let calibration = dir.appendingPathComponent("calibrate.csv")
        try Data(SyntheticCSV.facilities(rows: Self.rows, prefix: "C", seed: 1).utf8).write(to: calibration)
        let t0 = Date()
        let full = try ChildProcess.run(["import", "facilities", calibration.path], db: db)
        let fullMs = Int(Date().timeIntervalSince(t0) * 1000)
        try #require(full.status == 0, "calibration import failed: \(full.stderr)")
        let windowMs = max(100, fullMs * 11 / 10)

        var random = FuzzRandom(seed: 20_261_127)
        var killed = 0, completed = 0, killedInWrite = 0, kept = 0
        for round in 0..<Self.rounds {
            let before = try Self.countAndIntegrity(db).count
            let file = dir.appendingPathComponent("round-\(round).csv")
            try Data(SyntheticCSV.facilities(rows: Self.rows, prefix: "R\(round)", seed: UInt64(round)).utf8).write(to: file)
            // Odd rounds aim at the write itself: kill 0-3 ms after the WAL file is first written
            // (the commit, or a cache spill inside the transaction). Even rounds: a random moment.
            let aimAtWrite = round % 2 == 1
            let walBefore = Self.modificationTime(db + "-wal")
            let delayMs = 10 + random.below(windowMs - 10)
            let child = try ChildProcess(ChildProcess.overblik, ["import", "facilities", file.path], environment: ["OVERBLIK_DB": db])
            var sawWrite = false
            if aimAtWrite {
                let deadline = Date().addingTimeInterval(Double(windowMs) / 1000 * 2)
                while Date() < deadline && !child.hasExited {
                    if Self.modificationTime(db + "-wal") != walBefore { sawWrite = true; break }
                    usleep(500)
                }
                usleep(UInt32(random.below(3_000)))
            } else {
                usleep(UInt32(delayMs * 1000))
            }
            child.kill9()
            let ending = child.wait()
            if ending.signal != nil {
                killed += 1
                if sawWrite { killedInWrite += 1 }
            } else {
                completed += 1
                #expect(ending.status == 0, "round \(round): import exited \(String(describing: ending.status)): \(ending.stderr)")
            }
            let after = try Self.countAndIntegrity(db)
            let when = aimAtWrite ? "kill at the first WAL write" : "kill after \(delayMs) ms"
            #expect(after.integrity == "ok", "round \(round) (\(when)): integrity_check says \(after.integrity)")
            #expect(after.count == before || after.count == before + Int64(Self.rows),
                    "round \(round) (\(when)): \(before) facilities before, \(after.count) after")
            if after.count != before && ending.signal != nil { kept += 1 }
            try? FileManager.default.removeItem(at: file)
        }
        print("kill -9: \(Self.rounds) rounds of \(Self.rows) rows (\(killed) killed mid-import, \(killedInWrite) of them "
              + "while writing the WAL, \(kept) killed after the commit and kept whole; \(completed) finished first), "
              + "full import \(fullMs) ms, kill window 10-\(windowMs) ms; all intact, all-or-nothing")
        #expect(killed > 0, "no round was interrupted; the kill window is too wide")
        try? FileManager.default.removeItem(at: dir)
    }

    @Test("concurrent imports into one database all succeed; none sees 'database is locked'")
    func concurrentImports() throws {
        let dir = try TestSupport.temporaryDirectory("concurrent")
        let db = dir.appendingPathComponent("c.sqlite").path
        let writers = 4, rows = 600
        var children: [ChildProcess] = []
        for w in 0..<writers {
            let file = dir.appendingPathComponent("w\(w).csv")
            try Data(SyntheticCSV.facilities(rows: rows, prefix: "W\(w)", seed: UInt64(100 + w)).utf8).write(to: file)
        }
        // Create the schema first (an import creates the store; an empty file adds nothing), so that
        // the writers race on data, not on the first migration.
        let header = dir.appendingPathComponent("header.csv")
        try Data("id,name,kind,lon,lat\n".utf8).write(to: header)
        let setup = try ChildProcess.run(["import", "facilities", header.path], db: db)
        try #require(setup.status == 0, "\(setup.stderr)")
        for w in 0..<writers {
            children.append(try ChildProcess(ChildProcess.overblik, ["import", "facilities", dir.appendingPathComponent("w\(w).csv").path],
                                             environment: ["OVERBLIK_DB": db]))
        }
        for (w, child) in children.enumerated() {
            let ending = child.wait()
            #expect(ending.status == 0, "writer \(w) exited \(String(describing: ending.status)): \(ending.stderr)")
            #expect(!ending.stderr.contains("locked"), "writer \(w): \(ending.stderr)")
        }
        let after = try Self.countAndIntegrity(db)
        #expect(after.integrity == "ok")
        #expect(after.count == Int64(writers * rows))
        try? FileManager.default.removeItem(at: dir)
    }
}
