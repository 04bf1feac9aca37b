import PostgresNIO

/// The PostgreSQL schema: the tables of the SpatiaLite store (Store's `Schema`) with PostGIS
/// geometry, versioned in `overblik_meta` like the file (`schema_version`).
///
/// Text keys are `COLLATE "C"`, so that `ORDER BY id` orders as SQLite and Swift do (bytewise).
/// Point geometries are generated from `lon`/`lat`, so that no writer can make them disagree;
/// every geometry is EPSG:4326 with a GiST index (QGIS and `ogrinfo PG:` list them as layers).
/// Confirmed bookings of one room can never overlap: an exclusion constraint over the room and
/// the UTC time range refuses the second of two, whatever program writes.
enum PostgresSchema {
    struct Migration {
        let version: Int
        let summary: String
        let statements: [String]
    }

    static var currentVersion: Int { migrations.last!.version }

    /// The channel every change to what a catalogue holds is announced on (see ``catalogNotice``).
    static let catalogChannel = "overblik_catalog"

    /// The tables whose rows are points with a generated geometry and a GiST index `TABLE_geom`.
    static let pointTables: Set<String> = ["facilities", "settlements", "population"]

    static func point(_ table: String, _ columns: String) -> [String] {
        [
            """
            CREATE TABLE \(table) (
                \(columns),
                geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED
            )
            """,
            "CREATE INDEX \(table)_geom ON \(table) USING gist (geom)",
        ]
    }

