public import Facilities
import PostgresNIO
public import Store

/// Writes a point layer (facilities, settlements, population) chunk by chunk inside the caller's
/// ``PostgresStore/write(_:)``, so an import streams a file of any size without holding it, and
/// every row gets the outcome SpatiaLite's ``PointLayerWriter`` gives it (inserted, replaced,
/// already in the layer, repeated in this batch).
///
/// New rows go into one COPY that stays open across chunks (``CopyStream``): the server stores a
/// chunk while the caller reads the next. A large batch locks the layer, drops its indexes that
/// no constraint owns and that are not unique (its GiST index, population's `seq` b-tree, any such
/// index another program added) and builds them again from their definitions in ``finish()``,
/// from sorted input; into an empty layer
/// it also sets aside the primary key (and the foreign keys that refer to it, which then refer to
/// nothing) and adds them back in ``finish()``: one sorted build instead of an insert per row.
/// DDL is transactional: a rollback undoes the drops. The layer is
/// locked against readers and writers until the import commits, as with any drop.
///
/// A layer with an import-order column (population's `seq`, a `bigserial`) gets its numbers from
/// the writer in a large batch: it takes the next value of the column's sequence once, numbers the
/// new rows from it in the order they come (the order `nextval` per row would give them), and
/// moves the sequence past the last in ``finish()``. The lock keeps other writers of the layer out
/// meanwhile; a rolled-back batch leaves a gap in the numbers, as `nextval` does.
///
/// A large batch into an empty layer that nothing else hangs on does not touch the layer until the
/// end: it loads into a table beside it over two connections, builds the key and the GiST index
/// there at the same time and swaps the table in (``PostgresBulkStage``); the rest above holds for
/// every other large batch.
///
/// The outcomes need no query per row and no memory per row. Into an empty layer whose key was
/// set aside, an id repeated across chunks is found by the server when the key is built:
/// ``finish()`` returns those ids (``RepeatedIDs``) for the caller to name their lines. Into a
/// layer that held rows, each chunk's ids are looked up (the open COPY ends first); the lookup
/// tells a row written by this transaction (its `xmin` is the transaction's id) from one that was
/// there before. A small batch into an empty layer keeps the key and remembers its ids' hashes.
public final class PostgresPointLayerWriter<Row> {
    private let store: PostgresStore
    private let table: String
    private let columns: [String]
    /// The columns of the COPY: ``columns``, after the import-order column when the writer numbers rows.
    private let copyColumns: [String]
    private let replace: Bool
    private let id: (Row) -> String
    private let encode: (Row, inout CopyText) -> Void
    private let layerWasEmpty: Bool
    /// Hashes of the ids written, kept only while the key guards an empty layer (a small batch).
    private var written = Set<Int>()
    /// The COPY open across chunks, if any.
    private var stream: CopyStream?
    /// Indexes set aside for the batch (name and `CREATE INDEX` statement), built again in ``finish()``.
    private var indexesSetAside: [(name: String, definition: String)] = []
    /// The import-order column, the first number taken and the number of the next new row, when the writer numbers rows.
    private var ordinal: (column: String, first: Int64, next: Int64)?
    /// A large batch into an empty layer that nothing else hangs on loads beside it and is swapped in (``PostgresBulkStage``).
    private var stage: PostgresBulkStage?
    /// Constraints set aside for the batch (`ALTER TABLE` targets with their definitions), restored in order.
    private var setAside: [(table: String, name: String, definition: String)] = []

