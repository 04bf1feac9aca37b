import PostgresNIO

/// What a large point-layer batch sets aside and restores (see ``PostgresPointLayerWriter``):
/// the layer's plain indexes, and the numbers of its import-order column.
extension PostgresStore {
    /// The indexes of `table` that no constraint of it owns (not its primary key, unique or
    /// exclusion constraints), each with its qualified name and the `CREATE INDEX` statement that
    /// builds it again as it is (method, columns, options, predicate), in name order.
    func plainIndexes(of table: String) throws -> [(name: String, definition: String)] {
        var binds = PostgresBindings()
        binds.append(table)
        return try query("""
            SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid) FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass
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
