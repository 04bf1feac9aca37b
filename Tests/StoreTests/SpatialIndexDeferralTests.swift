import Foundation
import Testing
import Facilities
import GeoTypes
import TestSupport
@testable import Store

/// Batches filled into the spatial index in bulk leave it exactly as SpatiaLite's per-row trigger
/// does, keep the trigger, and roll back whole.
@Suite("Spatial index filled in bulk")
struct SpatialIndexDeferralTests {
    static func store(_ label: String) throws -> OverblikStore {
        let dir = try TestSupport.temporaryDirectory(label)
        return try OverblikStore(path: dir.appendingPathComponent("t.sqlite").path)
    }

    /// Facilities at seeded points, some repeated and some on awkward coordinates.
    static func facilities(_ count: Int, seed: UInt64, prefix: String = "f") -> [Facility] {
        var g = SeededGenerator(seed: seed)
        let awkward: [Coordinate] = [Coordinate(lon: 180, lat: 90), Coordinate(lon: -180, lat: -90), Coordinate(lon: 0, lat: 0),
                                     Coordinate(lon: 9.9217123456789, lat: 57.0488123456789)]
        return (0..<count).map { i in
            let point = g.next() % 7 == 0 ? awkward[Int(g.next() % 4)]
                : Coordinate(lon: 8 + Double(g.next() % 10_000_000) / 1e6, lat: 54.5 + Double(g.next() % 3_000_000) / 1e6)
            return Facility(id: "\(prefix)\(i)", name: "Hal \(i)", kind: .sportsHall, location: point)
        }
    }

    /// The R*Tree's rows, and SpatiaLite's own check of the index.
    static func index(_ store: OverblikStore, _ table: String) throws -> (rows: [[SQLValue]], valid: Bool) {
        let rows = try store.database.query("SELECT pkid, xmin, xmax, ymin, ymax FROM idx_\(table)_geom ORDER BY pkid").map(\.values)
        let valid = try store.database.scalar("SELECT CheckSpatialIndex('\(table)', 'geom')")?.int == 1
            && store.database.scalar("SELECT rtreecheck('idx_\(table)_geom')")?.string == "ok"
        return (rows, valid)
    }

    @Test("a layer filled from empty gets a packed R*Tree that SQLite and SpatiaLite accept and keep up to date")
    func packedTree() throws {
        let packed = try Self.store("deferral-packed"), perRow = try Self.store("deferral-packed-row")
        let points = Self.facilities(6_000, seed: 9)
        try packed.write { try packed.insert(facilities: points, replace: false) }
        try perRow.write { for f in points { try perRow.insert(facilities: [f], replace: false) } }
        // Several levels: 6 000 boxes in nodes of at most 51.
        #expect(try packed.database.scalar("SELECT count(*) FROM idx_facilities_geom_node")?.int ?? 0 > 100)
        let a = try Self.index(packed, "facilities"), b = try Self.index(perRow, "facilities")
        #expect(a.valid && b.valid)
        #expect(a.rows == b.rows)
        let window = """
            SELECT pkid FROM idx_facilities_geom WHERE xmin <= 9.5 AND xmax >= 8.7 AND ymin <= 56 AND ymax >= 55.2 ORDER BY pkid
            """
        #expect(try packed.database.query(window).map(\.values) == perRow.database.query(window).map(\.values))
        #expect(try !packed.database.query(window).isEmpty)
        // SQLite's own inserts, moves and deletes work on the packed tree.
        try packed.write {
            try packed.insert(facilities: Self.facilities(300, seed: 10, prefix: "m"), replace: false)
            try packed.database.execute("DELETE FROM facilities WHERE rowid % 3 = 0")
            try packed.database.execute("UPDATE facilities SET geom = MakePoint(lon + 0.01, lat, 4326) WHERE rowid % 5 = 0")
        }
        let after = try Self.index(packed, "facilities")
        #expect(after.valid)
        #expect(after.rows.count == (try packed.database.scalar("SELECT count(*) FROM facilities")?.int).map(Int.init))
        for name in ["gii", "ggi", "tmi"] {
            #expect(try packed.database.scalar("SELECT count(*) FROM sqlite_master WHERE name = '\(name)_facilities_geom'")?.int == 1)
        }
    }

