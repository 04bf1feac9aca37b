import CSQLite
public import Facilities

/// Writes rows into a point layer one at a time inside the caller's ``OverblikStore/write(_:)``,
/// so that an import can stream a file in chunks instead of holding every row: bound by column
/// index, the geometry as a ready SpatiaLite blob, the per-row triggers set aside for the batch
/// (see ``OverblikStore/deferringSpatialIndex(of:rows:_:)``).
///
/// Each row's outcome tells the caller what the old whole-file checks told: whether its id was
/// already in the layer before the batch (refused without `replace`, overwritten in place with
/// it) or repeats an id of this batch (never written twice; the caller reports it).
///
/// ```swift
/// let writer = try store.pointLayerWriter(for: .population, replace: false, expectedRows: n)
/// for p in points { if try writer.add(p) == .duplicateInBatch { ... } }
/// try writer.finish()
/// ```
public final class PointLayerWriter<Row> {
    /// What became of one row.
    public typealias Outcome = PointRowOutcome

    private let store: OverblikStore
    private let table: String
    private let replace: Bool
    private let statement: Statement
    private let lookup: Statement
    private let bindRow: (Row, RowBinder) throws -> Void
    private let id: (Row) -> String
    private let binder: RowBinder
    private var deferral: OverblikStore.SpatialIndexDeferral?
    /// Rows with a rowid above this were inserted by this batch.
    private let before: Int64
    /// Ids of rows of before the batch that this batch replaced (a repeat of one is a duplicate).
    private var replacedIDs = Set<String>()
    /// Into an empty layer: the new rows' boxes, collected as they are written, for the packed R*Tree.
    private var boxes: RTreeEntrySorter?
    /// Keeps data derived from the new rows as they are written (facilities: ``FacilityImportStream``).
    var companion: (any PointLayerCompanion<Row>)?

    init(store: OverblikStore, table: OverblikStore.PointTable, columns: String, replace: Bool, expectedRows: Int,
         id: @escaping (Row) -> String, bind: @escaping (Row, RowBinder) throws -> Void) throws {
        self.store = store
        self.table = table.rawValue
        self.replace = replace
        self.id = id
        self.bindRow = bind
        let database = store.database
        before = try database.scalar("SELECT coalesce(max(rowid), 0) FROM \"\(table.rawValue)\"")?.int ?? 0
        let placeholders = columns.split(separator: ",").map { _ in "?" }.joined(separator: ",")
        // With replace: an existing row of before the batch is updated in place; a row of this batch
        // is left alone (no change: a duplicate in the file, reported by the caller).
        let upsert = replace ? OverblikStore.upsert(columns) + " WHERE \"\(table.rawValue)\".rowid <= \(before)" : ""
        statement = try database.prepare("INSERT INTO \(table.rawValue) (\(columns)) VALUES (\(placeholders))" + upsert)
        lookup = try database.prepare("SELECT rowid FROM \(table.rawValue) WHERE id = ?")
        binder = RowBinder(statement)
        if expectedRows >= OverblikStore.deferredIndexMinimumRows {
            deferral = try store.beginDeferringSpatialIndex(of: table.rawValue)
            if deferral?.before == 0 { boxes = RTreeEntrySorter(runLength: OverblikStore.inMemorySortLimit) }
        }
    }

    /// Writes `row`.
    /// - Throws: ``DatabaseError`` for anything but the id conflicts the outcome reports.
    public func add(_ row: Row) throws -> Outcome {
        try add([row])[0]
    }

    /// Writes `rows` (a chunk), in order, and returns each one's outcome.
    /// - Throws: ``DatabaseError`` for anything but the id conflicts the outcomes report.
    public func add(_ rows: [Row]) throws -> [Outcome] {
        defer { startWritebackEvery(rows.count) }
        companion?.begin(rows)
        let outcomes = try write(rows)
        try companion?.written(outcomes)
        return outcomes
    }

