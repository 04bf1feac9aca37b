import Foundation
@testable import Store
import Testing
import TestSupport
@testable import Overblik

/// An import into an empty facility layer with no other connection on the store writes it once,
/// with a rollback journal instead of the write-ahead log (``Database/writingOnce(_:)``): it must
/// store exactly what the log path stores, stay atomic, and give the store back in WAL mode.
@Suite("Facility imports that write the store once")
struct WriteOnceImportTests {
    /// A CSV of `count` facilities above the write-once size, the row at `badLine` (if any) with a bad capacity.
    static func csv(_ count: Int, badLine: Int? = nil, name: String) throws -> URL {
        let text = StreamingImportTests.facilityCSV(count) { line, row in
            if line == badLine { row = row.replacingOccurrences(of: ",\"", with: "x,\"") }
        }
        #expect(text.utf8.count >= Overblik.writeOnceMinimumBytes)
        return try TestSupport.writeTemporary(text, name: name)
    }

    /// The size of the store's write-ahead log (0 when there is none).
    static func walBytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
    }

    /// Everything the import derives, in a comparable form.
    /// Imports `url` (`rows` rows of `layer`) into a fresh store alone on it, which goes past the log,
    /// and into a fresh store with another connection open (as a server holds one), which keeps the
    /// log; returns both facades and the other connection.
    static func importAloneAndBeside(_ layer: ImportLayer, _ url: URL, rows: Int, label: String) throws
        -> (once: Overblik, logged: Overblik, other: OverblikStore) {
        let (once, oncePath) = try freshOverblik(label)
        #expect(try once.importFile(layer, at: url.path).imported == rows)
        #expect(try once.store.database.journalMode == "wal")
        #expect(walBytes(oncePath) < 64 << 10, "the new pages went to the file, not the log")
        #expect(!FileManager.default.fileExists(atPath: oncePath + "-journal"))
        let (logged, loggedPath) = try freshOverblik(label + "-open")
        let other = try OverblikStore(path: loggedPath)
        #expect(try logged.importFile(layer, at: url.path).imported == rows)
        #expect(walBytes(loggedPath) > 1 << 20, "the log was used")
        #expect(try other.database.scalar("SELECT count(*) FROM \(layer.rawValue)")?.int == Int64(rows))
        return (once, logged, other)
    }

    static func stored(_ o: Overblik) throws -> [[SQLValue]] {
        var out = try StreamingImportTests.rows(o, "facilities")
        for query in ["SELECT id, body FROM facility_features ORDER BY id", "SELECT part, version, body FROM proximity_index ORDER BY part",
                      "SELECT pkid, xmin, xmax, ymin, ymax FROM idx_facilities_geom ORDER BY pkid",
                      "SELECT key, value FROM overblik_meta WHERE key LIKE 'facility_features%' ORDER BY key",
                      "SELECT count(*) FROM facility_features_stale"] {
            out += try o.store.database.query(query).map(\.values)
        }
        return out
    }

    @Test("alone on the store, the import skips the log and stores exactly what it stores while another connection is open")
    func sameAsWithLog() throws {
        let url = try Self.csv(15_000, name: "once.csv")
        let (once, logged, other) = try Self.importAloneAndBeside(.facilities, url, rows: 15_000, label: "write-once")
        #expect(try once.store.database.scalar("PRAGMA synchronous")?.int == 1, "back to NORMAL")
        #expect(try other.database.journalMode == "wal")

        #expect(try Self.stored(once) == Self.stored(logged))
        #expect(try once.store.database.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try once.store.database.scalar("SELECT rtreecheck('idx_facilities_geom')")?.string == "ok")
        #expect(try !once.store.facilityFeaturesNeedEncoding())
    }

    @Test("a bad row in the middle leaves the store as it was, file size included, back in WAL mode")
    func badRowLeavesNothing() throws {
        let (o, path) = try freshOverblik("write-once-bad")
        let before = try tableCounts(o)
        let derived = ["facility_features", "proximity_index", "idx_facilities_geom"]
        let derivedBefore = try derived.map { try o.store.database.scalar("SELECT count(*) FROM \($0)")?.int }
        let pages = try o.store.database.scalar("PRAGMA page_count")?.int
        let url = try Self.csv(15_000, badLine: 7_500, name: "once-bad.csv")
        do {
            _ = try o.importFile(.facilities, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.total == 1)
            #expect(error.problems.first?.position == RecordPosition(file: url.path, line: 7_500))
            #expect(error.problems.first?.field == "capacity")
        }
        #expect(try tableCounts(o) == before)
        #expect(try derived.map { try o.store.database.scalar("SELECT count(*) FROM \($0)")?.int } == derivedBefore)
        // The file is cut back to its pages of before (the rows written before the bad one were appended to it).
        #expect(try o.store.database.scalar("PRAGMA page_count")?.int == pages)
        let pageSize = try #require(try o.store.database.scalar("PRAGMA page_size")?.int)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == Int((pages ?? 0) * pageSize))
        #expect(Self.walBytes(path) < 64 << 10, "the rows written before the bad one went to the file, not the log")
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        #expect(try o.store.database.journalMode == "wal")
        #expect(try o.store.database.scalar("PRAGMA integrity_check")?.string == "ok")
        // The store takes the next import.
        #expect(try o.importFile(.facilities, at: Self.csv(15_000, name: "once-good.csv").path).imported == 15_000)
    }
}

