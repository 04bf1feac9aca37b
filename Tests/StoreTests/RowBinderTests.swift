import Foundation
import Testing
import Facilities
import GeoTypes
import TestSupport
@testable import Store

/// A bulk writer binds each row's values without SQLite copying them (``RowBinder``): every row
/// is stored with its own values, whatever the rows around it, with the outcomes as before.
@Suite("Rows bound in place")
struct RowBinderTests {
    static func store(_ label: String) throws -> OverblikStore { try SpatialIndexDeferralTests.store(label) }

    /// Writes `batches` through a bulk facility writer each (one transaction per batch) and returns every outcome.
    static func write(_ batches: [[[Facility]]], to store: OverblikStore) throws -> [[PointRowOutcome]] {
        var outcomes: [[PointRowOutcome]] = []
        for chunks in batches {
            try store.write {
                let writer = try store.facilityWriter(replace: false, expectedRows: Int.max)
                for chunk in chunks { outcomes.append(try writer.add(chunk)) }
                try writer.finish()
            }
        }
        return outcomes
    }

    /// The layer's rows with their rowids, the R*Tree and the stored features.
    static func contents(_ store: OverblikStore) throws -> [[[SQLValue]]] {
        try ["SELECT rowid, * FROM facilities ORDER BY rowid", "SELECT * FROM idx_facilities_geom ORDER BY pkid",
             "SELECT * FROM facility_features ORDER BY id", "SELECT * FROM facility_features_stale ORDER BY id"]
            .map { try store.database.query($0).map(\.values) }
    }

    static func facilities(_ ids: [String], seed: UInt64) -> [Facility] {
        var g = SeededGenerator(seed: seed)
        return ids.map { id in
            Facility(id: id, name: "Hal \(id)", kind: .sportsHall,
                     location: Coordinate(lon: 8 + Double(g.next() % 10_000_000) / 1e6, lat: 54.5 + Double(g.next() % 3_000_000) / 1e6),
                     address: g.next() % 3 == 0 ? nil : "Vej \(id)", capacity: g.next() % 2 == 0 ? nil : Int(g.next() % 500))
        }
    }

    @Test("each row is stored with its own values; repeated ids and ids already stored get their outcomes",
          arguments: [UInt64(1), 2, 3])
    func outcomes(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        // Ids drawn with repeats from a small pool; texts of varying lengths and NULLs from row to row.
        let first = (0..<2_500).map { _ in "f\(g.next() % 20_000)" }, second = (0..<1_200).map { _ in "f\(g.next() % 40_000)" }
        let batches = [[Array(first[..<1_000]), Array(first[1_000...])], [second]].map { $0.map { Self.facilities($0, seed: seed) } }
        let grouped = try Self.store("bound-\(seed)")
        let outcomes = try Self.write(batches, to: grouped)

        // What one statement per row gives: the first of an id is inserted, a later one in its batch a
        // repeat, one of a later batch already there.
        var expected: [[PointRowOutcome]] = [], stored = Set<String>()
        for chunks in batches {
            var batch = Set<String>()
            for chunk in chunks {
                expected.append(chunk.map { f in
                    if stored.contains(f.id) { return .existing }
                    return batch.insert(f.id).inserted ? .inserted : .duplicateInBatch
                })
            }
            stored.formUnion(batch)
        }
        #expect(outcomes == expected)
        #expect(outcomes.joined().contains(.duplicateInBatch) && outcomes.joined().contains(.existing))

        // Read back: exactly the values of each id's first row.
        var firsts: [String: Facility] = [:]
        for f in batches.joined().joined() where firsts[f.id] == nil { firsts[f.id] = f }
        let read = try grouped.facilities()
        #expect(read.count == firsts.count)
        #expect(read.allSatisfy { $0 == firsts[$0.id] })

        let perRow = try Self.store("bound-row-\(seed)")
        for chunks in batches {
            try perRow.write {
                for chunk in chunks {
                    for (f, outcome) in zip(chunk, expected.removeFirst()) where outcome == .inserted {
                        try perRow.insert(facilities: [f], replace: false)
                    }
                }
            }
        }
        #expect(try Self.contents(grouped) == Self.contents(perRow))
        #expect(try grouped.database.scalar("PRAGMA integrity_check")?.string == "ok")
    }

    @Test("a row the table refuses fails the batch with SQLite's error and leaves nothing")
    func refusedRow() throws {
        let store = try Self.store("bound-refused")
        var rows = Self.facilities((0..<600).map { "r\($0)" }, seed: 4)
        rows[333].location = Coordinate(lon: 200, lat: 56)  // outside the column's CHECK
        #expect(throws: DatabaseError.self) { _ = try Self.write([[rows]], to: store) }
        #expect(try store.database.scalar("SELECT count(*) FROM facilities")?.int == 0)
        #expect(try store.database.scalar("SELECT count(*) FROM idx_facilities_geom")?.int == 0)
        // The triggers are back: a later import is whole.
        _ = try Self.write([[Array(rows[..<333])]], to: store)
        #expect(try store.database.scalar("SELECT count(*) FROM facilities")?.int == 333)
    }

    @Test("a statement is known to run a trigger or not (stored features are grouped only without)")
    func triggers() throws {
        let store = try Self.store("bound-triggers")
        let db = store.database
        try db.execute("CREATE TABLE t (a); CREATE TABLE u (a); CREATE TABLE log (a)")
        try db.execute("CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (NEW.a); END")
        #expect(try db.firesTriggers("INSERT OR IGNORE INTO t (a) VALUES (?), (?)"))
        #expect(try !db.firesTriggers("INSERT OR IGNORE INTO u (a) VALUES (?), (?)"))
        // Facilities keep SpatiaLite's and Overblik's insert triggers outside a bulk batch.
        #expect(try db.firesTriggers("INSERT INTO facilities (id, name, kind, lon, lat, geom) VALUES (?, ?, ?, ?, ?, ?)"))
    }
}
