import CSQLite

/// Binding by parameter index without building ``SQLValue`` arrays: the hot path of bulk inserts
/// (one row is a reset, a few direct binds and one step).
///
/// ```swift
/// statement.reset()
/// try statement.bind(1, text: id)
/// try statement.bind(2, double: lon)
/// try statement.stepDone()
/// ```
extension Statement {
    /// Resets the statement for the next row; earlier bindings stay until bound again.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Binds text (its UTF-8 bytes, NULs included) to parameter `index` (from 1).
    /// - Throws: ``DatabaseError`` when SQLite refuses the binding.
    public func bind(_ index: Int32, text: String) throws(DatabaseError) {
        var text = text
        let rc = text.withUTF8 { utf8 in
            bindText(index, UnsafeRawBufferPointer(utf8))
        }
        try checkBind(rc, index)
    }

    /// Binds text or NULL to parameter `index`.
    public func bind(_ index: Int32, text: String?) throws(DatabaseError) {
        guard let text else { return try bindNull(index) }
        try bind(index, text: text)
    }

    /// Binds the bytes of `utf8` as text to parameter `index` (copied by SQLite).
    public func bind(_ index: Int32, utf8: UnsafeRawBufferPointer) throws(DatabaseError) {
        try checkBind(bindText(index, utf8), index)
    }

    /// Binds a double to parameter `index`.
    public func bind(_ index: Int32, double: Double) throws(DatabaseError) {
        try checkBind(sqlite3_bind_double(handle, index, double), index)
    }

    /// Binds an integer to parameter `index`.
    public func bind(_ index: Int32, int: Int64) throws(DatabaseError) {
        try checkBind(sqlite3_bind_int64(handle, index, int), index)
    }

    /// Binds an integer or NULL to parameter `index`.
    public func bind(_ index: Int32, int: Int?) throws(DatabaseError) {
        guard let int else { return try bindNull(index) }
        try bind(index, int: Int64(int))
    }

    /// Binds NULL to parameter `index`.
    public func bindNull(_ index: Int32) throws(DatabaseError) {
        try checkBind(sqlite3_bind_null(handle, index), index)
    }

    /// Binds a blob (copied by SQLite) to parameter `index`.
    public func bind(_ index: Int32, blob: UnsafeRawBufferPointer) throws(DatabaseError) {
        let rc = sqlite3_bind_blob(handle, index, blob.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(blob.count),
                                   overblik_sqlite_transient())
        try checkBind(rc, index)
    }

    /// Runs a statement that returns no rows (an INSERT or UPDATE) once with its current bindings.
    /// - Throws: ``DatabaseError`` (constraint violations included); the statement is reset.
    public func stepDone() throws(DatabaseError) {
        let rc = sqlite3_step(handle)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            sqlite3_reset(handle)
            try database.check(rc, "step", sql: sql)
            return
        }
    }

    /// The error of a failed binding (the message is built only then).
    @inline(__always)
    private func checkBind(_ rc: Int32, _ index: Int32) throws(DatabaseError) {
        if rc != SQLITE_OK { try database.check(rc, "bind parameter \(index)", sql: sql) }
    }

    private func bindText(_ index: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return sqlite3_bind_text(handle, index, "", 0, overblik_sqlite_transient())
        }
        return sqlite3_bind_text(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                                 overblik_sqlite_transient())
    }
}