    static let migrations: [Migration] = [
        // Numbered as the SpatiaLite schema it mirrors (7), so that `info` reports the same version.
        Migration(version: 7, summary: "the SpatiaLite schema 7 in PostGIS: layers, bookings guarded by an exclusion constraint",
                  statements: [
            "CREATE TABLE overblik_meta (key text COLLATE \"C\" PRIMARY KEY, value text NOT NULL)",
            """
            CREATE TABLE districts (
                code text COLLATE "C" PRIMARY KEY, name text NOT NULL, rural boolean, area_km2 double precision,
                geom geometry(MultiPolygon, 4326) NOT NULL
            )
            """,
            "CREATE INDEX districts_geom ON districts USING gist (geom)",
        ] + point("facilities", """
                id text COLLATE "C" PRIMARY KEY, name text NOT NULL, kind text NOT NULL,
                lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
                lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
                address text, owner text NOT NULL DEFAULT 'municipal', capacity integer CHECK (capacity IS NULL OR capacity >= 0),
                opening_hours text, wheelchair text NOT NULL DEFAULT 'unknown', toilets_wheelchair text NOT NULL DEFAULT 'unknown',
                step_free text NOT NULL DEFAULT 'unknown', ramp text NOT NULL DEFAULT 'unknown',
                elevator text NOT NULL DEFAULT 'unknown', hearing_loop text NOT NULL DEFAULT 'unknown',
                parking_accessible text NOT NULL DEFAULT 'unknown', god_adgang text, checked text, contact_name text,
                phone text, email text, booking_url text, disability_suited boolean NOT NULL DEFAULT false,
                district_code text COLLATE "C"
                """) + [
            """
            CREATE TABLE rooms (
                id text COLLATE "C" PRIMARY KEY, facility_id text COLLATE "C" NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
                name text NOT NULL, capacity integer CHECK (capacity IS NULL OR capacity >= 0), equipment text,
                opening_hours text, wheelchair text, toilets_wheelchair text, step_free text, hearing_loop text,
                disability_suited boolean NOT NULL DEFAULT false
            )
            """,
            "CREATE INDEX rooms_facility ON rooms (facility_id, id)",
        ] + point("settlements", """
                id text COLLATE "C" PRIMARY KEY, name text NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL,
                population double precision NOT NULL CHECK (population >= 0), approximate boolean NOT NULL DEFAULT false,
                district_code text COLLATE "C"
                """) + point("population", """
                id text COLLATE "C" PRIMARY KEY, seq bigserial NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL,
                weight double precision NOT NULL CHECK (weight >= 0), district_code text COLLATE "C", rural boolean
                """) + [
            // Population in import order (SQLite's rowid order): coverage sums in the same order.
            "CREATE INDEX population_seq ON population (seq)",
            """
            CREATE TABLE urban_areas (
                id text COLLATE "C" PRIMARY KEY, name text, population double precision NOT NULL CHECK (population >= 0),
                geom geometry(MultiPolygon, 4326) NOT NULL
            )
            """,
            "CREATE INDEX urban_areas_geom ON urban_areas USING gist (geom)",
            """
            CREATE TABLE booking_series (
                id bigserial PRIMARY KEY, room_id text COLLATE "C" NOT NULL, holder text NOT NULL, activity text,
                rule text NOT NULL, first_start text NOT NULL, first_end text NOT NULL, until text NOT NULL,
                skipped text, created_utc bigint NOT NULL
            )
            """,
            """
            CREATE TABLE bookings (
                id bigserial PRIMARY KEY, room_id text COLLATE "C" NOT NULL, start_local text NOT NULL, end_local text NOT NULL,
                start_utc bigint NOT NULL, end_utc bigint NOT NULL CHECK (end_utc > start_utc), holder text NOT NULL,
                activity text, series_id bigint REFERENCES booking_series(id) ON DELETE CASCADE, created_utc bigint NOT NULL,
                during tstzrange GENERATED ALWAYS AS (tstzrange(to_timestamp(start_utc), to_timestamp(end_utc), '[)')) STORED,
                CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&)
            )
            """,
            "CREATE INDEX bookings_room_time ON bookings (room_id, start_utc, end_utc)",
            """
            CREATE TABLE closures (
                id bigserial PRIMARY KEY, facility_id text COLLATE "C", room_id text COLLATE "C",
                start_local text NOT NULL, end_local text NOT NULL, reason text
            )
            """,
            // The service's tables (SpatiaLite migration 3).
            """
            CREATE TABLE users (
                id bigserial PRIMARY KEY, name text COLLATE "C" NOT NULL UNIQUE,
                role text NOT NULL CHECK (role IN ('association', 'clerk')), association text,
                password_hash text NOT NULL, created_utc bigint NOT NULL
            )
            """,
            """
            CREATE TABLE api_tokens (
                digest text PRIMARY KEY, user_id bigint NOT NULL,
                purpose text NOT NULL DEFAULT 'api' CHECK (purpose IN ('api', 'calendar')), created_utc bigint NOT NULL
            )
            """,
            """
            CREATE TABLE sessions (
                digest text PRIMARY KEY, user_id bigint NOT NULL, csrf_token text NOT NULL,
                created_utc bigint NOT NULL, expires_utc bigint NOT NULL
            )
            """,
            """
            CREATE TABLE audit_log (
                id bigserial PRIMARY KEY, at_utc bigint NOT NULL, actor text NOT NULL, action text NOT NULL,
                room_id text, booking_id bigint, request_id bigint, detail text
            )
            """,
            """
            CREATE TABLE room_policies (
                room_id text COLLATE "C" PRIMARY KEY, approval boolean NOT NULL DEFAULT false,
                cancel_deadline_minutes integer NOT NULL DEFAULT 0 CHECK (cancel_deadline_minutes >= 0)
            )
            """,
            """
            CREATE TABLE booking_requests (
                id bigserial PRIMARY KEY, room_id text COLLATE "C" NOT NULL, start_local text NOT NULL, end_local text NOT NULL,
                start_utc bigint NOT NULL, end_utc bigint NOT NULL, repeat_until text, holder text NOT NULL, activity text,
                requested_by text NOT NULL,
                status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
                created_utc bigint NOT NULL, decided_by text, decided_utc bigint, note text, booking_ids text
            )
            """,
            "CREATE INDEX booking_requests_status ON booking_requests (status, room_id)",
            "CREATE INDEX audit_log_booking ON audit_log (booking_id)",
            PostgresStore.roadNetworksTable,
            "INSERT INTO overblik_meta (key, value) VALUES ('catalog_generation', '0')",
            // The catalogue generation (see the SpatiaLite migration 6), raised by every statement
            // that changes a catalogue table, and announced to the other processes.
            """
            CREATE FUNCTION overblik_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE overblik_meta SET value = (value::bigint + 1)::text WHERE key = 'catalog_generation';
                PERFORM pg_notify('\(catalogChannel)', TG_TABLE_NAME);
                RETURN NULL;
            END $$
            """,
        ] + ["facilities", "rooms", "districts", "settlements", "urban_areas"].map { table in
            """
            CREATE TRIGGER \(table)_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION overblik_catalog_changed()
            """
        }),
    ]
}