    /// - Parameter ordinalColumn: the layer's import-order column (a `bigserial`), numbered by the writer in a large batch.
    init(store: PostgresStore, table: String, columns: [String], ordinalColumn: String? = nil, replace: Bool, expectedRows: Int,
         id: @escaping (Row) -> String, encode: @escaping (Row, inout CopyText) -> Void) throws {
        (self.store, self.table, self.columns, self.replace, self.id, self.encode) = (store, table, columns, replace, id, encode)
        let bulk = expectedRows >= PostgresStore.indexDeferralRows
        // No other writer between the look and the load; readers too once a staged load has made its table.
        if bulk { try store.execute("LOCK TABLE \(table) IN SHARE ROW EXCLUSIVE MODE") }
        layerWasEmpty = try store.scalar("SELECT NOT EXISTS (SELECT 1 FROM \(table))", as: Bool.self) ?? true
        if bulk, let ordinalColumn, let first = try store.nextSerial(of: table, column: ordinalColumn) {
            ordinal = (ordinalColumn, first, first)
        }
        copyColumns = ordinal.map { [$0.column] + columns } ?? columns
        guard bulk else { return }
        if layerWasEmpty, store.transactionDepth > 0, let plan = try store.stagePlan(of: table) {
            // No second connection (the server's connection limit, say): the batch loads in place;
            // what the stage made is dropped when the transaction ends.
            stage = try? PostgresBulkStage(store: store, table: table, plan: plan, columns: copyColumns)
        }
        // The lock the swap or DROP INDEX takes, taken now (see PostgresBulkStage on deadlocks).
        try store.execute("LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE")
        if stage != nil { return }
        indexesSetAside = try store.plainIndexes(of: table)
        for index in indexesSetAside { try store.execute("DROP INDEX \(index.name)") }
        try store.raiseMaintenanceMemory()
        if layerWasEmpty {
            setAside = try store.keyConstraints(of: table)
            for c in setAside.reversed() { try store.execute("ALTER TABLE \(c.table) DROP CONSTRAINT \(c.name)") }
        }
    }

    /// Writes `rows` (one COPY for the new ones, an upsert for replaced ones) and returns each row's outcome.
    /// Specialised for the three layers: the caller (the facade's ``PointLayerSink``, another
    /// module) would otherwise run this loop unspecialised, copying each row through its value
    /// witness and looking up generic metadata per row (about 0.3 CPU-s at 1 000 000 facilities).
    /// - Throws: ``PostgresStoreError`` when the server refuses the rows.
    @_specialize(where Row == Facility)
    @_specialize(where Row == Settlement)
    @_specialize(where Row == PopulationPoint)
    public func add(_ rows: [Row]) throws -> [PointRowOutcome] {
        let ids = rows.map(id)
        let lookedUp = !layerWasEmpty ? ids : serverFindsRepeats ? [] : ids.filter { written.contains($0.hashValue) }
        if !lookedUp.isEmpty { try endStream() }
        let mine = lookedUp.isEmpty ? [:] : try store.writtenByThisTransaction(ids: lookedUp, in: table)
        var first: [String: PointRowOutcome] = [:]
        var inserts = CopyText(), updates = CopyText()
        var outcomes: [PointRowOutcome] = []
        outcomes.reserveCapacity(rows.count)
        // Nothing of this chunk is in the layer yet (the bulk case): one set insertion per row.
        var seen = Set<String>()
        if mine.isEmpty { seen.reserveCapacity(rows.count) }
        for (row, rowID) in zip(rows, ids) {
            let outcome: PointRowOutcome
            if mine.isEmpty {
                outcome = seen.insert(rowID).inserted ? .inserted : .duplicateInBatch
            } else if let earlier = first[rowID] {
                outcome = earlier == .existing ? .existing : .duplicateInBatch
            } else {
                switch mine[rowID] {
                case true?: outcome = .duplicateInBatch
                case false?: outcome = replace ? .replaced : .existing
                case nil: outcome = .inserted
                }
                first[rowID] = outcome
            }
            if outcome == .inserted {
                if let next = ordinal?.next {
                    inserts.int(Int(next))
                    ordinal?.next = next + 1
                }
                encode(row, &inserts)
            }
            if outcome == .replaced { encode(row, &updates) }
            if layerWasEmpty, !serverFindsRepeats, outcome == .inserted || outcome == .replaced { written.insert(rowID.hashValue) }
            outcomes.append(outcome)
        }
        if inserts.rows > 0 {
            if let stage {
                try stage.send(inserts.finished())
            } else {
                if stream == nil { stream = try CopyStream(store: store, table: table, columns: copyColumns) }
                try stream?.send(inserts.finished())
            }
        }
        if updates.rows > 0 {
            try endStream()
            try store.upsert(into: table, columns: columns, rows: updates)
        }
        return outcomes
    }

    /// Whether the primary key is set aside, so that building it finds ids repeated across chunks.
    private var serverFindsRepeats: Bool { !setAside.isEmpty || stage != nil }

    /// Waits until the open COPY, if any, has stored its rows.
    private func endStream() throws {
        defer { stream = nil }
        try stream?.finish()
    }

    /// Ends the open COPY, if any, on an error path (the caller rolls back): call instead of ``finish()``.
    public func abandon() {
        stage?.abandon()
        stream?.abandon()
        stream = nil
    }

