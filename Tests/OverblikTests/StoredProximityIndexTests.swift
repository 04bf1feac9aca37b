import Analysis
import Facilities
import Foundation
import GeoTypes
import Scheduling
import Store
import Testing
import TestSupport
@testable import Overblik

/// The persisted proximity index: after every kind of write it gives exactly the answers of an
/// index built from the rows at that moment; a stale, foreign or damaged index is never read.
@Suite("Persisted proximity index")
struct StoredProximityIndexTests {
    static let places: [Coordinate] = {
        var g = SeededGenerator(seed: 5)
        return (0..<8).map { _ in Coordinate(lon: 9 + Double(g.next() % 100_000) / 1e6 * 1.1, lat: 57 + Double(g.next() % 100_000) / 1e6 * 1.1) }
            + [Coordinate(lon: 12.5, lat: 55.7), Coordinate(lon: -170, lat: -80)]
    }()

    static let queries: [NearQuery] = [
        NearQuery(limit: 10),
        NearQuery(limit: 3, within: 2_000),
        NearQuery(filter: FacilityFilter(kinds: [.villageHall, .school]), limit: 5),
        NearQuery(filter: FacilityFilter(wheelchair: .yes), limit: 5),
        NearQuery(filter: FacilityFilter(stepFree: true, minCapacity: 50), limit: 4),
        NearQuery(filter: FacilityFilter(hearingLoop: true), limit: 3, within: 5_000),
        NearQuery(limit: 5, time: .freeAt(start: ExportRowsTests.now, duration: ScheduleDuration(minutes: 120))),
    ]