/// Population points take the same write-once path into an empty layer (``Overblik/writeOnceTables``).
@Suite("Population imports that write the store once")
struct WriteOncePopulationTests {
    /// A population CSV of `count` points above the write-once size, the row at `badLine` (if any) with a negative weight.
    static func csv(_ count: Int, badLine: Int? = nil, name: String) throws -> URL {
        var text = "id,lon,lat,weight\n"
        for i in 0..<count {
            let weight = i + 2 == badLine ? "-1" : String(i % 9)
            text += "pop-\(i),\(9.5 + Double(i % 997) / 1000),\(56.8 + Double(i % 991) / 1000),\(weight)\n"
        }
        #expect(text.utf8.count >= Overblik.writeOnceMinimumBytes)
        return try TestSupport.writeTemporary(text, name: name)
    }

    static func stored(_ o: Overblik) throws -> [[SQLValue]] {
        try StreamingImportTests.rows(o, "population")
            + o.store.database.query("SELECT pkid, xmin, xmax, ymin, ymax FROM idx_population_geom ORDER BY pkid").map(\.values)
    }

    @Test("alone on the store, a population import skips the log and stores exactly what it stores while another connection is open")
    func sameAsWithLog() throws {
        let url = try Self.csv(40_000, name: "once-pop.csv")
        let (once, logged, _) = try WriteOnceImportTests.importAloneAndBeside(.population, url, rows: 40_000, label: "write-once-pop")

        #expect(try Self.stored(once) == Self.stored(logged))
        #expect(try once.store.database.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try once.store.database.scalar("SELECT rtreecheck('idx_population_geom')")?.string == "ok")
    }

    @Test("a bad population row in the middle leaves the store as it was, file size included, back in WAL mode")
    func badRowLeavesNothing() throws {
        let (o, path) = try freshOverblik("write-once-pop-bad")
        let pages = try o.store.database.scalar("PRAGMA page_count")?.int
        let url = try Self.csv(40_000, badLine: 30_000, name: "once-pop-bad.csv")
        do {
            _ = try o.importFile(.population, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.problems.first?.position == RecordPosition(file: url.path, line: 30_000))
            #expect(error.problems.first?.field == "weight")
        }
        #expect(try o.store.database.scalar("SELECT count(*) FROM population")?.int == 0)
        #expect(try o.store.database.scalar("SELECT count(*) FROM idx_population_geom")?.int == 0)
        #expect(try o.store.database.scalar("PRAGMA page_count")?.int == pages)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        #expect(try o.store.database.journalMode == "wal")
        #expect(try o.store.database.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try o.importFile(.population, at: Self.csv(40_000, name: "once-pop-good.csv").path).imported == 40_000)
    }
}
