import Facilities
import Foundation
import GeoJSON
import GeoTypes
import Store
import Testing
import TestSupport
@testable import Overblik

/// The pre-encoded facility features: kept current by every writer (triggers for other programs,
/// re-encoding in the facade's transactions), read only while current, and giving the bytes of the
/// facility-by-facility export.
@Suite("Stored facility features")
struct StoredFeaturesTests {
    static let options = ExportOptions(now: ExportRowsTests.now)

    /// The facility-by-facility reference and the stored-feature path (on the calling thread and two
    /// readers) as text sequences; records whether the stored features were current.
    static func compare(_ o: Overblik, expectCurrent: Bool, _ note: String) throws {
        #expect(try o.store.facilityFeaturesAreCurrent(version: FacilityFeatureEncoder.version) == expectCurrent, "\(note)")
        let expected = try ExportRowsTests.reference(o, options, GeoJSONWriterOptions(), sequence: true)
        for plan in [FacilityExportPlan(threadsFrom: .max),
                     FacilityExportPlan(rowsPerChunk: 3, aheadLimit: 2, readers: 2, threadsFrom: 1)] {
            let got = try ExportRowsTests.rows(o, options, GeoJSONWriterOptions(), sequence: true, plan: plan)
            #expect(got == expected, "\(note): the export differs from the reference")
        }
    }

    /// A second connection to the same file (another program: no facade, no re-encoding).
    static func otherProgram(_ path: String) throws -> Database {
        try Database(path: path)
    }

    @Test("edits by another program make features stale; the export stays right and the next facade write re-encodes")
    func editsByOtherPrograms() throws {
        let o = try ExportRowsTests.store("features-edits", seed: 21, count: 60, rooms: true, nastyIDs: false)
        let path = o.databasePath
        try Self.compare(o, expectCurrent: true, "after the facade's import")
        let ids = try o.store.database.query("SELECT id FROM facilities ORDER BY id").compactMap { $0[0].string }
        let withRooms = try o.store.database.query("SELECT DISTINCT facility_id FROM rooms ORDER BY 1").compactMap { $0[0].string }
        let other = try Self.otherProgram(path)
        let edits: [(String, String, [SQLValue])] = [
            ("a renamed facility", "UPDATE facilities SET name = 'Omdøbt \"hal\"' WHERE id = ?", [.text(ids[3])]),
            ("a changed accessibility", "UPDATE facilities SET wheelchair = 'no', hearing_loop = 'yes' WHERE id = ?", [.text(ids[4])]),
            ("a moved facility", "UPDATE facilities SET lon = 10.5, lat = 56.9 WHERE id = ?", [.text(ids[5])]),
            ("a new room", "INSERT INTO rooms (id, facility_id, name, capacity) VALUES ('new-room', ?, 'Sal', 40)", [.text(ids[6])]),
            ("a room's capacity", "UPDATE rooms SET capacity = 999 WHERE facility_id = ?", [.text(withRooms[0])]),
            ("a room moved to another facility", "UPDATE rooms SET facility_id = ? WHERE id = 'new-room'", [.text(ids[7])]),
            ("a deleted room", "DELETE FROM rooms WHERE facility_id = ?", [.text(withRooms[1])]),
            ("a new facility", """
                INSERT INTO facilities (id, name, kind, lon, lat, opening_hours, geom)
                VALUES ('zz-new', 'Ny hal', 'sports_hall', 9.9, 57.0, 'Mo-Fr 17:00-22:00', MakePoint(9.9, 57.0, 4326))
                """, []),
            ("a deleted facility", "DELETE FROM facilities WHERE id = ?", [.text(ids[8])]),
            ("a changed district code", "UPDATE facilities SET district_code = 'D2' WHERE id = ?", [.text(ids[9])]),
        ]
        let deletedHasRooms = withRooms.contains(ids[8])
        for (what, sql, values) in edits {
            try other.run(sql, values)
            // Deleting a facility lists nothing, unless its rooms go with it (then their facility is listed).
            let staleExpected = what != "a deleted facility" || deletedHasRooms
            try Self.compare(o, expectCurrent: !staleExpected, "after \(what) by another program")
            // Any write through the facade re-encodes what is stale, in its own transaction.
            try o.store.write {}
            try Self.compare(o, expectCurrent: true, "after re-encoding \(what)")
        }
        // Ids that are not ASCII: the stored features are no longer read (a walk over some facilities
        // may then attach rooms unlike a walk over all, and ranges do not join rooms exactly).
        #expect(try o.store.facilityRangesJoinExactly())
        try other.run("""
            INSERT INTO facilities (id, name, kind, lon, lat, geom) VALUES ('A\u{030A}-hal', 'Å-hallen', 'sports_hall', 9.9, 57.0, MakePoint(9.9, 57.0, 4326))
            """)
        try other.run("INSERT INTO rooms (id, facility_id, name, opening_hours) VALUES ('å-sal', 'A\u{030A}-hal', 'Sal', 'Mo-Fr 17:00-22:00')")
        try Self.compare(o, expectCurrent: false, "after a facility with a non-ASCII id and a room")
        try o.store.write {}
        #expect(try !o.store.facilityRangesJoinExactly())
        try Self.compare(o, expectCurrent: false, "after encoding the facility with a non-ASCII id")
        // Deleting it deletes its room too: rooms' facility ids turn ASCII again, so everything is
        // encoded again and read again.
        try other.run("DELETE FROM facilities WHERE id = 'A\u{030A}-hal'")
        try o.store.write {}
        try Self.compare(o, expectCurrent: true, "after deleting it with its room")
        // A non-ASCII facility id without rooms stays in the flag until the next full encoding.
        try other.run("INSERT INTO facilities (id, name, kind, lon, lat, geom) VALUES ('Ø-hus', 'Ø', 'other', 9.9, 57.0, MakePoint(9.9, 57.0, 4326))")
        try o.store.write {}
        try Self.compare(o, expectCurrent: false, "after a facility with a non-ASCII id")
        try other.run("DELETE FROM facilities WHERE id = 'Ø-hus'")
        try o.store.write {}
        try Self.compare(o, expectCurrent: false, "after deleting it (read again after the next full encoding)")
        try o.store.setMeta("facility_features_version", "0-force")
        try o.store.write {}
        try Self.compare(o, expectCurrent: true, "after a full encoding")
        // A facade opened on a stale file re-encodes at once.
        try other.run("UPDATE facilities SET phone = '12345678'")
        #expect(try !o.store.facilityFeaturesAreCurrent(version: FacilityFeatureEncoder.version))
        let reopened = try Overblik(databasePath: path)
        try Self.compare(reopened, expectCurrent: true, "after reopening")
    }

