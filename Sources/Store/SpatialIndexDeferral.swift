/// Bulk inserts into a point layer without SpatiaLite's per-row spatial index trigger.
///
/// SpatiaLite keeps `idx_<table>_geom` (an R*Tree) current with an AFTER INSERT trigger that calls
/// `RTreeAlign` for every row; that function formats and prepares an SQL statement per call, about
/// 47 µs a row here, most of an import's time. For a batch, the trigger is set aside, the rows are
/// inserted, the new rows' boxes go into the R*Tree in one statement, and the trigger is created
/// again from its own stored SQL, all in the caller's transaction: a failure rolls everything back,
/// and readers never see the layer without its trigger. The geometry-constraint check (`ggi_`) and
/// the insert time stamp (`tmi_`) are set aside the same way: the rows are points in EPSG:4326 by
/// construction, and the time stamp is written once.
extension OverblikStore {
    /// Batches smaller than this take the per-row trigger (the set-up costs a few statements).
    static let deferredIndexMinimumRows = 64

    /// Runs `body`, which inserts `rows` rows into point layer `table` (geometry column `geom`),
    /// with the spatial index filled in bulk afterwards. Call inside ``write(_:)``.
    ///
    /// Rows that `body` updates rather than inserts (upserts) keep SpatiaLite's update trigger.
    /// New rows are told apart by rowid: SQLite gives an inserted row one more than the largest
    /// rowid, unless that is the largest integer; then (and for small batches, or when the layer has
    /// no such trigger) `body` runs with the trigger in place.
    func deferringSpatialIndex<T>(of table: String, rows: Int, _ body: () throws -> T) throws -> T {
        let triggerName = "gii_\(table)_geom"
        guard rows >= Self.deferredIndexMinimumRows,
              let trigger = try storedTrigger(triggerName),
              let before = try database.scalar("SELECT coalesce(max(rowid), 0) FROM \"\(table)\"")?.int,
              before < Int64.max / 2 else {
            return try body()
        }
        // Also set aside: the geometry check (every row here is MakePoint(lon, lat, 4326), the type and
        // SRID the column requires) and the per-row time stamp, written once afterwards.
        let check = try storedTrigger("ggi_\(table)_geom"), stamp = try storedTrigger("tmi_\(table)_geom")
        let setAside = [(triggerName, trigger), ("ggi_\(table)_geom", check), ("tmi_\(table)_geom", stamp)]
        for case let (name, _?) in setAside { try database.execute("DROP TRIGGER \"\(name)\"") }
        do {
            let result = try body()
            // Into an empty layer: the R*Tree is written packed, in one pass; else the new boxes are inserted.
            let packed = try before == 0 && bulkLoadRTree("idx_\(table)_geom", from: table)
            if !packed {
                try database.execute("""
                    INSERT INTO "idx_\(table)_geom" (pkid, xmin, xmax, ymin, ymax)
                    SELECT rowid, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM "\(table)"
                    WHERE rowid > \(before) AND geom IS NOT NULL
                    """)
            }
            if stamp != nil {
                try database.run("""
                    UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                    WHERE Lower(f_table_name) = Lower(?) AND Lower(f_geometry_column) = 'geom'
                    """, [.text(table)])
            }
            for case let (_, sql?) in setAside { try database.execute(sql) }
            return result
        } catch {
            // The caller's rollback restores the triggers too; this keeps the connection whole if it does not.
            for case let (_, sql?) in setAside { try? database.execute(sql) }
            throw error
        }
    }

    private func storedTrigger(_ name: String) throws -> String? {
        try database.scalar("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [.text(name)])?.string
    }
}
