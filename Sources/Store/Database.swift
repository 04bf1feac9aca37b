import CSQLite
import CWriteCoalescing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One SQLite connection with SpatiaLite loaded. Not Sendable: give each thread or process its own.
///
/// The connection runs in WAL mode with a busy timeout, so that readers never block writers and
/// concurrent writers wait instead of failing with "database is locked".
public final class Database {
    let handle: OpaquePointer
    public let path: String
    /// Whether SpatiaLite's functions are available on this connection.
    public private(set) var hasSpatiaLite = false
    /// Whether a ``writingOnce(_:)`` transaction runs: its new pages go to the file, not the log.
    var isWritingOnce = false

    /// How long a writer waits in all for another writer's lock before failing, in milliseconds:
    /// 30 s, or `$OVERBLIK_LOCK_WAIT_MS` (for tests and impatient scripts).
    public static let busyTimeoutMilliseconds: Int32 = {
        if let text = getenv("OVERBLIK_LOCK_WAIT_MS").map({ String(cString: $0) }), let ms = Int32(text), ms >= 0 { return ms }
        return 30_000
    }()

    /// SQLite's process-wide settings, made once before the first connection: no memory statistics
    /// (nothing here reads them, and they take a global mutex on every allocation SQLite makes).
    private static let processSettings: Void = { _ = overblik_sqlite_disable_memstatus() }()

    /// The VFS every connection opens its file through: SQLite's default, with the main file's page
    /// writes gathered into larger ones while a bulk write asks for it (``writingOnce(_:)``); nil
    /// (the default VFS itself) if it could not be registered.
    private static let vfsName: String? = {
        overblik_write_coalescing_register() == SQLITE_OK ? OVERBLIK_COALESCING_VFS : nil
    }()

    /// Opens (creating when missing) the database at `path` and loads SpatiaLite.
    /// - Parameters:
    ///   - path: file path, or ":memory:".
    ///   - readOnly: open without write access (the file must exist).
    /// - Throws: ``DatabaseError`` when the file cannot be opened, ``StoreError/spatialiteUnavailable(message:)``.
    /// - Parameter loadSpatiaLite: false opens plain SQLite (about 30 ms faster to start): enough to
    ///   read the store's plain columns, not to write geometry or call spatial SQL functions.
    public init(path: String, readOnly: Bool = false, loadSpatiaLite: Bool = true) throws {
        _ = Self.processSettings
        var db: OpaquePointer?
        var flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        var name = path
        if readOnly && Self.needsImmutableOpen(path) {
            // A read-only folder or mount where SQLite cannot create the -shm file: read the file
            // as it is (nobody can be writing to it there).
            name = "file:" + Self.uriEscaped(path) + "?immutable=1"
            flags |= SQLITE_OPEN_URI
        }
        let rc = sqlite3_open_v2(name, &db, flags, Self.vfsName)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError(code: rc, message: message, operation: "open", path: path)
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        if loadSpatiaLite { try self.loadSpatiaLite() }
        // After loading SpatiaLite, which sets a busy timeout of its own (5 s).
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
        self.hasSpatiaLite = loadSpatiaLite
        try execute("PRAGMA foreign_keys = ON")
    }

    /// Switches the file to write-ahead logging with the connection settings of a writer. Call it
    /// only once the file is known to be an Overblik store (or new): it changes the file's header.
    public func enableWriteAheadLog() throws(DatabaseError) {
        guard !isReadOnly, path != ":memory:", !path.isEmpty else { return }
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
        // Bulk imports touch the table, its indexes and the R*Tree: keep them in cache (32 MiB).
        try execute("PRAGMA cache_size = -32768")
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Whether the main database is open read-only (opened so, or the file is not writable).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    private func loadSpatiaLite() throws {
        guard overblik_sqlite_enable_load_extension(handle, 1) == SQLITE_OK else {
            throw StoreError.spatialiteUnavailable(message: lastMessage)
        }
        defer { _ = overblik_sqlite_enable_load_extension(handle, 0) }
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_load_extension(handle, "mod_spatialite", nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw StoreError.spatialiteUnavailable(message: message)
        }
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    func check(_ rc: Int32, _ operation: String, sql: String? = nil) throws(DatabaseError) {
        guard rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE else {
            throw DatabaseError(code: rc & 0xff, extendedCode: sqlite3_extended_errcode(handle),
                                message: lastMessage, sql: sql, operation: operation, path: path)
        }
    }

    /// Runs one or more SQL statements without parameters or results.
    public func execute(_ sql: String) throws(DatabaseError) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw DatabaseError(code: rc & 0xff, extendedCode: sqlite3_extended_errcode(handle),
                                message: message, sql: sql, operation: "execute", path: path)
        }
    }

    /// Whether statement `sql` runs a trigger (its program calls one: SQLite compiles in the
    /// triggers that its table has for its kind of change).
    func firesTriggers(_ sql: String) throws(DatabaseError) -> Bool {
        let explain = try prepare("EXPLAIN " + sql)
        while let row = try explain.step() { if row[1].string == "Program" { return true } }
        return false
    }

    /// Compiles a statement for repeated use.
    public func prepare(_ sql: String) throws(DatabaseError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs a statement with bound values and collects every row.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) -> [Row] {
        let statement = try prepare(sql)
        try statement.bind(values)
        var rows: [Row] = []
        while let row = try statement.step() { rows.append(row) }
        return rows
    }

    /// Runs a statement with bound values for its effect.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) {
        let statement = try prepare(sql)
        try statement.bind(values)
        try statement.run()
    }

    /// The first column of the first row, or nil.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) -> SQLValue? {
        try query(sql, values).first?.values.first
    }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How a transaction takes its locks.
    public enum TransactionKind: String, Sendable {
        /// Takes the write lock at once: use for read-check-write sequences (bookings), so that two
        /// writers cannot both read "free" and then both write.
        case immediate = "IMMEDIATE"
        case deferred = "DEFERRED"
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    /// Nothing of a failed body is left in the database.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue)")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
