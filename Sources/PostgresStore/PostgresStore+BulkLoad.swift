import PostgresNIO

/// What a large point-layer batch sets aside and restores (see ``PostgresPointLayerWriter``):
/// the layer's GiST indexes, and the numbers of its import-order column.
extension PostgresStore {
    /// The GiST indexes of `table` that no constraint of it owns (not an exclusion constraint),
    /// each with its qualified name and the `CREATE INDEX` statement that builds it again as it is
    /// (columns, options, predicate), in name order. A GiST index is built from sorted input many
    /// times faster than it takes the rows one by one (2 s against tens of seconds at 1 000 000
    /// points). B-tree indexes (population's `seq`) stay: a b-tree takes rows in order cheaply,
    /// and its insertions run while the client still parses, where building it after the last
    /// row would lengthen the serial tail (measured: 0.36 s more at 1 000 000 points).
    func gistIndexes(of table: String) throws -> [(name: String, definition: String)] {
        var binds = PostgresBindings()
        binds.append(table)
        return try query("""
            SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid) FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass AND i.relam = (SELECT oid FROM pg_am WHERE amname = 'gist')
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