    /// Ends the COPY, restores the keys and builds the indexes that were set aside, and moves the
    /// import-order sequence past the rows it numbered: call once, after the last chunk. Returns
    /// the ids that more than one chunk wrote, found when the primary key is built (then the keys
    /// stay aside: the caller refuses the batch and rolls back).
    /// - Throws: ``PostgresStoreError`` (a key the rows break: the caller's rollback leaves nothing).
    public func finish() throws -> RepeatedIDs {
        try endStream()
        if let stage {
            let repeated = try stage.build()
            guard repeated.total == 0 else { return repeated }
            try stage.swap()
            self.stage = nil
        }
        if let primary = setAside.first {
            let repeated = try store.addKeyFindingRepeats(primary, of: table)
            guard repeated.total == 0 else { return repeated }
        }
        for c in setAside.dropFirst() { try store.execute("ALTER TABLE \(c.table) ADD CONSTRAINT \(c.name) \(c.definition)") }
        setAside = []
        for index in indexesSetAside { try store.execute(index.definition) }
        indexesSetAside = []
        if let (column, first, next) = ordinal {
            ordinal = nil
            if next > first { try store.moveSerial(of: table, column: column, past: next - 1) }
        }
        return RepeatedIDs()
    }
}

/// Ids written more than once in one batch, as the primary key's build found them: the first
/// ``limit`` of them and how many rows repeat an earlier one in all.
public struct RepeatedIDs: Sendable {
    public var ids: Set<String> = []
    /// Rows whose id an earlier row of the batch already had.
    public var total = 0
    static let limit = 10_000

    public init() {}
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
        try PostgresPointLayerWriter(store: self, table: "population", columns: Self.populationColumns, ordinalColumn: "seq", replace: replace,
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

    /// Adds `key`, the primary key of `table`, in a savepoint. When ids repeat, the key is not
    /// added and the repeated ids are returned.
    func addKeyFindingRepeats(_ key: (table: String, name: String, definition: String), of table: String) throws -> RepeatedIDs {
        try execute("SAVEPOINT overblik_key")
        do {
            try execute("ALTER TABLE \(key.table) ADD CONSTRAINT \(key.name) \(key.definition)")
            try execute("RELEASE SAVEPOINT overblik_key")
            return RepeatedIDs()
        } catch PostgresStoreError.server(_, "23505"?, _) {
            try execute("ROLLBACK TO SAVEPOINT overblik_key")
        }
        let queries = Self.repeatQueries(in: table)
        var repeated = RepeatedIDs()
        repeated.total = Int(try scalar(queries.total, as: Int64.self) ?? 0)
        for row in try query(queries.ids) { repeated.ids.insert(try Cells(row).string(0)) }
        return repeated
    }

    /// The statements that count the rows of `table` whose id an earlier row has, and list the
    /// first ``RepeatedIDs/limit`` of those ids.
    static func repeatQueries(in table: String) -> (total: String, ids: String) {
        let counted = "SELECT id, count(*) AS n FROM \(table) GROUP BY id HAVING count(*) > 1"
        return ("SELECT sum(n - 1)::bigint FROM (\(counted)) r", "SELECT id FROM (\(counted)) r LIMIT \(RepeatedIDs.limit)")
    }

    /// Sorting memory for the key and index builds of a large batch: at least
    /// ``maintenanceMemoryKB`` for this transaction (`SET LOCAL`; a larger server setting stays).
    /// The primary key's build of 1 000 000 ids then runs with two parallel workers instead of one
    /// (PostgreSQL gives each participant at least 32 MB), each sorting its share in one run.
    func raiseMaintenanceMemory() throws {
        try execute(Self.raisingMaintenanceMemory(local: true))
    }

    /// The statement that raises `maintenance_work_mem` to at least ``maintenanceMemoryKB`` (a
    /// larger setting stays), for the transaction (`local`) or for the session (a bulk load's loaders).
    static func raisingMaintenanceMemory(local: Bool) -> String {
        """
        SELECT set_config('maintenance_work_mem', greatest(setting::bigint, \(maintenanceMemoryKB))::text || 'kB', \(local))
        FROM pg_settings WHERE name = 'maintenance_work_mem'
        """
    }

    /// The transaction's `maintenance_work_mem` for a large batch (256 MB).
    static let maintenanceMemoryKB: Int64 = 256 << 10

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