extension PostgresStore {
    /// Creates the schema in an empty database, migrates an older one, refuses a newer one or a
    /// database of something else. Serialised between processes by an advisory lock.
    func migrate(creating: Bool) throws {
        try write {
            try execute("SELECT pg_advisory_xact_lock(7270211)")
            let found: Int
            if try scalar("SELECT to_regclass('overblik_meta') IS NOT NULL", as: Bool.self) == true {
                guard let text = try meta("schema_version"), let version = Int(text) else {
                    throw PostgresStoreError.notAnOverblikDatabase(database: path, reason: "overblik_meta has no schema_version")
                }
                found = version
            } else {
                guard creating else {
                    throw PostgresStoreError.notAnOverblikDatabase(database: path, reason: "no Overblik tables; import into it first")
                }
                let foreign = try scalar("""
                    SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'
                    """, as: Int64.self) ?? 0
                if foreign > 0 {
                    throw PostgresStoreError.notAnOverblikDatabase(database: path, reason: "it holds \(foreign) other tables")
                }
                for name in ["postgis", "btree_gist"] {
                    do { try execute("CREATE EXTENSION IF NOT EXISTS \(name)") } catch let error as PostgresStoreError {
                        throw PostgresStoreError.missingExtension(database: path, name: name, reason: "\(error)")
                    }
                }
                found = 0
            }
            if found > PostgresSchema.currentVersion {
                throw PostgresStoreError.schemaTooNew(database: path, found: found, supported: PostgresSchema.currentVersion)
            }
            for migration in PostgresSchema.migrations where migration.version > found {
                for statement in migration.statements { try execute(statement) }
                try setMeta("schema_version", String(migration.version))
            }
            // Databases made by the first PostgreSQL store (schema 7 without road networks).
            if try scalar("SELECT to_regclass('road_networks') IS NULL", as: Bool.self) == true {
                try execute(PostgresStore.roadNetworksTable)
            }
        }
    }

    /// The schema version of the database.
    public var schemaVersion: Int {
        get throws { Int(try meta("schema_version") ?? "") ?? 0 }
    }

    // MARK: Meta

    public func meta(_ key: String) throws -> String? {
        var binds = PostgresBindings()
        binds.append(key)
        return try scalar("SELECT value FROM overblik_meta WHERE key = $1", binds, as: String.self)
    }

    public func setMeta(_ key: String, _ value: String) throws {
        var binds = PostgresBindings()
        binds.append(key)
        binds.append(value)
        try query("INSERT INTO overblik_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", binds)
    }

    public func metas(prefix: String) throws -> [(key: String, value: String)] {
        var binds = PostgresBindings()
        binds.append(prefix)
        return try query("SELECT key, value FROM overblik_meta WHERE starts_with(key, $1) ORDER BY key", binds).map { row in
            let r = row.makeRandomAccess()
            return (try r[0].decode(String.self), try r[1].decode(String.self))
        }
    }
}
