import PostgresNIO

/// What a large point-layer batch sets aside and restores (see ``PostgresPointLayerWriter``):
/// the layer's plain indexes, and the numbers of its import-order column.
extension PostgresStore {
    /// The indexes of `table` that no constraint of it owns (not its primary key, unique or
    /// exclusion constraints) and that are not unique (a unique index another program added
    /// keeps refusing rows as they come), each with its qualified name and the `CREATE INDEX`
    /// statement that builds it again as it is (method, columns, options, predicate), in name order.
    ///
    /// A GiST index is built from sorted input many times faster than it takes the rows one by
    /// one (2 s against tens of seconds at 1 000 000 points). Population's `seq` b-tree costs the
    /// COPY about 0.6 CPU-s per 1 000 000 rows (a WAL record per row) and its build afterwards
    /// 0.24 CPU-s; since the client's encoding got cheaper, the COPY of population waits for the
    /// server rather than the client, so the b-tree is set aside too (docs/postgres.md).
    func plainIndexes(of table: String) throws -> [(name: String, definition: String)] {
        var binds = PostgresBindings()
        binds.append(table)
        return try query("""
            SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid) FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass AND NOT x.indisunique
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
            ORDER BY i.relname
            """, binds).map { row in
            let c = Cells(row)
            return (try c.string(0), try c.string(1))
        }
    }

    /// The next value of the sequence behind `table.column` (a `bigserial`), taken (`nextval`);
    /// nil when the column has no sequence (another program changed it): rows then keep its default.
    func nextSerial(of table: String, column: String) throws -> Int64? {
        try scalar("SELECT nextval(pg_get_serial_sequence('\(table)', '\(column)'))", as: Int64.self)
    }

    /// Moves the sequence behind `table.column` so that its next value follows `last`, the
    /// highest number the writer gave a row. `setval` is not undone by a rollback: a batch that
    /// fails leaves a gap, as `nextval` per row would.
    func moveSerial(of table: String, column: String, past last: Int64) throws {
        var binds = PostgresBindings()
        binds.append(last)
        try query("SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), $1)", binds)
    }
}
