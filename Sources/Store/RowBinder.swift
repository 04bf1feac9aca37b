import CSQLite
import GeoTypes

/// Binds the values of one row at a time to an INSERT of a bulk write, without SQLite copying them.
///
/// SQLite copies text and blobs bound with `SQLITE_TRANSIENT` into memory it allocates, and frees
/// that memory at the next bind of the parameter: two allocator calls per text value per row
/// (about 0.5 of the 7 CPU-s of a 1M-facility import's writing thread, by `perf`). Here each row's texts and its point
/// blob are copied once into memory the binder owns and bound `SQLITE_STATIC`. That memory stays
/// valid until the next row's ``start()``, which resets the statement first, and every parameter
/// is bound again for every row, so SQLite never reads a value of an earlier row.
///
/// ```swift
/// let binder = RowBinder(statement)
/// for p in points {
///     binder.start()
///     try binder.bind(1, text: p.id)
///     try binder.bindPoint(p.location, at: 2)
///     try binder.statement.stepDone()
/// }
/// ```
final class RowBinder {
    let statement: Statement
    /// The row's geometry, rewritten in place for each row.
    private(set) var point = SpatiaLitePoint()
    /// Added to every parameter index: a statement inserting several rows (`VALUES (…), (…)`)
    /// takes row `k`'s values with a base of `k` times the columns.
    var base: Int32 = 0
    /// Where this row's values are copied to; `used` bytes of it are taken.
    private var block: UnsafeMutableRawBufferPointer
    private var used = 0
    /// Blocks outgrown during the current row: its earlier values are bound there, so they live until ``start()``.
    private var outgrown: [UnsafeMutableRawBufferPointer] = []

    init(_ statement: Statement) {
        self.statement = statement
        block = .allocate(byteCount: 4096, alignment: 8)
    }

    deinit {
        // The statement may outlive the binder: make it forget the pointers first.
        sqlite3_clear_bindings(statement.handle)
        block.deallocate()
        for b in outgrown { b.deallocate() }
    }

    /// Starts a row: resets the statement (so the earlier row's values are no longer in use) and reuses the memory.
    func start() {
        statement.reset()
        used = 0
        base = 0
        for b in outgrown { b.deallocate() }
        outgrown.removeAll(keepingCapacity: true)
    }

    /// Copies `bytes` into the row's memory and returns where they are.
    private func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawPointer {
        if used + bytes.count > block.count {
            outgrown.append(block)
            block = .allocate(byteCount: max(2 * block.count, bytes.count), alignment: 8)
            used = 0
        }
        let start = block.baseAddress! + used
        if let source = bytes.baseAddress, !bytes.isEmpty { start.copyMemory(from: source, byteCount: bytes.count) }
        used += bytes.count
        return start
    }

    /// Binds text (its UTF-8 bytes), or NULL for nil, to parameter `index` (from 1).
    func bind(_ index: Int32, text: String?) throws(DatabaseError) {
        guard var text else { return try statement.bindNull(base + index) }
        let (start, count) = text.withUTF8 { utf8 in (copy(UnsafeRawBufferPointer(utf8)), utf8.count) }
        try check(sqlite3_bind_text(statement.handle, base + index, start.assumingMemoryBound(to: CChar.self), Int32(count), nil), index)
    }

    func bind(_ index: Int32, double: Double) throws(DatabaseError) {
        try statement.bind(base + index, double: double)
    }

    func bind(_ index: Int32, int: Int?) throws(DatabaseError) {
        try statement.bind(base + index, int: int)
    }

    /// Binds bytes that stay valid and unchanged until the statement's next reset (not copied) as
    /// text (`text`) or a blob to parameter `index`.
    func bindInPlace(_ index: Int32, _ bytes: UnsafeRawBufferPointer, text: Bool) throws(DatabaseError) {
        // A zero-length value still needs an address (a null one binds NULL).
        let start = bytes.baseAddress ?? UnsafeRawPointer(block.baseAddress!)
        let rc = text ? sqlite3_bind_text(statement.handle, base + index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
                      : sqlite3_bind_blob(statement.handle, base + index, start, Int32(bytes.count), nil)
        try check(rc, index)
    }

    /// Binds `location` as a SpatiaLite point blob (EPSG:4326) to parameter `index`.
    func bindPoint(_ location: Coordinate, at index: Int32) throws(DatabaseError) {
        point.set(x: location.lon, y: location.lat)
        let start = point.bytes.withUnsafeBytes { copy($0) }
        try check(sqlite3_bind_blob(statement.handle, base + index, start, Int32(SpatiaLitePoint.size), nil), index)
    }

    private func check(_ rc: Int32, _ index: Int32) throws(DatabaseError) {
        if rc != SQLITE_OK { try statement.database.check(rc, "bind parameter \(base + index)", sql: statement.sql) }
    }
}