    @Test("a store of schema version 1 is migrated and its features encoded when a facade opens it")
    func migratesVersionOne() throws {
        let o = try ExportRowsTests.store("features-v1", seed: 22, count: 50, rooms: true, nastyIDs: false)
        let path = o.databasePath
        let expected = try ExportRowsTests.reference(o, Self.options, GeoJSONWriterOptions(), sequence: false)
        // Undo migration 2 as a version-1 file would look.
        let db = try Self.otherProgram(path)
        for trigger in try db.query("""
            SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'facility_features%' OR name LIKE 'proximity_index%')
            """) {
            try db.execute("DROP TRIGGER \(trigger[0].string!)")
        }
        try db.execute("DROP TABLE proximity_index")
        try db.execute("DROP TABLE facility_features")
        try db.execute("DROP TABLE facility_features_stale")
        try db.execute("DROP INDEX rooms_facility")
        try db.execute("CREATE INDEX rooms_facility ON rooms(facility_id)")
        try db.execute("DELETE FROM overblik_meta WHERE key LIKE 'facility_features%' OR (key LIKE 'schema_summary_%' AND key != 'schema_summary_1')")
        // Undo version 5 too (a rural column on population, the urban areas layer).
        try db.execute("ALTER TABLE population DROP COLUMN rural")
        _ = try db.query("SELECT DropGeoTable('urban_areas')")
        try db.execute("PRAGMA user_version = 1")
        let migrated = try Overblik(databasePath: path)
        #expect(try migrated.store.schemaVersion == Database.supportedSchemaVersion)
        #expect(try migrated.store.database.scalar("SELECT count(*) FROM facility_features")?.int == 50)
        #expect(try migrated.store.facilityFeaturesAreCurrent(version: FacilityFeatureEncoder.version))
        let writer = GeoJSONWriter(sink: MemoryByteSink(), format: .featureCollection)
        _ = try migrated.exportFacilityRows(to: writer, options: Self.options, plan: FacilityExportPlan(threadsFrom: .max))
        #expect(try writer.finish().bytes == expected)
    }