    static func json(_ hits: [NearHit]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(hits), as: UTF8.self)
    }

    /// Every query at every place through `reader`'s cold path and through a catalogue built from
    /// the rows now; `storedAnswers` says whether the persisted index must (or must not) answer.
    static func compare(_ reader: Overblik, storedAnswers: Bool?, _ note: String) throws {
        let fresh = try Overblik(databasePath: reader.store.path, readOnly: true)
        _ = try fresh.catalog()
        var answeredFromIndex = true
        for (p, point) in places.enumerated() {
            let place = ResolvedPlace(kind: .coordinate, name: "p\(p)", location: point)
            for (q, query) in queries.enumerated() {
                let expected = try json(fresh.near(place, query).hits)
                if try reader.nearFromStoredIndex(place, query) == nil { answeredFromIndex = false }
                let got = try json(reader.near(place, query).hits)
                #expect(got == expected, "\(note): place \(p), query \(q)")
            }
        }
        if let storedAnswers {
            #expect(answeredFromIndex == storedAnswers, "\(note): answered from the persisted index: \(answeredFromIndex)")
        }
    }

    static func isCurrent(_ o: Overblik) throws -> Bool {
        try o.store.proximityIndexIsCurrent(version: ProximityIndexCodec.version)
    }

    @Test("facade writes leave the index current and answering exactly as one built from the rows")
    func facadeWrites() throws {
        let o = try ExportRowsTests.store("proximity-facade", seed: 31, count: 120, rooms: true, nastyIDs: false)
        #expect(try Self.isCurrent(o))
        let reader = try Overblik(queryingDatabasePath: o.store.path)
        try Self.compare(reader, storedAnswers: true, "after the import")
        let ids = try o.store.database.query("SELECT id FROM facilities ORDER BY id").compactMap { $0[0].string }
        // --replace through the importer: moved points, other kinds and accessibility, a new facility.
        let csv = """
            id,name,kind,lon,lat,wheelchair,step_free,capacity
            \(ids[0]),Flyttet,village_hall,9.0501,57.0502,yes,yes,60
            \(ids[1]),Skole,school,9.0002,57.0003,no,yes,80
            new-one,Ny,village_hall,9.02,57.02,yes,no,10
            """
        let file = try TestSupport.writeTemporary(csv, name: "replace.csv")
        var options = ImportOptions()
        options.replace = true
        _ = try o.importFile(.facilities, at: file.path, options: options)
        #expect(try Self.isCurrent(o))
        try Self.compare(reader, storedAnswers: true, "after an import with --replace")
        try o.store.write { try o.store.database.run("DELETE FROM facilities WHERE id IN (?, ?)", [.text(ids[2]), .text(ids[3])]) }
        #expect(try Self.isCurrent(o))
        try Self.compare(reader, storedAnswers: true, "after a delete through the facade")
        try o.store.write {
            try o.store.insert(rooms: [Room(id: "r-access", facilityID: ids[4], name: "Sal", capacity: 70,
                                            accessibility: Accessibility(wheelchair: .yes, stepFree: .yes, hearingLoop: .yes))], replace: false)
        }
        #expect(try Self.isCurrent(o))
        try Self.compare(reader, storedAnswers: true, "after a room import")
    }

    @Test("edits by another program drop the index; it is built again before it is read")
    func editsByOtherPrograms() throws {
        let o = try ExportRowsTests.store("proximity-edits", seed: 32, count: 100, rooms: true, nastyIDs: false)
        let reader = try Overblik(queryingDatabasePath: o.store.path)
        try Self.compare(reader, storedAnswers: true, "after the import")
        let ids = try o.store.database.query("SELECT id FROM facilities ORDER BY id").compactMap { $0[0].string }
        let withRooms = try o.store.database.query("SELECT DISTINCT facility_id FROM rooms ORDER BY 1").compactMap { $0[0].string }
        let other = try Database(path: o.store.path)
        let edits: [(String, String, [SQLValue])] = [
            ("a moved facility", "UPDATE facilities SET lon = 9.03, lat = 57.03 WHERE id = ?", [.text(ids[5])]),
            ("a changed accessibility", "UPDATE facilities SET wheelchair = 'yes', hearing_loop = 'yes', kind = 'school' WHERE id = ?", [.text(ids[6])]),
            ("a new accessible room", """
                INSERT INTO rooms (id, facility_id, name, capacity, wheelchair, step_free) VALUES ('new-room', ?, 'Sal', 90, 'yes', 'yes')
                """, [.text(ids[7])]),
            ("a room moved to another facility", "UPDATE rooms SET facility_id = ? WHERE id = 'new-room'", [.text(ids[8])]),
            ("deleted rooms", "DELETE FROM rooms WHERE facility_id = ?", [.text(withRooms[0])]),
            ("a new facility", """
                INSERT INTO facilities (id, name, kind, lon, lat, wheelchair, geom)
                VALUES ('zz-new', 'Ny hal', 'village_hall', 9.04, 57.04, 'yes', MakePoint(9.04, 57.04, 4326))
                """, []),
            ("a deleted facility", "DELETE FROM facilities WHERE id = ?", [.text(ids[9])]),
            ("a facility replaced on its id", """
                INSERT OR REPLACE INTO facilities (id, name, kind, lon, lat, geom)
                VALUES (?, 'Erstattet', 'library', 9.06, 57.06, MakePoint(9.06, 57.06, 4326))
                """, [.text(ids[10])]),
        ]
        for (what, sql, values) in edits {
            try other.run(sql, values)
            #expect(try !Self.isCurrent(o), "\(what): the index must be dropped")
            // The long-lived reader notices the commit, finds no index, builds it and then reads it.
            try Self.compare(reader, storedAnswers: true, "after \(what) by another program")
            #expect(try Self.isCurrent(o))
        }
        // Stale while another program holds the write lock: nothing can be built, nothing stale is
        // read; the answers come from the rows.
        try other.run("UPDATE facilities SET lon = 9.07 WHERE id = ?", [.text(ids[11])])
        try other.execute("BEGIN IMMEDIATE")
        try Self.compare(try Overblik(queryingDatabasePath: o.store.path), storedAnswers: false, "while another program holds the write lock")
        try other.execute("ROLLBACK")
        #expect(try !Self.isCurrent(o))
        try o.store.write {}
        #expect(try Self.isCurrent(o))
        try Self.compare(reader, storedAnswers: true, "after the next facade write")
    }

    @Test("an index of another version, a damaged one or one a file edit went around is never read", arguments: [
        "foreign version", "damaged part", "missing part", "renamed id behind the triggers", "rank out of range in a part of the right size",
    ])
    func neverReadWhenNotHonest(damage: String) throws {
        let o = try ExportRowsTests.store("proximity-\(damage.prefix(8))", seed: 33, count: 80, rooms: true, nastyIDs: false)
        let other = try Database(path: o.store.path)
        other.setBusyTimeout(milliseconds: 0)
        let nearest = try #require(try o.near(ResolvedPlace(kind: .coordinate, name: "p", location: Self.places[0]), NearQuery(limit: 1)).hits.first)
        switch damage {
        case "foreign version":
            try other.run("UPDATE proximity_index SET version = 'overblik-proximity/0'")
            #expect(try !Self.isCurrent(o))
        case "damaged part":
            try other.run("UPDATE proximity_index SET body = X'00010203' WHERE part = 1")
        case "missing part":
            try other.run("DELETE FROM proximity_index WHERE part = (SELECT max(part) FROM proximity_index)")
        case "rank out of range in a part of the right size":
            // The last point's rank (the last 4 bytes of the first data part) becomes 0xFFFFFFFF.
            var body = try #require(try other.scalar("SELECT body FROM proximity_index WHERE part = 1")?.bytes)
            body.replaceSubrange((body.count - 4)..., with: [0xFF, 0xFF, 0xFF, 0xFF])
            try other.run("UPDATE proximity_index SET body = ? WHERE part = 1", [.blob(body)])
        default:
            try other.execute("PRAGMA foreign_keys = OFF")
            try other.execute("DROP TRIGGER proximity_index_on_update")
            try other.run("UPDATE facilities SET id = 'zz-renamed' WHERE id = ?", [.text(nearest.id)])
            try other.execute("""
                CREATE TRIGGER proximity_index_on_update AFTER UPDATE ON facilities BEGIN DELETE FROM proximity_index; END
                """)
        }
        let place = ResolvedPlace(kind: .coordinate, name: "p", location: Self.places[0])
        if damage == "renamed id behind the triggers" || damage.hasPrefix("rank out of range") {
            // It loads (its data parts are read as searches reach them), but a row it points at is not
            // the facility it names, or the part does not fit: the answer is not used.
            #expect(try StoredProximityIndex.load(from: o.store) != nil)
            let reader = try Overblik(queryingDatabasePath: o.store.path)
            try other.execute("BEGIN IMMEDIATE")
            #expect(try reader.nearFromStoredIndex(place, NearQuery(limit: 3)) == nil, "must not answer from this index")
            try other.execute("ROLLBACK")
        } else {
            #expect(try StoredProximityIndex.load(from: o.store) == nil, "\(damage): must not be read")
        }
        // Answers are right meanwhile (from the rows while the lock is held, then from the rebuilt index).
        try other.execute("BEGIN IMMEDIATE")
        try Self.compare(try Overblik(queryingDatabasePath: o.store.path), storedAnswers: false, "with a \(damage), locked")
        try other.execute("ROLLBACK")
        try Self.compare(try Overblik(queryingDatabasePath: o.store.path), storedAnswers: true, "with a \(damage), rebuilt by the reader")
        #expect(try Self.isCurrent(o))
        #expect(try StoredProximityIndex.load(from: o.store) != nil)
    }

    @Test("stores whose ids Swift and SQLite order differently answer from the rows, exactly")
    func awkwardIDs() throws {
        let o = try ExportRowsTests.store("proximity-nasty", seed: 34, count: 80, rooms: true, nastyIDs: true)
        try Self.compare(try Overblik(queryingDatabasePath: o.store.path), storedAnswers: nil, "with awkward ids")
    }

    @Test("a store from before the persisted index gets one at its first write")
    func migration() throws {
        let o = try ExportRowsTests.store("proximity-migrate", seed: 35, count: 40, rooms: false, nastyIDs: false)
        let path = o.databasePath
        let other = try Database(path: path)
        for row in try other.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'proximity_index_%'") {
            try other.execute("DROP TRIGGER \(row[0].string!)")
        }
        try other.execute("DROP TABLE proximity_index")
        // The persisted index is the last migration: set the version back to just before it.
        try other.execute("PRAGMA user_version = \(Database.supportedSchemaVersion - 1)")
        let migrated = try Overblik(databasePath: path)
        #expect(try migrated.store.schemaVersion == Database.supportedSchemaVersion)
        #expect(try !Self.isCurrent(migrated))
        try migrated.store.write {}
        #expect(try Self.isCurrent(migrated))
        try Self.compare(try Overblik(queryingDatabasePath: path), storedAnswers: true, "after migrating from the version before the index")
    }
}
