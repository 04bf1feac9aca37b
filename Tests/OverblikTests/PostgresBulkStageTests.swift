import Foundation
import Testing
import TestSupport
@testable import Overblik

/// A large batch into an empty point layer loads into a table beside it, over two connections, and
/// is swapped in by the import's transaction (``PostgresBulkStage``): the layer comes out with
/// everything it carried, a failure leaves neither rows nor a loaded table, a loaded table whose
/// process died is cleared by the next load, and a layer something else hangs on loads in place.
@Suite("Staged bulk loads into PostgreSQL", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresBulkStageTests {
    static func sql(_ url: String, _ query: String) throws -> String { try PostgresStreamingImportTests.sql(url, query) }

    /// What a layer carries, as the catalogue describes it (names, definitions, grants, comment, options, owner).
    static func carried(_ url: String, _ table: String) throws -> String {
        try sql(url, """
            SELECT concat_ws(E'\\n',
              (SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes WHERE tablename = '\(table)'),
              (SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), E'\\n' ORDER BY conname) FROM pg_constraint
               WHERE conrelid = '\(table)'::regclass OR confrelid = '\(table)'::regclass),
              (SELECT string_agg(pg_get_triggerdef(oid), E'\\n' ORDER BY tgname) FROM pg_trigger
               WHERE tgrelid = '\(table)'::regclass AND NOT tgisinternal),
              (SELECT relacl::text || ' ' || coalesce(array_to_string(reloptions, ','), '') || ' ' || pg_get_userbyid(relowner)
               FROM pg_class WHERE oid = '\(table)'::regclass),
              obj_description('\(table)'::regclass, 'pg_class'),
              (SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull
                                 || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), ''), E'\\n' ORDER BY attnum)
               FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
               WHERE attrelid = '\(table)'::regclass AND attnum > 0 AND NOT attisdropped))
            """)
    }

    static func oid(_ url: String, _ table: String) throws -> String { try sql(url, "SELECT '\(table)'::regclass::oid") }

    static func loadedTables(_ url: String) throws -> String {
        try sql(url, "SELECT count(*) FROM pg_class WHERE relname LIKE 'overblik\\_load\\_%'")
    }

    static func populationFile(_ name: String, count: Int, prefix: String = "p") throws -> URL {
        var text = "id,lon,lat,weight\n"
        for i in 0..<count { text += "\(prefix)\(i),\(9.0 + Double(i % 500) / 1_000),\(56.0 + Double(i / 500) / 100),\(i % 7 + 1)\n" }
        return try TestSupport.writeTemporary(text, name: name)
    }

    /// Imports `file` with the id of row `row` replaced by `p3` (a row of the first chunk) and
    /// expects the refusal to name the repeat's line.
    static func expectRepeatRefused(_ o: Overblik, _ file: URL, row: Int) throws {
        let repeated = try TestSupport.writeTemporary(
            (try String(contentsOf: file, encoding: .utf8)).replacingOccurrences(of: "\np\(row),", with: "\np3,"),
            name: file.deletingPathExtension().lastPathComponent + "-repeat.csv")
        do {
            _ = try o.importFile(.population, at: repeated.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            #expect(error.problems.map(\.position.line) == [row + 2])
        }
    }

    @Test("a large import into an empty layer is swapped in with its keys, indexes, triggers, grants, comment and options")
    func swappedInWithEverything() throws {
        let (o, url) = try postgresOverblik("pgstage")
        _ = try Self.sql(url, """
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stage_reader') THEN CREATE ROLE stage_reader; END IF; END $$;
            GRANT SELECT ON facilities, population TO stage_reader;
            COMMENT ON TABLE facilities IS 'Lokaler, Aalborg ''25';
            ALTER TABLE facilities SET (fillfactor = 90);
            CREATE INDEX facilities_kind ON facilities (kind) WHERE capacity > 10;
            CREATE INDEX "Facilities Named" ON facilities USING gist (geom) WITH (fillfactor = 80);
            """)
        let before = (try Self.carried(url, "facilities"), try Self.carried(url, "population"))
        let oids = (try Self.oid(url, "facilities"), try Self.oid(url, "population"))
        let generation = try Self.sql(url, "SELECT value FROM overblik_meta WHERE key = 'catalog_generation'")

        let facilities = try TestSupport.writeTemporary(StreamingImportTests.facilityCSV(20_000), name: "pg-stage-f.csv")
        #expect(try o.importFile(.facilities, at: facilities.path).imported == 20_000)
        let population = try Self.populationFile("pg-stage-p.csv", count: 30_000)
        #expect(try o.importFile(.population, at: population.path).imported == 30_000)

        // New tables (the staged path ran), carrying what the old ones carried, and nothing left beside them.
        #expect(try Self.oid(url, "facilities") != oids.0)
        #expect(try Self.oid(url, "population") != oids.1)
        #expect(try Self.carried(url, "facilities") == before.0)
        #expect(try Self.carried(url, "population") == before.1)
        #expect(try Self.loadedTables(url) == "0")
        #expect(try Self.sql(url, "SELECT count(*) FROM facilities WHERE capacity > 10") != "0")
        // The catalogue trigger's notice was sent for the swap, and the trigger fires again on the new table.
        let generationNow = { try Int(Self.sql(url, "SELECT value FROM overblik_meta WHERE key = 'catalog_generation'"))! }
        let swapped = try generationNow()
        #expect(swapped > Int(generation)!)
        _ = try Self.sql(url, "UPDATE facilities SET name = name WHERE id = 'F7'")
        #expect(try generationNow() == swapped + 1)
        let rooms = try TestSupport.writeTemporary("id,facility_id,name\nr1,F5,Sal\n", name: "pg-stage-rooms.csv")
        #expect(try o.importFile(.rooms, at: rooms.path).imported == 1)
        // The foreign key refers to the new table and cascades; the population's sequence moved with its column.
        #expect(try Self.sql(url, "SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = 'rooms_facility_id_fkey'") == "facilities")
        #expect(throws: (any Error).self) { try Self.sql(url, "INSERT INTO rooms (id, facility_id, name) VALUES ('r2', 'nowhere', 'x')") }
        #expect(try Self.sql(url, "SELECT pg_get_serial_sequence('population', 'seq')") == "public.population_seq_seq")
        #expect(try Self.sql(url, "SELECT min(seq) || ',' || max(seq) || ',' || count(*) FROM population") == "1,30000,30000")
        let one = try TestSupport.writeTemporary("id,lon,lat,weight\nr1,9.9,57.0,2\n", name: "pg-stage-one.csv")
        #expect(try o.importFile(.population, at: one.path).imported == 1)
        #expect(try Self.sql(url, "SELECT seq FROM population WHERE id = 'r1'") == "30001")
        #expect(try Self.sql(url, "SELECT has_table_privilege('stage_reader', 'facilities', 'SELECT')") == "t")
        // The rows are the ones SpatiaLite stores.
        let (lite, _) = try freshOverblik("pgstage-lite")
        _ = try lite.importFile(.facilities, at: facilities.path)
        _ = try lite.importFile(.population, at: population.path)
        _ = try lite.importFile(.population, at: one.path)
        #expect(try o.backend.facilities() == lite.backend.facilities())
        #expect(try o.backend.populationPoints() == lite.backend.populationPoints())
    }

    @Test("a failed staged load leaves the layer as it was and no loaded table, and the next load lands")
    func failureLeavesNothing() throws {
        let (o, url) = try postgresOverblik("pgstagefail")
        let before = try Self.carried(url, "population"), oid = try Self.oid(url, "population")
        // Refused by the server in the middle of the COPY (a rule Overblik does not check itself).
        _ = try Self.sql(url, "ALTER TABLE population ADD CONSTRAINT not_p25000 CHECK (id <> 'p25000')")
        let withRule = try Self.carried(url, "population")
        #expect(withRule != before)
        let file = try Self.populationFile("pg-stage-fail.csv", count: 30_000)
        do {
            _ = try o.importFile(.population, at: file.path)
            Issue.record("expected refusal")
        } catch {
            #expect("\(error)".contains("new row for relation \"population\" violates check constraint \"not_p25000\""), "\(error)")
        }
        #expect(try Self.loadedTables(url) == "0")
        #expect(try Self.oid(url, "population") == oid)
        #expect(try Self.carried(url, "population") == withRule)
        #expect(try Self.sql(url, "SELECT count(*) FROM population") == "0")
        // Refused by the key's build (an id in two chunks).
        try Self.expectRepeatRefused(o, file, row: 25_000)
        #expect(try Self.loadedTables(url) == "0")
        #expect(try Self.oid(url, "population") == oid)
        // Without the rule, the first file lands (staged: a new table).
        _ = try Self.sql(url, "ALTER TABLE population DROP CONSTRAINT not_p25000")
        #expect(try o.importFile(.population, at: file.path).imported == 30_000)
        #expect(try Self.oid(url, "population") != oid)
        #expect(try Self.carried(url, "population") == before)
    }

    @Test("ogrinfo lists a staged layer as a point layer with its features",
          .enabled(if: TestSupport.which("ogrinfo") != nil, "ogrinfo (gdal-bin) is not installed"))
    func ogrinfoSeesTheStagedLayer() throws {
        let (o, url) = try postgresOverblik("pgstageogr")
        let cluster = try #require(PostgresCluster.shared)
        let oid = try Self.oid(url, "population")
        let file = try Self.populationFile("pg-stage-ogr.csv", count: 20_000)
        #expect(try o.importFile(.population, at: file.path).imported == 20_000)
        #expect(try Self.oid(url, "population") != oid)
        let r = try TestSupport.run(try #require(TestSupport.which("ogrinfo")),
                                    ["-ro", "-so", "PG:host=127.0.0.1 port=\(cluster.port) user=\(cluster.user) dbname=\(databaseName(url))", "population"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Geometry: Point") && r.stdout.contains("Feature Count: 20000"), "\(r.stdout)")
    }

    @Test("a layer owned by another role comes back with that owner, its sequence and exactly its privileges")
    func anotherOwner() throws {
        let (o, url) = try postgresOverblik("pgstageowner")
        _ = try Self.sql(url, """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stage_owner') THEN CREATE ROLE stage_owner; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stage_reader') THEN CREATE ROLE stage_reader; END IF;
            END $$;
            ALTER TABLE population OWNER TO stage_owner;
            REVOKE TRUNCATE ON population FROM stage_owner;
            GRANT SELECT ON population TO stage_reader WITH GRANT OPTION;
            """)
        let before = try Self.carried(url, "population"), oid = try Self.oid(url, "population")
        #expect(before.contains("stage_owner") && before.contains("stage_reader=r*/stage_owner"))
        let file = try Self.populationFile("pg-stage-owner.csv", count: 30_000)
        #expect(try o.importFile(.population, at: file.path).imported == 30_000)
        #expect(try Self.oid(url, "population") != oid)
        #expect(try Self.carried(url, "population") == before)
        #expect(try Self.sql(url, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'population_seq_seq'") == "stage_owner")
        #expect(try Self.sql(url, "SELECT pg_get_serial_sequence('population', 'seq')") == "public.population_seq_seq")
    }

    @Test("a loaded table whose process died is dropped by the next bulk load; one whose loader is alive stays")
    func abandonedTablesAreCleared() throws {
        let (o, url) = try postgresOverblik("pgstageorphan")
        let cluster = try #require(PostgresCluster.shared)
        _ = try Self.sql(url, """
            CREATE TABLE overblik_load_population_dead (LIKE population INCLUDING ALL EXCLUDING INDEXES);
            CREATE TABLE overblik_load_population_alive (LIKE population INCLUDING ALL EXCLUDING INDEXES);
            """)
        let alive = try Self.oid(url, "overblik_load_population_alive")
        // Another session holds the loader's lock on the live one, as a loading process does.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "\(PostgresCluster.binaries)/psql")
        holder.arguments = ["-X", "-q", "-h", "127.0.0.1", "-p", String(cluster.port), "-U", cluster.user, "-d", databaseName(url),
                            "-c", "SELECT pg_advisory_lock((7270212::bigint << 32) | \(alive))", "-c", "SELECT pg_sleep(120)"]
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        var held = false
        for _ in 0..<100 where !held {
            held = try Self.sql(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") == "1"
            if !held { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(held)
        let file = try Self.populationFile("pg-stage-orphan.csv", count: 20_000)
        #expect(try o.importFile(.population, at: file.path).imported == 20_000)
        #expect(try Self.sql(url, "SELECT string_agg(relname, ',') FROM pg_class WHERE relname LIKE 'overblik\\_load\\_%'") == "overblik_load_population_alive")
    }

    @Test("a layer something else hangs on, or that a swap would change, loads in place: its key still finds ids repeated across chunks, and the rows land",
          arguments: [
            "CREATE VIEW heavy_points AS SELECT id, weight FROM population WHERE weight > 5",
            "CREATE FUNCTION heavy_points() RETURNS SETOF population LANGUAGE sql AS 'SELECT * FROM population WHERE weight > 5'",
            "CREATE PUBLICATION every_table FOR ALL TABLES",
            """
            CREATE TABLE notes (id int); ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
            CREATE POLICY only_with_points ON notes USING (EXISTS (SELECT 1 FROM population))
            """,
            // Not dependents, but what a swap would not keep as it was: new tables' default privileges,
            // an index's comment, TOAST options.
            "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC",
            "COMMENT ON INDEX population_geom IS 'Punkter'",
            "ALTER TABLE population SET (toast.autovacuum_enabled = false)",
          ])
    func dependentsKeepTheLayerInPlace(setup: String) throws {
        let (o, url) = try postgresOverblik("pgstageinplace")
        _ = try Self.sql(url, setup)
        let oid = try Self.oid(url, "population"), before = try Self.carried(url, "population")
        let file = try Self.populationFile("pg-stage-inplace.csv", count: 20_000)
        try Self.expectRepeatRefused(o, file, row: 15_000)
        #expect(try o.importFile(.population, at: file.path).imported == 20_000)
        #expect(try Self.oid(url, "population") == oid)
        #expect(try Self.carried(url, "population") == before)
        #expect(try Self.loadedTables(url) == "0")
        #expect(try Self.sql(url, "SELECT count(*) FROM population WHERE weight > 5") == String((0..<20_000).filter { $0 % 7 + 1 > 5 }.count))
    }
}