    @Test("features of another encoding version are not read, and are encoded again on the next write")
    func otherVersion() throws {
        let o = try ExportRowsTests.store("features-version", seed: 23, count: 40, rooms: false, nastyIDs: false)
        try o.store.setMeta("facility_features_version", "0-older")
        try Self.compare(o, expectCurrent: false, "with features of an older encoding")
        try o.store.write {}
        #expect(try o.store.meta("facility_features_version") == FacilityFeatureEncoder.version)
        try Self.compare(o, expectCurrent: true, "after encoding them again")
    }

    @Test("a stored feature that is not one gives a clear error naming the file")
    func corruptBody() throws {
        let o = try ExportRowsTests.store("features-corrupt", seed: 24, count: 10, rooms: false, nastyIDs: false)
        try Self.otherProgram(o.store.path).run("UPDATE facility_features SET body = X'0102' WHERE id = (SELECT min(id) FROM facility_features)")
        let writer = GeoJSONWriter(sink: MemoryByteSink(), format: .textSequence)
        #expect {
            _ = try o.exportFacilityRows(to: writer, options: Self.options, plan: FacilityExportPlan(threadsFrom: .max))
        } throws: { error in
            guard case let .corruptFeature(path, _)? = error as? StoreError else { return false }
            return path == o.databasePath && "\(error)".contains("facility_features_version")
        }
    }

    @Test("a failed write leaves features and facilities as they were")
    func failedWrite() throws {
        let o = try ExportRowsTests.store("features-rollback", seed: 25, count: 20, rooms: false, nastyIDs: false)
        let before = try o.store.database.query("SELECT id, hex(body) FROM facility_features ORDER BY id").map(\.values)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try o.store.write {
                try o.store.database.execute("UPDATE facilities SET name = 'changed'")
                throw Boom()
            }
        }
        #expect(try o.store.database.query("SELECT id, hex(body) FROM facility_features ORDER BY id").map(\.values) == before)
        try Self.compare(o, expectCurrent: true, "after the rolled-back write")
    }

    // MARK: - Writes by other programs and by --replace that delete rows without delete triggers

    static func facility(_ id: String, hours: String? = "Mo-Su 08:00-23:00") -> Facility {
        Facility(id: id, name: "Hal \(id)", kind: .sportsHall, location: Coordinate(lon: 9.9, lat: 57.0), openingHours: hours)
    }

    static func room(_ id: String, of facility: String) -> Room {
        Room(id: id, facilityID: facility, name: "Sal", capacity: 40, openingHours: "Mo-Su 08:00-23:00")
    }

    @Test("import --replace moving a room to another facility updates both facilities' features, and keeps rooms of replaced facilities")
    func replaceMovesRoom() throws {
        let (o, _) = try freshOverblik("features-replace")
        try o.store.write {
            try o.store.insert(facilities: [Self.facility("F1"), Self.facility("F2")], replace: false)
            try o.store.insert(rooms: [Self.room("r1", of: "F1")], replace: false)
        }
        try Self.compare(o, expectCurrent: true, "before")
        try o.store.write { try o.store.insert(rooms: [Self.room("r1", of: "F2")], replace: true) }
        try Self.compare(o, expectCurrent: true, "after --replace moved r1 from F1 to F2")
        var renamed = Self.facility("F2")
        renamed.name = "Ny hal"
        try o.store.write { try o.store.insert(facilities: [renamed], replace: true) }
        #expect(try o.store.database.scalar("SELECT count(*) FROM rooms WHERE facility_id = 'F2'")?.int == 1,
                "replacing a facility keeps its rooms")
        try Self.compare(o, expectCurrent: true, "after --replace renamed F2")
    }

    @Test("INSERT OR REPLACE by another program on a room id or a rowid marks the facility it took from")
    func replaceByOtherPrograms() throws {
        let (o, path) = try freshOverblik("features-replace-other")
        try o.store.write {
            try o.store.insert(facilities: [Self.facility("A1"), Self.facility("B1")], replace: false)
            try o.store.insert(rooms: [Self.room("r1", of: "A1")], replace: false)
        }
        let other = try Self.otherProgram(path)
        try other.execute("INSERT OR REPLACE INTO rooms (id, facility_id, name, capacity) VALUES ('r1', 'B1', 'Sal', 40)")
        try Self.compare(o, expectCurrent: false, "after a room moved by REPLACE")
        try o.store.write {}
        try Self.compare(o, expectCurrent: true, "after re-encoding")
        try other.execute("""
            INSERT OR REPLACE INTO facilities (rowid, id, name, kind, lon, lat, geom)
            VALUES ((SELECT rowid FROM facilities WHERE id = 'A1'), 'C1', 'Hal C1', 'sports_hall', 9.9, 57.0, MakePoint(9.9, 57.0, 4326))
            """)
        try Self.compare(o, expectCurrent: false, "after a facility replaced on its rowid")
        try o.store.write {}
        #expect(try o.store.database.query("SELECT id FROM facility_features ORDER BY id").map { $0[0].string ?? "?" }
                == o.store.database.query("SELECT id FROM facilities ORDER BY id").map { $0[0].string ?? "?" })
        try Self.compare(o, expectCurrent: true, "after re-encoding")
    }

    @Test("room values that are not text decode as the reference decodes them")
    func blobRoomName() throws {
        let (o, path) = try freshOverblik("features-blob")
        try o.store.write {
            try o.store.insert(facilities: [Self.facility("F1")], replace: false)
            try o.store.insert(rooms: [Self.room("r1", of: "F1")], replace: false)
        }
        try Self.otherProgram(path).execute("UPDATE rooms SET name = CAST(name AS BLOB)")
        try o.store.write {}
        try Self.compare(o, expectCurrent: true, "after a blob room name")
    }

    @Test("canonically equivalent ids and orphan rooms with non-ASCII ids: exported from the rows, exactly")
    func nonASCIIIDs() throws {
        let (o, path) = try freshOverblik("features-canonical")
        let nfd = "e\u{301}", nfc = "\u{e9}"
        try o.store.write {
            try o.store.insert(facilities: [Self.facility(nfd), Self.facility(nfc), Self.facility("A1"), Self.facility("B1")], replace: false)
            try o.store.insert(rooms: [Self.room("r1", of: nfd), Self.room("r2", of: "B1")], replace: false)
        }
        try Self.compare(o, expectCurrent: false, "with canonically equivalent ids")
        let other = try Self.otherProgram(path)
        try other.run("UPDATE facilities SET phone = '1' WHERE id = ?", [.text(nfc)])
        try o.store.write {}
        try Self.compare(o, expectCurrent: false, "after re-encoding one of them")
        // Only ASCII facility ids, then an orphan room with a non-ASCII facility id (foreign keys off).
        try other.run("DELETE FROM facilities WHERE id IN (?, ?)", [.text(nfd), .text(nfc)])
        try o.store.setMeta("facility_features_version", "0-force")
        try o.store.write {}
        try Self.compare(o, expectCurrent: true, "with ASCII ids only")
        try other.execute("PRAGMA foreign_keys = OFF")
        try other.execute("INSERT INTO rooms (id, facility_id, name) VALUES ('x', 'A\u{30A}', 'Orphan')")
        try Self.compare(o, expectCurrent: false, "after an orphan room")
        try o.store.write {}
        try Self.compare(o, expectCurrent: false, "after re-encoding with the orphan room")
        try other.execute("DELETE FROM rooms WHERE id = 'x'")
        try o.store.write {}
        try Self.compare(o, expectCurrent: true, "after the orphan went (everything encoded again)")
    }

    @Test("opening a stale file never waits for another writer's lock nor writes a read-only file")
    func openWithoutWaiting() throws {
        let (o, path) = try freshOverblik("features-open")
        try o.store.write { try o.store.insert(facilities: [Self.facility("F1")], replace: false) }
        let other = try Self.otherProgram(path)
        try other.execute("UPDATE facilities SET name = 'x'")
        try other.execute("BEGIN IMMEDIATE")
        let started = Date()
        let opened = try Overblik(databasePath: path)
        // Waiting would take the 30 s busy timeout; the bound leaves room for a loaded machine.
        #expect(Date().timeIntervalSince(started) < 10, "the open waited for the other writer")
        try Self.compare(opened, expectCurrent: false, "while another connection holds the write lock")
        try other.execute("COMMIT")
        let readOnly = try Overblik(databasePath: path, readOnly: true)
        try readOnly.store.featureEncoder = FacilityFeatureEncoder()
        #expect(try !readOnly.store.refreshFacilityFeaturesIfFree(), "a read-only connection does not write")
        #expect(try Overblik(databasePath: path).store.refreshFacilityFeaturesIfFree() == false, "the open already encoded them")
        try Self.compare(o, expectCurrent: true, "after a facade opened the file")
    }
}
