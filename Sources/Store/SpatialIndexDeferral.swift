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
        guard rows >= Self.deferredIndexMinimumRows, let deferral = try beginDeferringSpatialIndex(of: table) else {
            return try body()
        }
        do {
            let result = try body()
            try finish(deferral)
            return result
        } catch {
            abandon(deferral)
            throw error
        }
    }

    /// Triggers set aside by ``beginDeferringSpatialIndex(of:)``, to be restored by ``finish(_:)``
    /// (or ``abandon(_:)`` on failure).
    struct SpatialIndexDeferral {
        var table: String
        /// The largest rowid before the batch: rows above it are new.
        var before: Int64
        /// Triggers dropped, with their SQL (nil: the layer had none of that name).
        var setAside: [(name: String, sql: String?)]
        var bookkeeping: [(name: String, replay: [String])]
    }

    /// Sets aside the per-row triggers of point layer `table` for a batch of inserts; nil (and
    /// nothing changed) when the layer has no spatial index trigger or its rowids are near the top.
    func beginDeferringSpatialIndex(of table: String) throws -> SpatialIndexDeferral? {
        let triggerName = "gii_\(table)_geom"
        guard let trigger = try storedTrigger(triggerName),
              let before = try database.scalar("SELECT coalesce(max(rowid), 0) FROM \"\(table)\"")?.int,
              before < Int64.max / 2 else { return nil }
        // Also set aside: the geometry check (every row here is a point in EPSG:4326, the type and
        // SRID the column requires) and the per-row time stamp, written once afterwards.
        let check = try storedTrigger("ggi_\(table)_geom"), stamp = try storedTrigger("tmi_\(table)_geom")
        var setAside: [(name: String, sql: String?)] = [(triggerName, trigger), ("ggi_\(table)_geom", check), ("tmi_\(table)_geom", stamp)]
        // Overblik's own per-row bookkeeping of inserts, replayed once for the batch in finish.
        let bookkeeping = Self.insertBookkeeping(of: table, newRowsAfter: before)
        for (name, _) in bookkeeping { setAside.append((name, try storedTrigger(name))) }
        for case let (name, _?) in setAside { try database.execute("DROP TRIGGER \"\(name)\"") }
        return SpatialIndexDeferral(table: table, before: before, setAside: setAside, bookkeeping: bookkeeping)
    }

    /// Does for the batch's new rows what the set-aside triggers do row by row, fills the R*Tree
    /// and restores the triggers. `boxes`: those of every row of a layer filled from empty, when
    /// the writer collected them.
    func finish(_ deferral: SpatialIndexDeferral, boxes: RTreeEntrySorter? = nil) throws {
        let table = deferral.table, before = deferral.before
        do {
            for (name, replay) in deferral.bookkeeping where deferral.setAside.contains(where: { $0.name == name && $0.sql != nil }) {
                for statement in replay { try database.execute(statement) }
            }
            // Into an empty layer: the R*Tree is written packed, in one pass; else the new boxes are inserted.
            let packed = try before == 0 && bulkLoadRTree("idx_\(table)_geom", from: table, boxes: boxes)
            if !packed {
                try database.execute("""
                    INSERT INTO "idx_\(table)_geom" (pkid, xmin, xmax, ymin, ymax)
                    SELECT rowid, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM "\(table)"
                    WHERE rowid > \(before) AND geom IS NOT NULL
                    """)
            }
            if deferral.setAside.contains(where: { $0.name == "tmi_\(table)_geom" && $0.sql != nil }) {
                try database.run("""
                    UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                    WHERE Lower(f_table_name) = Lower(?) AND Lower(f_geometry_column) = 'geom'
                    """, [.text(table)])
            }
            for case let (_, sql?) in deferral.setAside { try database.execute(sql) }
        } catch {
            abandon(deferral)
            throw error
        }
    }

    /// Restores the set-aside triggers after a failure (the caller's rollback restores them too;
    /// this keeps the connection whole if it does not).
    func abandon(_ deferral: SpatialIndexDeferral) {
        for case let (name, sql?) in deferral.setAside
        where (try? storedTrigger(name)) == .some(nil) { try? database.execute(sql) }
    }

    /// The insert triggers of `table` that keep Overblik's caches honest (stored features,
    /// catalogue generation, persisted proximity index, see `Schema`), each with the statements that
    /// do for all rows inserted after rowid `before` what the trigger does row by row.
    static func insertBookkeeping(of table: String, newRowsAfter before: Int64) -> [(name: String, replay: [String])] {
        var out: [(name: String, replay: [String])] = []
        if table == "facilities" {
            let newIDs = "SELECT id FROM facilities WHERE rowid > \(before)"
            // (The delete walks the stored features, usually none or fewer than the new rows, instead
            // of materialising every new id; the new rows are sorted by id so that the stale list is appended to.)
            out.append(("facility_features_on_insert", [
                "DELETE FROM facility_features WHERE EXISTS (SELECT 1 FROM facilities f WHERE f.id = facility_features.id AND f.rowid > \(before))",
                "INSERT INTO facility_features_stale (id) \(newIDs) AND id NOT IN (SELECT id FROM facility_features_stale) ORDER BY +id",
            ]))
            out.append(("proximity_index_on_insert", ["DELETE FROM proximity_index"]))
            // A BEFORE INSERT trigger for inserts that name an existing row's rowid; the batch's
            // inserts never name one (NEW.rowid is -1 there), so it has nothing to replay. Set
            // aside, it no longer runs a trigger program per row.
            out.append(("facility_features_before_insert", []))
        }
        if ["facilities", "settlements"].contains(table) {
            out.append(("catalog_generation_\(table)_insert", [
                "UPDATE overblik_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'catalog_generation'",
            ]))
        }
        return out
    }

    private func storedTrigger(_ name: String) throws -> String? {
        try database.scalar("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [.text(name)])?.string
    }
}
