extension Database {
    /// The schema version recorded in the file (0 for a new file).
    public var schemaVersion: Int {
        get throws { Int(try scalar("PRAGMA user_version")?.int ?? 0) }
    }

    /// The newest schema version this build knows.
    public static var supportedSchemaVersion: Int { Schema.currentVersion }

    /// Brings the file to the current schema; refuses files from a newer version.
    ///
    /// Spatial metadata is initialised outside any transaction (SpatiaLite's InitSpatialMetadata opens
    /// its own); each migration then runs in one transaction, so a crash leaves the previous version.
    func migrate() throws {
        let found = try schemaVersion
        if found > Schema.currentVersion {
            throw StoreError.schemaTooNew(path: path, found: found, supported: Schema.currentVersion)
        }
        if found == Schema.currentVersion { return }
        if found == 0 {
            try verifyOverblikOrNew()
            let hasMetadata = try scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'spatial_ref_sys'")?.int == 1
            if !hasMetadata {
                let ok = try scalar("SELECT InitSpatialMetadata(1)")?.int ?? 0
                guard ok == 1 else {
                    throw DatabaseError(code: 1, message: "InitSpatialMetadata failed", operation: "initialise SpatiaLite metadata", path: path)
                }
            }
        }
        for migration in Schema.migrations where migration.version > found {
            try transaction {
                for statement in migration.statements {
                    if statement.hasPrefix("SELECT AddGeometryColumn") || statement.hasPrefix("SELECT CreateSpatialIndex") {
                        // SpatiaLite's admin functions report failure as 0 and print to stderr.
                        let ok = try scalar(statement)?.int ?? 0
                        guard ok == 1 else {
                            throw DatabaseError(code: 1, message: "SpatiaLite returned 0", sql: statement,
                                                operation: "migration \(migration.version)")
                        }
                    } else {
                        try execute(statement)
                    }
                }
                try run("INSERT OR REPLACE INTO overblik_meta(key, value) VALUES ('schema_summary_\(migration.version)', ?)",
                        [.text(migration.summary)])
                try execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }

    static let spatialiteTables: Set<String> = [
        "spatial_ref_sys", "spatialite_history", "sql_statements_log", "geometry_columns",
        "geometry_columns_auth", "geometry_columns_field_infos", "geometry_columns_statistics",
        "geometry_columns_time", "views_geometry_columns", "views_geometry_columns_auth",
        "views_geometry_columns_field_infos", "views_geometry_columns_statistics",
        "virts_geometry_columns", "virts_geometry_columns_auth", "virts_geometry_columns_field_infos",
        "virts_geometry_columns_statistics", "spatial_ref_sys_aux", "data_licenses", "SpatialIndex",
        "ElementaryGeometries", "KNN", "sqlite_sequence", "SE_external_graphics", "SE_fonts",
        "SE_raster_styled_layers", "SE_raster_styles", "SE_vector_styled_layers", "SE_vector_styles",
        "rl2map_configurations", "wms_getcapabilities", "wms_getmap", "wms_ref_sys", "wms_settings",
        "topologies", "networks", "raster_coverages", "raster_coverages_keyword", "raster_coverages_srid",
        "vector_coverages", "vector_coverages_keyword", "vector_coverages_srid", "stored_procedures",
        "stored_variables", "iso_metadata", "iso_metadata_reference", "iso_metadata_view",
        "KNN2", "MbrCache",
    ]
}
