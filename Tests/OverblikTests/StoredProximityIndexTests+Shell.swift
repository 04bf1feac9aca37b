import Foundation
import GeoTypes
import Store
import Testing
import TestSupport
@testable import Overblik

/// Edits by another program, the real one: the `sqlite3` command-line shell (Debian `sqlite3`,
/// installed by Tools/setup.sh), with SpatiaLite loaded as a user's session would load it.
extension StoredProximityIndexTests {
    static let shell = TestSupport.which("sqlite3")

    /// Runs `sql` through the `sqlite3` shell on `path` (SpatiaLite loaded first), failing on any error.
    static func sqlite3(_ path: String, _ sql: String) throws {
        let result = try TestSupport.run(shell!, ["-bail", "-cmd", ".load mod_spatialite", path], stdin: sql + "\n")
        try #require(result.status == 0, "sqlite3 failed (\(result.status)): \(result.stderr)")
    }

    @Test("edits through the sqlite3 shell drop the index; the next reader builds it again and answers exactly",
          .enabled(if: shell != nil, "needs the sqlite3 command-line shell (Debian package sqlite3)"))
    func editsThroughTheShell() throws {
        let o = try ExportRowsTests.store("proximity-shell", seed: 36, count: 100, rooms: true, nastyIDs: false)
        let path = try o.store.path
        let reader = try Overblik(queryingDatabasePath: path)
        try Self.compare(reader, storedAnswers: true, "after the import")
        let ids = try o.store.database.query("SELECT id FROM facilities ORDER BY id").compactMap { $0[0].string }
        let edits: [(String, String)] = [
            ("a moved facility", "UPDATE facilities SET lon = 9.031, lat = 57.031, geom = MakePoint(9.031, 57.031, 4326) WHERE id = '\(ids[5])';"),
            ("changed accessibility", "UPDATE facilities SET wheelchair = 'yes', hearing_loop = 'yes', kind = 'school' WHERE id = '\(ids[6])';"),
            ("a new accessible room", """
                INSERT INTO rooms (id, facility_id, name, capacity, wheelchair, step_free) VALUES ('shell-room', '\(ids[7])', 'Sal', 90, 'yes', 'yes');
                """),
            ("a new facility", """
                INSERT INTO facilities (id, name, kind, lon, lat, wheelchair, geom)
                VALUES ('zz-shell', 'Ny hal', 'village_hall', 9.041, 57.041, 'yes', MakePoint(9.041, 57.041, 4326));
                """),
            ("deleted facilities and rooms in one transaction", """
                BEGIN; DELETE FROM rooms WHERE facility_id = '\(ids[8])'; DELETE FROM facilities WHERE id IN ('\(ids[8])', '\(ids[9])'); COMMIT;
                """),
        ]
        for (what, sql) in edits {
            try Self.sqlite3(path, sql)
            #expect(try !Self.isCurrent(o), "\(what): the index must be dropped")
            try Self.compare(reader, storedAnswers: true, "after \(what) through sqlite3")
            #expect(try Self.isCurrent(o), "\(what): the reader built the index again")
        }
    }

    @Test("a VACUUM through the sqlite3 shell fires no trigger; the index stays exact, whether rowids move or not",
          .enabled(if: shell != nil, "needs the sqlite3 command-line shell (Debian package sqlite3)"))
    func vacuumThroughTheShell() throws {
        let o = try ExportRowsTests.store("proximity-vacuum", seed: 37, count: 120, rooms: true, nastyIDs: false)
        let path = try o.store.path
        // Gaps in the rowids (through the facade, so the index is current afterwards), then VACUUM,
        // which may close them (SQLite's documentation allows it) without firing a trigger.
        let ids = try o.store.database.query("SELECT id FROM facilities ORDER BY rowid").compactMap { $0[0].string }
        try o.store.write {
            for (i, id) in ids.prefix(60).enumerated() where i % 2 == 0 {
                try o.store.database.run("DELETE FROM rooms WHERE facility_id = ?", [.text(id)])
                try o.store.database.run("DELETE FROM facilities WHERE id = ?", [.text(id)])
            }
        }
        #expect(try Self.isCurrent(o))
        try Self.sqlite3(path, "VACUUM;")
        #expect(try Self.isCurrent(o), "no trigger fired: the index still looks current")
        // Renumbered rows would be caught by the per-row checks and the index built again.
        try Self.compare(try Overblik(queryingDatabasePath: path), storedAnswers: nil, "after VACUUM")
        try Self.compare(try Overblik(queryingDatabasePath: path), storedAnswers: true, "after VACUUM, a second reader")
    }
}
