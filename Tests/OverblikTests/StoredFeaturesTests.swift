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
        let path = o.store.path
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
        for (what, sql, values) in edits {
            try other.run(sql, values)
            let staleExpected = what != "a deleted facility"
            try Self.compare(o, expectCurrent: !staleExpected, "after \(what) by another program")
            // Any write through the facade re-encodes what is stale, in its own transaction.
            try o.store.write {}
            try Self.compare(o, expectCurrent: true, "after re-encoding \(what)")
        }
        // Ids that are not ASCII: ranges no longer join rooms exactly, and the flags kept with the
        // stored features say so without a scan.
        #expect(try o.store.storedFeatureRangesJoinExactly() && o.store.facilityRangesJoinExactly())
        try other.run("""
            INSERT INTO facilities (id, name, kind, lon, lat, geom) VALUES ('A\u{030A}-hal', 'Å-hallen', 'sports_hall', 9.9, 57.0, MakePoint(9.9, 57.0, 4326))
            """)
        try other.run("INSERT INTO rooms (id, facility_id, name, opening_hours) VALUES ('å-sal', 'A\u{030A}-hal', 'Sal', 'Mo-Fr 17:00-22:00')")
        try Self.compare(o, expectCurrent: false, "after a facility with a non-ASCII id and a room")
        try o.store.write {}
        #expect(try !o.store.facilityRangesJoinExactly())
        #expect(try !o.store.storedFeatureRangesJoinExactly())
        try Self.compare(o, expectCurrent: true, "after re-encoding the facility with a non-ASCII id")
        // A facade opened on a stale file re-encodes at once.
        try other.run("UPDATE facilities SET phone = '12345678'")
        #expect(try !o.store.facilityFeaturesAreCurrent(version: FacilityFeatureEncoder.version))
        let reopened = try Overblik(databasePath: path)
        try Self.compare(reopened, expectCurrent: true, "after reopening")
    }

    @Test("a store of schema version 1 is migrated and its features encoded when a facade opens it")
    func migratesVersionOne() throws {
        let o = try ExportRowsTests.store("features-v1", seed: 22, count: 50, rooms: true, nastyIDs: true)
        let path = o.store.path
        let expected = try ExportRowsTests.reference(o, Self.options, GeoJSONWriterOptions(), sequence: false)
        // Undo migration 2 as a version-1 file would look.
        let db = try Self.otherProgram(path)
        for trigger in try db.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'facility_features%'") {
            try db.execute("DROP TRIGGER \(trigger[0].string!)")
        }
        try db.execute("DROP TABLE facility_features")
        try db.execute("DROP TABLE facility_features_stale")
        try db.execute("DELETE FROM overblik_meta WHERE key IN ('facility_features_version', 'schema_summary_2')")
        try db.execute("PRAGMA user_version = 1")
        let migrated = try Overblik(databasePath: path)
        #expect(try migrated.store.schemaVersion == 2)
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
            return path == o.store.path && "\(error)".contains("facility_features_version")
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
}
