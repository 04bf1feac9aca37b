/// The store's schema, as forward migrations. Version N is reached by running migrations 1...N in
/// order, each in its own transaction; `PRAGMA user_version` records the version reached.
///
/// Rules: never edit a released migration, only append one; a file whose version is higher than
/// ``Schema/currentVersion`` was written by a newer Overblik and is refused.
enum Schema {
    struct Migration {
        let version: Int
        let summary: String
        let statements: [String]
    }

    static var currentVersion: Int { migrations.last!.version }

    /// The tables with a point geometry column, for SpatiaLite registration.
    static let pointTables = ["facilities", "settlements", "population"]

    static let migrations: [Migration] = [
        Migration(version: 1, summary: "facilities, rooms, districts, settlements, population, bookings", statements: [
            """
            CREATE TABLE overblik_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)
            """,
            """
            CREATE TABLE districts (
                code TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                rural INTEGER CHECK (rural IN (0, 1)),
                area_km2 REAL
            )
            """,
            "SELECT AddGeometryColumn('districts', 'geom', 4326, 'MULTIPOLYGON', 'XY', 1)",
            "SELECT CreateSpatialIndex('districts', 'geom')",
            """
            CREATE TABLE facilities (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
                lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
                address TEXT,
                owner TEXT NOT NULL DEFAULT 'municipal',
                capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
                opening_hours TEXT,
                wheelchair TEXT NOT NULL DEFAULT 'unknown',
                toilets_wheelchair TEXT NOT NULL DEFAULT 'unknown',
                step_free TEXT NOT NULL DEFAULT 'unknown',
                ramp TEXT NOT NULL DEFAULT 'unknown',
                elevator TEXT NOT NULL DEFAULT 'unknown',
                hearing_loop TEXT NOT NULL DEFAULT 'unknown',
                parking_accessible TEXT NOT NULL DEFAULT 'unknown',
                god_adgang TEXT,
                checked TEXT,
                contact_name TEXT,
                phone TEXT,
                email TEXT,
                booking_url TEXT,
                disability_suited INTEGER NOT NULL DEFAULT 0,
                district_code TEXT
            )
            """,
            "SELECT AddGeometryColumn('facilities', 'geom', 4326, 'POINT', 'XY', 1)",
            "SELECT CreateSpatialIndex('facilities', 'geom')",
            """
            CREATE TABLE rooms (
                id TEXT PRIMARY KEY NOT NULL,
                facility_id TEXT NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
                equipment TEXT,
                opening_hours TEXT,
                wheelchair TEXT,
                toilets_wheelchair TEXT,
                step_free TEXT,
                hearing_loop TEXT,
                disability_suited INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX rooms_facility ON rooms(facility_id)",
            """
            CREATE TABLE settlements (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                lon REAL NOT NULL, lat REAL NOT NULL,
                population REAL NOT NULL CHECK (population >= 0),
                approximate INTEGER NOT NULL DEFAULT 0,
                district_code TEXT
            )
            """,
            "SELECT AddGeometryColumn('settlements', 'geom', 4326, 'POINT', 'XY', 1)",
            "SELECT CreateSpatialIndex('settlements', 'geom')",
            """
            CREATE TABLE population (
                id TEXT PRIMARY KEY NOT NULL,
                lon REAL NOT NULL, lat REAL NOT NULL,
                weight REAL NOT NULL CHECK (weight >= 0),
                district_code TEXT
            )
            """,
            "SELECT AddGeometryColumn('population', 'geom', 4326, 'POINT', 'XY', 1)",
            "SELECT CreateSpatialIndex('population', 'geom')",
            """
            CREATE TABLE booking_series (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id TEXT NOT NULL,
                holder TEXT NOT NULL,
                activity TEXT,
                rule TEXT NOT NULL,
                first_start TEXT NOT NULL,
                first_end TEXT NOT NULL,
                until TEXT NOT NULL,
                skipped TEXT,
                created_utc INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE bookings (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id TEXT NOT NULL,
                start_local TEXT NOT NULL,
                end_local TEXT NOT NULL,
                start_utc INTEGER NOT NULL,
                end_utc INTEGER NOT NULL CHECK (end_utc > start_utc),
                holder TEXT NOT NULL,
                activity TEXT,
                series_id INTEGER REFERENCES booking_series(id) ON DELETE CASCADE,
                created_utc INTEGER NOT NULL
            )
            """,
            "CREATE INDEX bookings_room_time ON bookings(room_id, start_utc, end_utc)",
            """
            CREATE TABLE closures (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                facility_id TEXT,
                room_id TEXT,
                start_local TEXT NOT NULL,
                end_local TEXT NOT NULL,
                reason TEXT
            )
            """,
        ]),
        // (The triggers never rely on OR IGNORE: an outer statement's conflict policy, an UPSERT's
        // included, overrides the one of statements inside triggers.)
        // Each facility's feature, pre-encoded apart from what depends on the clock, the bookings and
        // the districts (see FacilityFeatureBody): the unfiltered export reads one blob per facility
        // instead of 24 columns. Triggers keep it honest for every writer, Overblik or not: any change
        // to a facility or its rooms drops the stored feature and lists the facility as stale; writes
        // through an Overblik facade re-encode the stale ones before they commit, and the export reads
        // the stored features only while nothing is stale.
        Migration(version: 2, summary: "pre-encoded facility features for the export", statements: [
            """
            CREATE TABLE facility_features (id TEXT PRIMARY KEY NOT NULL, body BLOB NOT NULL) WITHOUT ROWID
            """,
            """
            CREATE TABLE facility_features_stale (id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID
            """,
            "INSERT OR IGNORE INTO facility_features_stale (id) SELECT id FROM facilities",
            // Rooms in (facility, room) order straight from the index, without a sort per read.
            "DROP INDEX IF EXISTS rooms_facility",
            "CREATE INDEX rooms_facility ON rooms(facility_id, id)",
            // INSERT OR REPLACE deletes the row it conflicts with without firing delete triggers. On
            // the same id the insert trigger below covers it; on the same rowid (another id) the
            // other facility's feature goes here, and it is listed (the refresh drops ids that no
            // longer exist).
            """
            CREATE TRIGGER facility_features_before_insert BEFORE INSERT ON facilities WHEN NEW.rowid > 0 BEGIN
                DELETE FROM facility_features WHERE id IN (SELECT id FROM facilities WHERE rowid = NEW.rowid);
                INSERT INTO facility_features_stale (id) SELECT f.id FROM facilities f WHERE f.rowid = NEW.rowid
                    AND NOT EXISTS (SELECT 1 FROM facility_features_stale s WHERE s.id = f.id);
            END
            """,
            """
            CREATE TRIGGER facility_features_on_insert AFTER INSERT ON facilities BEGIN
                DELETE FROM facility_features WHERE id = NEW.id;
                INSERT INTO facility_features_stale (id) SELECT NEW.id
                    WHERE NOT EXISTS (SELECT 1 FROM facility_features_stale WHERE id = NEW.id);
            END
            """,
            """
            CREATE TRIGGER facility_features_on_update AFTER UPDATE ON facilities BEGIN
                DELETE FROM facility_features WHERE id = OLD.id OR id = NEW.id;
                INSERT INTO facility_features_stale (id) SELECT NEW.id
                    WHERE NOT EXISTS (SELECT 1 FROM facility_features_stale WHERE id = NEW.id);
            END
            """,
            """
            CREATE TRIGGER facility_features_on_delete AFTER DELETE ON facilities BEGIN
                DELETE FROM facility_features WHERE id = OLD.id;
            END
            """,
            """
            CREATE TRIGGER facility_features_before_room_insert BEFORE INSERT ON rooms BEGIN
                DELETE FROM facility_features WHERE id IN (SELECT facility_id FROM rooms WHERE id = NEW.id);
                INSERT INTO facility_features_stale (id) SELECT r.facility_id FROM rooms r WHERE r.id = NEW.id
                    AND NOT EXISTS (SELECT 1 FROM facility_features_stale s WHERE s.id = r.facility_id);
                DELETE FROM facility_features WHERE id IN (SELECT facility_id FROM rooms WHERE rowid = NEW.rowid);
                INSERT INTO facility_features_stale (id) SELECT r.facility_id FROM rooms r WHERE r.rowid = NEW.rowid
                    AND NOT EXISTS (SELECT 1 FROM facility_features_stale s WHERE s.id = r.facility_id);
            END
            """,
            """
            CREATE TRIGGER facility_features_on_room_insert AFTER INSERT ON rooms BEGIN
                DELETE FROM facility_features WHERE id = NEW.facility_id;
                INSERT INTO facility_features_stale (id) SELECT NEW.facility_id
                    WHERE NOT EXISTS (SELECT 1 FROM facility_features_stale WHERE id = NEW.facility_id);
            END
            """,
            """
            CREATE TRIGGER facility_features_on_room_update AFTER UPDATE ON rooms BEGIN
                DELETE FROM facility_features WHERE id = OLD.facility_id OR id = NEW.facility_id;
                INSERT INTO facility_features_stale (id) SELECT OLD.facility_id
                    WHERE NOT EXISTS (SELECT 1 FROM facility_features_stale WHERE id = OLD.facility_id);
                INSERT INTO facility_features_stale (id) SELECT NEW.facility_id
                    WHERE NOT EXISTS (SELECT 1 FROM facility_features_stale WHERE id = NEW.facility_id);
            END
            """,
            """
            CREATE TRIGGER facility_features_on_room_delete AFTER DELETE ON rooms BEGIN
                DELETE FROM facility_features WHERE id = OLD.facility_id;
                INSERT INTO facility_features_stale (id) SELECT OLD.facility_id
                    WHERE NOT EXISTS (SELECT 1 FROM facility_features_stale WHERE id = OLD.facility_id);
            END
            """,
        ]),
        serviceMigration,
        // Road networks (issue 20): one row per travel mode, the network as one versioned blob
        // (Routing's RoadNetwork.encoded()), with its counts and where it came from.
        Migration(version: 4, summary: "road networks for walk, bike and car", statements: [
            """
            CREATE TABLE IF NOT EXISTS road_networks (mode TEXT PRIMARY KEY NOT NULL, format INTEGER NOT NULL,
                nodes INTEGER NOT NULL, segments INTEGER NOT NULL, islands INTEGER NOT NULL,
                source TEXT NOT NULL, body BLOB NOT NULL) WITHOUT ROWID
            """,
        ]),
        // Rural classification from where people live (DESIGN.md "Rural"): a rural flag on population
        // points (source a) and town extents with their populations (source b). `rings` holds the
        // polygon as plain WKB too, so that readers without SpatiaLite (near) can classify points.
        Migration(version: 5, summary: "population rural flag, urban areas", statements: [
            "ALTER TABLE population ADD COLUMN rural INTEGER CHECK (rural IS NULL OR rural IN (0, 1))",
            """
            CREATE TABLE urban_areas (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT,
                population REAL NOT NULL CHECK (population >= 0),
                rings BLOB NOT NULL
            )
            """,
            "SELECT AddGeometryColumn('urban_areas', 'geom', 4326, 'MULTIPOLYGON', 'XY', 1)",
            "SELECT CreateSpatialIndex('urban_areas', 'geom')",
        ]),
        // A generation number of everything a facade's catalogue holds (facilities, rooms, districts,
        // settlements, urban areas), raised by triggers on every change by any program, so that a
        // long-running reader (the server) reloads its catalogue exactly when it changed and not after
        // every booking. Idempotent: a file whose version was set back migrates again.
        Migration(version: 6, summary: "catalogue generation for long-running readers", statements: [
            "INSERT OR IGNORE INTO overblik_meta (key, value) VALUES ('catalog_generation', '0')",
        ] + ["facilities", "rooms", "districts", "settlements", "urban_areas"].flatMap { table in
            ["INSERT", "UPDATE", "DELETE"].map { event in
                """
                CREATE TRIGGER IF NOT EXISTS catalog_generation_\(table)_\(event.lowercased()) AFTER \(event) ON \(table) BEGIN
                    UPDATE overblik_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'catalog_generation';
                END
                """
            }
        }),
        // The proximity index of `near`, packed (see OverblikStore+ProximityIndex): a cache kept honest
        // like the stored features. Any change to a facility or a room, by any program, deletes it;
        // writes through an Overblik facade build it again before they commit, and it is read only
        // when every part is there and carries the reader's version.
        Migration(version: 7, summary: "persisted proximity index for cold near queries", statements: [
            """
            CREATE TABLE proximity_index (part INTEGER PRIMARY KEY, version TEXT NOT NULL, body BLOB NOT NULL)
            """,
        ] + ["facilities", "rooms"].flatMap { table in
            ["INSERT", "UPDATE", "DELETE"].map { event in
                """
                CREATE TRIGGER proximity_index_on_\(table == "rooms" ? "room_" : "")\(event.lowercased()) AFTER \(event) ON \(table) BEGIN
                    DELETE FROM proximity_index;
                END
                """
            }
        }),
    ]
}