    /// Writes `rows` by index: each row is borrowed from the array, where `map` (unspecialised
    /// here, `Row` being generic) would copy every row out and destroy the copy.
    private func write(_ rows: [Row]) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(rows.count)
        try rows.withUnsafeBufferPointer { buffer in
            for i in buffer.indices { outcomes.append(try write(buffer[i])) }
        }
        return outcomes
    }

    /// Rows given since the kernel was last asked to start writing the file back.
    private var sinceWriteback = 0

    /// Every 32 768 rows, asks the kernel to start writing the store's changed pages to disk
    /// (``Database/startWriteback()``): with a rollback journal (``Database/writingOnce(_:)``) the
    /// new pages go into the file as they leave the page cache, and the commit's fsync would
    /// otherwise wait for all of them at once. With the log it does nothing (no descriptor search).
    private func startWritebackEvery(_ rows: Int) {
        sinceWriteback += rows
        guard sinceWriteback >= 32_768 else { return }
        sinceWriteback = 0
        store.database.startWriteback()
    }

    private func write(_ row: Row) throws -> Outcome {
        if replace, !replacedIDs.isEmpty, replacedIDs.contains(id(row)) { return .duplicateInBatch }
        binder.start()
        try bindRow(row, binder)
        let db = store.database.handle
        let rc = sqlite3_step(statement.handle)
        if rc == SQLITE_DONE {
            if sqlite3_changes(db) == 0 { return .duplicateInBatch }
            if let boxes, !replace { try boxes.append(binder.point.box(id: sqlite3_last_insert_rowid(db))) }
            guard replace else {
                try companion?.inserted(rowID: sqlite3_last_insert_rowid(db))
                return .inserted
            }
            // An upsert inserted or updated: the row's rowid tells which (sqlite3_last_insert_rowid
            // is not reliable after an update whose triggers insert).
            if let rowID = try rowID(of: row), rowID > before {
                try boxes?.append(binder.point.box(id: rowID))
                return .inserted
            }
            replacedIDs.insert(id(row))
            return .replaced
        }
        sqlite3_reset(statement.handle)
        let extended = sqlite3_extended_errcode(db)
        // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE (C macros Swift does not import).
        guard !replace, extended == SQLITE_CONSTRAINT | (6 << 8) || extended == SQLITE_CONSTRAINT | (8 << 8) else {
            try store.database.check(rc, "insert into \(table)", sql: statement.sql)
            return .inserted
        }
        guard let existing = try rowID(of: row) else {
            try store.database.check(rc, "insert into \(table)", sql: statement.sql)
            return .inserted
        }
        return existing > before ? .duplicateInBatch : .existing
    }

    /// The rowid of the stored row with `row`'s id.
    private func rowID(of row: Row) throws -> Int64? {
        lookup.reset()
        try lookup.bind(1, text: id(row))
        let rc = sqlite3_step(lookup.handle)
        guard rc == SQLITE_ROW else {
            if rc != SQLITE_DONE { try store.database.check(rc, "step", sql: lookup.sql) }
            return nil
        }
        return sqlite3_column_int64(lookup.handle, 0)
    }

    /// Fills the spatial index and restores the triggers: call once, after the last row.
    public func finish() throws {
        try companion?.rowsDone()
        if let deferral {
            self.deferral = nil
            try store.finish(deferral, boxes: boxes)
            boxes = nil
            // The R*Tree's pages: to disk while the companion finishes, not all at the commit's sync.
            store.database.startWriteback()
        }
        try companion?.finish()
    }

    /// Whether the batch fills an empty layer with the per-row triggers set aside.
    var fillsEmptyLayerInBulk: Bool { before == 0 && deferral != nil }

    /// Leaves the replay of set-aside trigger `name` to the caller (``companion``).
    func dropReplay(of name: String) {
        deferral?.bookkeeping.removeAll { $0.name == name }
    }

    deinit {
        // A writer dropped without finish (an error on the way): the caller's rollback undoes the
        // rows; the triggers are put back here in case the transaction lives on.
        if let deferral { store.abandon(deferral) }
    }
}

/// Keeps data derived from a bulk batch's new rows as a ``PointLayerWriter`` writes them.
protocol PointLayerCompanion<Row>: AnyObject {
    associatedtype Row
    /// Called with each chunk before its rows are written.
    func begin(_ rows: [Row])
    /// Called with each row inserted (not replaced), as row `rowID`, once it is written.
    func inserted(rowID: Int64) throws
    /// Called with the outcomes of the chunk's rows once they are written.
    func written(_ outcomes: [PointRowOutcome]) throws
    /// Called after the last chunk, before the spatial index is filled.
    func rowsDone() throws
    /// Called last, after the triggers are restored.
    func finish() throws
}

extension OverblikStore {
    /// A writer of facilities (call inside ``write(_:)``); see ``PointLayerWriter``.
    /// - Parameter expectedRows: how many rows will come, when known (small batches keep the
    ///   per-row triggers); `Int.max` when unknown.
    /// Into an empty layer of a store without rooms, the stored features and the proximity index are
    /// made from the rows as they are written (``FacilityImportStream``) instead of by walks before the commit.
    public func facilityWriter(replace: Bool, expectedRows: Int) throws -> PointLayerWriter<Facility> {
        let writer = try PointLayerWriter<Facility>(store: self, table: .facilities, columns: Self.facilityColumns + ", geom", replace: replace,
                                          expectedRows: expectedRows, id: \.id) { f, b in try Self.bind(f, with: b) }
        if !replace, writer.fillsEmptyLayerInBulk, let stream = try FacilityImportStream(store: self) {
            if stream.writesFeatures { writer.dropReplay(of: "facility_features_on_insert") }
            writer.companion = stream
        }
        return writer
    }

    /// A writer of settlements (call inside ``write(_:)``).
    public func settlementWriter(replace: Bool, expectedRows: Int) throws -> PointLayerWriter<Settlement> {
        try PointLayerWriter(store: self, table: .settlements, columns: SettlementColumn.sqlList + ", geom", replace: replace,
                             expectedRows: expectedRows, id: \.id) { s, b in try Self.bind(s, with: b) }
    }

    /// A writer of population points (call inside ``write(_:)``).
    public func populationWriter(replace: Bool, expectedRows: Int) throws -> PointLayerWriter<PopulationPoint> {
        try PointLayerWriter(store: self, table: .population, columns: Self.populationColumns, replace: replace,
                             expectedRows: expectedRows, id: \.id) { p, b in try Self.bind(p, with: b) }
    }
}

/// What became of one row given to a point-layer writer (SpatiaLite's ``PointLayerWriter`` or
/// PostgreSQL's), the same on both stores.
public enum PointRowOutcome: Sendable, Equatable {
    /// A new id: the row was inserted.
    case inserted
    /// The id was in the layer before the batch and `replace` is on: the row was overwritten in place.
    case replaced
    /// The id was in the layer before the batch and `replace` is off: nothing was written.
    case existing
    /// An earlier row of this batch has the same id: nothing was written.
    case duplicateInBatch
}
