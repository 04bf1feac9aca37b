import Facilities
import Foundation
import Store
import Testing
import TestSupport
@testable import Overblik

/// Point-layer imports into PostgreSQL stream through the same ``PointLayerImport`` as SpatiaLite's,
/// one COPY across the chunks inside the import's transaction (``PostgresPointLayerWriter``): the rows are
/// the ones SpatiaLite stores, problems in late chunks name file, line and field, and a failure in
/// any chunk leaves the database as it was.
@Suite("Streaming point-layer imports into PostgreSQL", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresStreamingImportTests {
    /// One value from SQL run in the store's database.
    static func sql(_ url: String, _ query: String) throws -> String {
        try #require(PostgresCluster.shared).psql(query, database: databaseName(url)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func counts(_ url: String) throws -> String {
        try sql(url, "SELECT (SELECT count(*) FROM facilities) || ',' || (SELECT count(*) FROM settlements) || ',' || (SELECT count(*) FROM population)")
    }

    /// The point layers' GiST indexes that exist.
    static func indexes(_ url: String) throws -> String {
        try sql(url, "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE indexname LIKE '%_geom'")
    }

    /// The primary and foreign keys of the point layers and rooms.
    static func keys(_ url: String) throws -> String {
        try sql(url, """
            SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint
            WHERE contype IN ('p', 'f') AND conrelid::regclass::text IN ('facilities', 'rooms', 'settlements', 'population')
            """)
    }

    @Test("a file of several chunks lands with the rows SpatiaLite stores, population in file order, GiST indexes in place")
    func sameAsSpatiaLite() throws {
        let facilities = try TestSupport.writeTemporary(StreamingImportTests.facilityCSV(20_000), name: "pg-same.csv")
        var text = "id,lon,lat,weight\n"
        for i in 0..<20_000 { text += "q\(19_999 - i),\(9.0 + Double(i % 500) / 1_000),\(56.0 + Double(i / 500) / 100),\(i % 7 + 1)\n" }
        let population = try TestSupport.writeTemporary(text, name: "pg-population.csv")
        let (pg, url) = try postgresOverblik("pgstream")
        let (lite, _) = try freshOverblik("pgstream-lite")
        for o in [pg, lite] {
            #expect(try o.importFile(.facilities, at: facilities.path).imported == 20_000)
            #expect(try o.importFile(.population, at: population.path).imported == 20_000)
        }
        #expect(try pg.backend.facilities() == lite.backend.facilities())
        #expect(try pg.backend.populationPoints() == lite.backend.populationPoints())
        // COPY keeps the file's order in the population's sequence.
        #expect(try Self.sql(url, "SELECT string_agg(id, ',' ORDER BY seq) FROM (SELECT id, seq FROM population ORDER BY seq LIMIT 3) f") == "q19999,q19998,q19997")
        #expect(try Self.indexes(url) == "districts_geom,facilities_geom,population_geom,settlements_geom,urban_areas_geom")
        // The keys set aside for the bulk load are back and hold.
        #expect(try Self.keys(url) == "facilities_pkey,population_pkey,rooms_facility_id_fkey,rooms_pkey,settlements_pkey")
        let rooms = try TestSupport.writeTemporary("id,facility_id,name\nr1,F5,Sal\n", name: "pg-rooms.csv")
        #expect(try pg.importFile(.rooms, at: rooms.path).imported == 1)
        #expect(throws: (any Error).self) { try Self.sql(url, "INSERT INTO population (id, lon, lat, weight) VALUES ('q7', 9, 56, 1)") }
    }

    @Test("a bad row in a late chunk is refused with file, line and field, and nothing of the earlier chunks stays",
          arguments: StreamingImportTests.lateProblems)
    func lateBadRow(_ c: StreamingImportTests.LateProblem) throws {
        let (o, url) = try postgresOverblik("pglate")
        let keep = try TestSupport.writeTemporary(StreamingImportTests.facilityCSV(3), name: "pg-keep.csv")
        _ = try o.importFile(.facilities, at: keep.path)
        let before = try Self.counts(url), indexes = try Self.indexes(url), keys = try Self.keys(url)
        let file = try TestSupport.writeTemporary(StreamingImportTests.lateText(c), name: "pg-late-\(c.layer.rawValue).csv")
        do {
            _ = try o.importFile(c.layer, at: file.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.total == 1)
            #expect(error.problems.first?.position == RecordPosition(file: file.path, line: c.line))
            #expect(error.problems.first?.field == c.field)
        }
        #expect(try Self.counts(url) == before)
        #expect(try Self.indexes(url) == indexes)
        #expect(try Self.keys(url) == keys)
        // The connection is whole: the next import works.
        let good = try TestSupport.writeTemporary("id,lon,lat,weight\np1,9.9,57.0,2\n", name: "pg-good.csv")
        #expect(try o.importFile(.population, at: good.path).imported == 1)
    }

    @Test("an id repeated in a late chunk names the line of its first use, and nothing is written")
    func lateRepeat() throws {
        let (o, url) = try postgresOverblik("pgrepeat")
        try StreamingImportTests.expectLateRepeatRefused(o)
        #expect(try Self.counts(url) == "0,0,0")
    }

    @Test("ids repeated across chunks are found when the key is built, each repeat named in file order with its first line, and nothing is written")
    func repeatsFoundByTheKey() throws {
        let (o, url) = try postgresOverblik("pgkeyrepeat")
        let keys = try Self.keys(url), indexes = try Self.indexes(url)
        // Lines 10 000 and 15 000 repeat line 2's id, line 18 000 repeats line 9 000's: all in other chunks.
        var text = "id,lon,lat,weight\n"
        for i in 0..<20_000 {
            let id = [9_998: 0, 14_998: 0, 17_998: 8_998][i].map { "p\($0)" } ?? "p\(i)"
            text += "\(id),\(9.0 + Double(i % 500) / 1_000),\(56.0 + Double(i / 500) / 100),1\n"
        }
        let file = try TestSupport.writeTemporary(text, name: "pg-key-repeat.csv")
        do {
            _ = try o.importFile(.population, at: file.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.total == 3)
            #expect(error.problems.map(\.position.line) == [10_000, 15_000, 18_000])
            #expect(error.problems.map(\.value) == ["p0", "p0", "p8998"])
            #expect(error.problems.map(\.expected) == ["\(file.path):2", "\(file.path):2", "\(file.path):9000"].map { "expected a unique id; \($0) has the same" })
        }
        #expect(try Self.counts(url) == "0,0,0")
        #expect(try Self.keys(url) == keys)
        #expect(try Self.indexes(url) == indexes)
        let good = try TestSupport.writeTemporary("id,lon,lat,weight\np1,9.9,57.0,2\n", name: "pg-key-good.csv")
        #expect(try o.importFile(.population, at: good.path).imported == 1)
    }

    @Test("a row the server refuses in the middle of the streamed COPY fails the import with the server's reason, and nothing stays")
    func serverRefusalMidStream() throws {
        let (o, url) = try postgresOverblik("pgrefused")
        // A rule of another program's that Overblik does not check itself: only the server refuses the row.
        _ = try Self.sql(url, "ALTER TABLE population ADD CONSTRAINT not_p15000 CHECK (id <> 'p15000')")
        var text = "id,lon,lat,weight\n"
        for i in 0..<20_000 { text += "p\(i),\(9.0 + Double(i % 500) / 1_000),\(56.0 + Double(i / 500) / 100),1\n" }
        let file = try TestSupport.writeTemporary(text, name: "pg-refused.csv")
        let keys = try Self.keys(url), indexes = try Self.indexes(url)
        do {
            _ = try o.importFile(.population, at: file.path)
            Issue.record("expected refusal")
        } catch {
            #expect("\(error)".contains("not_p15000"))
        }
        #expect(try Self.counts(url) == "0,0,0")
        #expect(try Self.keys(url) == keys)
        #expect(try Self.indexes(url) == indexes)
        let good = try TestSupport.writeTemporary("id,lon,lat,weight\np1,9.9,57.0,2\n", name: "pg-refused-good.csv")
        #expect(try o.importFile(.population, at: good.path).imported == 1)
    }

    @Test("ids already in the store are refused even in a late chunk; with --replace they are updated in place and counted")
    func existingIDs() throws {
        let (o, url) = try postgresOverblik("pgexisting")
        let first = try TestSupport.writeTemporary(StreamingImportTests.header + "\nF19000,Old,school,9.9,57.0,,,,,,\n", name: "pg-first.csv")
        _ = try o.importFile(.facilities, at: first.path)
        let file = try TestSupport.writeTemporary(StreamingImportTests.facilityCSV(20_000), name: "pg-again.csv")
        #expect(throws: StoreError.self) { try o.importFile(.facilities, at: file.path) }
        #expect(try o.backend.facilities().map(\.name) == ["Old"])
        let report = try o.importFile(.facilities, at: file.path, options: ImportOptions(replace: true))
        #expect(report.replaced == 1 && report.imported == 20_000)
        #expect(try o.backend.facility(id: "F19000")?.name == "Facility 19000")
        #expect(try Self.counts(url) == "20000,0,0")
        // A second --replace of the same file replaces every row, and a repeat within it is still caught.
        let twice = try TestSupport.writeTemporary(StreamingImportTests.facilityCSV(20_000) { line, row in
            if line == 15_000 { row = row.replacingOccurrences(of: "F14998,", with: "F2,") }
        }, name: "pg-twice.csv")
        #expect(throws: ImportError.self) { try o.importFile(.facilities, at: twice.path, options: ImportOptions(replace: true)) }
        #expect(try o.importFile(.facilities, at: file.path, options: ImportOptions(replace: true)).replaced == 20_000)
    }
}
