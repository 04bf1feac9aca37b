public import Facilities
import PostgresNIO
public import Store

/// Writes a point layer (facilities, settlements, population) chunk by chunk inside the caller's
/// ``PostgresStore/write(_:)``: each chunk is one COPY, so an import streams a file of any size
/// without holding it, and every row gets the outcome SpatiaLite's ``PointLayerWriter`` gives it
/// (inserted, replaced, already in the layer, repeated in this batch).
///
/// The outcomes need no query per row: the ids written so far are remembered as 64-bit hashes, and
/// a chunk's ids are looked up in the table only when the layer held rows before the batch, or for
/// the few ids whose hash was seen. The lookup tells a row written by this transaction (its `xmin`
/// is the transaction's id) from one that was there before. A large batch drops the layer's GiST
/// index and builds it once in ``finish()``; into an empty layer it also sets aside the primary
/// key (and the foreign keys that refer to it, which then refer to nothing) and adds them back
/// in ``finish()``: one sorted build instead of a random insert per row, and the key still refuses
/// what the hashes might have missed. DDL is transactional: a rollback undoes the drops. The
/// layer is locked against readers until the import commits, as with any drop.
///
/// ```swift
/// try store.write {
///     let writer = try store.populationWriter(replace: false, expectedRows: .max)
///     for chunk in chunks { let outcomes = try writer.add(chunk) }
///     try writer.finish()
/// }
/// ```
public final class PostgresPointLayerWriter<Row> {
    private let store: PostgresStore
    private let table: String
    private let columns: [String]
    private let replace: Bool
    private let id: (Row) -> String
    private let encode: (Row, inout CopyText) -> Void
    private let layerWasEmpty: Bool
    private var written = Set<Int>()
    private var indexDropped = false
    /// Constraints set aside for the batch (`ALTER TABLE` targets with their definitions), restored in order.
    private var setAside: [(table: String, name: String, definition: String)] = []

    init(store: PostgresStore, table: String, columns: [String], replace: Bool, expectedRows: Int,
         id: @escaping (Row) -> String, encode: @escaping (Row, inout CopyText) -> Void) throws {
        (self.store, self.table, self.columns, self.replace, self.id, self.encode) = (store, table, columns, replace, id, encode)
        layerWasEmpty = try store.scalar("SELECT NOT EXISTS (SELECT 1 FROM \(table))", as: Bool.self) ?? true
        if expectedRows >= PostgresStore.indexDeferralRows {
            try store.execute("DROP INDEX IF EXISTS \(table)_geom")
            indexDropped = true
            if layerWasEmpty {
                setAside = try store.keyConstraints(of: table)
                for c in setAside.reversed() { try store.execute("ALTER TABLE \(c.table) DROP CONSTRAINT \(c.name)") }
            }
        }
    }

    /// Writes `rows` (one COPY for the new ones, an upsert for replaced ones) and returns each row's outcome.
    /// - Throws: ``PostgresStoreError`` when the server refuses the rows.
    public func add(_ rows: [Row]) throws -> [PointRowOutcome] {
        let ids = rows.map(id)
        let lookedUp = layerWasEmpty ? ids.filter { written.contains($0.hashValue) } : ids
        let mine = lookedUp.isEmpty ? [:] : try store.writtenByThisTransaction(ids: lookedUp, in: table)
        var first: [String: PointRowOutcome] = [:]
        var inserts = CopyText(), updates = CopyText()
        var outcomes: [PointRowOutcome] = []
        outcomes.reserveCapacity(rows.count)
        for (row, rowID) in zip(rows, ids) {
            let outcome: PointRowOutcome
            if let earlier = first[rowID] {
                outcome = earlier == .existing ? .existing : .duplicateInBatch
            } else {
                switch mine[rowID] {
                case true?: outcome = .duplicateInBatch
                case false?: outcome = replace ? .replaced : .existing
                case nil: outcome = .inserted
                }
                first[rowID] = outcome
            }
            if outcome == .inserted { encode(row, &inserts); written.insert(rowID.hashValue) }
            if outcome == .replaced { encode(row, &updates); written.insert(rowID.hashValue) }
            outcomes.append(outcome)
        }
        if inserts.rows > 0 { try store.copyRows(into: table, columns: columns, rows: inserts) }
        if updates.rows > 0 { try store.upsert(into: table, columns: columns, rows: updates) }
        return outcomes
    }

    /// Restores the keys and builds the GiST index if they were set aside: call once, after the last chunk.
    /// - Throws: ``PostgresStoreError`` (a key the rows break: the caller's rollback leaves nothing).
    public func finish() throws {
        for c in setAside { try store.execute("ALTER TABLE \(c.table) ADD CONSTRAINT \(c.name) \(c.definition)") }
        setAside = []
        guard indexDropped else { return }
        indexDropped = false
        try store.execute("CREATE INDEX \(table)_geom ON \(table) USING gist (geom)")
    }
}

extension PostgresStore {
    /// A chunked writer of facilities (call inside ``write(_:)``); see ``PostgresPointLayerWriter``.
    /// - Parameter expectedRows: how many rows will come, when known; `Int.max` when unknown.
    public func facilityWriter(replace: Bool, expectedRows: Int) throws -> PostgresPointLayerWriter<Facility> {
        try PostgresPointLayerWriter(store: self, table: "facilities", columns: Self.facilityColumns, replace: replace,
                                     expectedRows: expectedRows, id: \.id, encode: Self.encode)
    }

    /// A chunked writer of settlements (call inside ``write(_:)``).
    public func settlementWriter(replace: Bool, expectedRows: Int) throws -> PostgresPointLayerWriter<Settlement> {
        try PostgresPointLayerWriter(store: self, table: "settlements", columns: Self.settlementColumns, replace: replace,
                                     expectedRows: expectedRows, id: \.id, encode: Self.encode)
    }

    /// A chunked writer of population points (call inside ``write(_:)``), kept in the order given.
    public func populationWriter(replace: Bool, expectedRows: Int) throws -> PostgresPointLayerWriter<PopulationPoint> {
        try PostgresPointLayerWriter(store: self, table: "population", columns: Self.populationColumns, replace: replace,
                                     expectedRows: expectedRows, id: \.id, encode: Self.encode)
    }

    /// The primary key of `table` and then the foreign keys that refer to it, each with its table,
    /// name and definition (to add back after a bulk load).
    func keyConstraints(of table: String) throws -> [(table: String, name: String, definition: String)] {
        var binds = PostgresBindings()
        binds.append(table)
        return try query("""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE (conrelid = $1::regclass AND contype = 'p') OR (confrelid = $1::regclass AND contype = 'f')
            ORDER BY contype DESC, conname
            """, binds).map { row in
            let c = Cells(row)
            return (try c.string(0), try c.string(1), try c.string(2))
        }
    }

    /// Which of `ids` are in `table`, each with whether this transaction wrote it.
    func writtenByThisTransaction(ids: [String], in table: String) throws -> [String: Bool] {
        var binds = PostgresBindings()
        binds.append(ids)
        var found: [String: Bool] = [:]
        for row in try query("SELECT id, xmin = pg_current_xact_id()::xid FROM \(table) WHERE id = ANY($1)", binds) {
            let cells = Cells(row)
            found[try cells.string(0)] = try cells.bool(1) == true
        }
        return found
    }
}
