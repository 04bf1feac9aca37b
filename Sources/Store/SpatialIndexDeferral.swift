/// Bulk inserts into a point layer without SpatiaLite's per-row spatial index trigger.
///
/// SpatiaLite keeps `idx_<table>_geom` (an R*Tree) current with an AFTER INSERT trigger that calls
/// `RTreeAlign` for every row; that function formats and prepares an SQL statement per call, about
/// 47 µs a row here, most of an import's time. For a batch, the trigger is set aside, the rows are
/// inserted, the new rows' boxes go into the R*Tree in one statement, and the trigger is created
/// again from its own stored SQL, all in the caller's transaction: a failure rolls everything back,
/// and readers never see the layer without its trigger.
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
              let trigger = try database.scalar("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                                [.text(triggerName)])?.string,
              let before = try database.scalar("SELECT coalesce(max(rowid), 0) FROM \"\(table)\"")?.int,
              before < Int64.max / 2 else {
            return try body()
        }
        try database.execute("DROP TRIGGER \"\(triggerName)\"")
        do {
            let result = try body()
            try database.execute("""
                INSERT INTO "idx_\(table)_geom" (pkid, xmin, xmax, ymin, ymax)
                SELECT rowid, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM "\(table)"
                WHERE rowid > \(before) AND geom IS NOT NULL
                """)
            try database.execute(trigger)
            return result
        } catch {
            // The caller's rollback restores the trigger too; this keeps the connection whole if it does not.
            try? database.execute(trigger)
            throw error
        }
    }
}