    @Test("a packed R*Tree ordered by SQLite's sorter (large layers, bounded memory) holds the same boxes and is valid")
    func externallySortedTree() throws {
        let external = try Self.store("deferral-external"), inMemory = try Self.store("deferral-in-memory")
        let points = Self.facilities(6_000, seed: 11)
        try inMemory.write { try inMemory.insert(facilities: points, replace: false) }
        try external.write {
            let deferral = try #require(try external.beginDeferringSpatialIndex(of: "facilities"))
            for start in stride(from: 0, to: points.count, by: 50) {
                try external.insert(facilities: Array(points[start..<min(points.count, start + 50)]), replace: false)
            }
            #expect(try external.bulkLoadRTree("idx_facilities_geom", from: "facilities", inMemoryLimit: 100))
            external.abandon(deferral)
        }
        let a = try Self.index(external, "facilities"), b = try Self.index(inMemory, "facilities")
        #expect(a.valid && b.valid)
        #expect(a.rows == b.rows && a.rows.count == 6_000)
        #expect(try external.database.scalar("SELECT count(*) FROM idx_facilities_geom_node")?.int
                == inMemory.database.scalar("SELECT count(*) FROM idx_facilities_geom_node")?.int)
    }

    /// Rows left with gaps in their rowids, or with rowids beyond 32 bits (mapped row by row).
    static let rowIDChanges = [("DELETE FROM facilities WHERE rowid % 7 = 0 OR rowid < 5", 3_000 - 3_000 / 7 - 4),
                               ("UPDATE facilities SET rowid = rowid + 5000000000 WHERE rowid % 3 = 0", 3_000)]

    @Test("a packed R*Tree over rows with gaps in their rowids or rowids beyond 32 bits, its boxes and row map sorted in spilled runs, equals the per-row one",
          arguments: [100, 1 << 20], [0, 1])
    func gapsInRowIDs(runLength: Int, change: Int) throws {
        let packed = try Self.store("deferral-gaps-\(runLength)-\(change)"), perRow = try Self.store("deferral-gaps-row-\(runLength)-\(change)")
        let points = Self.facilities(3_000, seed: 12)
        let (thinned, expected) = Self.rowIDChanges[change]
        try perRow.write {
            try perRow.insert(facilities: points, replace: false)
            try perRow.database.execute(thinned)
            // SpatiaLite's triggers do not follow a changed rowid: the reference is its own rebuild then.
            if change == 1 { #expect(try perRow.database.scalar("SELECT RecoverSpatialIndex('facilities', 'geom')")?.int == 1) }
        }
        try packed.write {
            let deferral = try #require(try packed.beginDeferringSpatialIndex(of: "facilities"))
            for start in stride(from: 0, to: points.count, by: 50) {
                try packed.insert(facilities: Array(points[start..<min(points.count, start + 50)]), replace: false)
            }
            try packed.database.execute(thinned)
            #expect(try packed.bulkLoadRTree("idx_facilities_geom", from: "facilities", inMemoryLimit: runLength))
            packed.abandon(deferral)
        }
        let a = try Self.index(packed, "facilities"), b = try Self.index(perRow, "facilities")
        #expect(a.valid && b.valid)
        #expect(a.rows == b.rows && a.rows.count == expected)
    }

    @Test("bulk and per-row filling give the same index, with inserts and upserts mixed")
    func sameIndex() throws {
        let bulk = try Self.store("deferral-bulk"), perRow = try Self.store("deferral-row")
        let first = Self.facilities(500, seed: 1), second = Self.facilities(300, seed: 2, prefix: "f") + Self.facilities(200, seed: 3, prefix: "g")
        try bulk.write { try bulk.insert(facilities: first, replace: false) }
        try bulk.write { try bulk.insert(facilities: second, replace: true) }
        // The same rows one at a time (batches below the bulk minimum keep the trigger).
        for f in first { try perRow.write { try perRow.insert(facilities: [f], replace: false) } }
        for f in second { try perRow.write { try perRow.insert(facilities: [f], replace: true) } }
        let a = try Self.index(bulk, "facilities"), b = try Self.index(perRow, "facilities")
        #expect(a.valid && b.valid)
        #expect(a.rows.count == 700)
        #expect(a.rows == b.rows)
        let trigger = "SELECT sql FROM sqlite_master WHERE name = 'gii_facilities_geom'"
        #expect(try bulk.database.scalar(trigger) == perRow.database.scalar(trigger), "the trigger is back as it was")
    }

    @Test("settlements and population points are indexed in bulk too")
    func otherLayers() throws {
        let store = try Self.store("deferral-layers")
        let points = Self.facilities(300, seed: 4)
        try store.write {
            try store.insert(settlements: points.map { Settlement(id: $0.id, name: $0.name, location: $0.location, population: 10) },
                             replace: false)
            try store.insert(population: points.map { PopulationPoint(id: $0.id, location: $0.location, weight: 1) }, replace: false)
        }
        for table in ["settlements", "population"] {
            let index = try Self.index(store, table)
            #expect(index.valid && index.rows.count == 300, "\(table)")
        }
    }

    @Test("a batch that fails leaves rows, index and trigger as they were")
    func rollback() throws {
        let store = try Self.store("deferral-rollback")
        try store.write { try store.insert(facilities: Self.facilities(100, seed: 5), replace: false) }
        let before = try Self.index(store, "facilities")
        // The last facility repeats an existing id: the batch fails after 199 rows were inserted.
        let batch = Self.facilities(199, seed: 6, prefix: "n") + [Self.facilities(1, seed: 5)[0]]
        #expect(throws: DatabaseError.self) { try store.write { try store.insert(facilities: batch, replace: false) } }
        let after = try Self.index(store, "facilities")
        #expect(after.rows == before.rows && after.valid)
        #expect(try store.database.scalar("SELECT count(*) FROM facilities")?.int == 100)
        #expect(try store.database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'gii_facilities_geom'")?.int == 1)
    }
}
