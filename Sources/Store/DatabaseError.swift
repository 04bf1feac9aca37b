import CSQLite

/// A failure reported by SQLite or SpatiaLite, with the operation and statement that failed.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// SQLite's primary result code (for example 5 = SQLITE_BUSY, 19 = SQLITE_CONSTRAINT).
    public var code: Int32
    /// SQLite's extended result code.
    public var extendedCode: Int32
    /// The library's message.
    public var message: String
    /// The SQL being run, when there was one.
    public var sql: String?
    /// What we were doing ("open", "prepare", "step", "load SpatiaLite", ...).
    public var operation: String
    /// The database file, when known.
    public var path: String?

    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil, operation: String,
                path: String? = nil) {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
        self.operation = operation
        self.path = path
    }

    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }

    public var description: String {
        var text = (path.map { "\($0): " } ?? "") + "SQLite error \(extendedCode) during \(operation): \(message)"
        if let sql { text += " (SQL: \(sql.prefix(200)))" }
        return text
    }
}

/// Errors of the store that are not SQLite failures.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file was written by a newer Overblik whose schema this build does not know.
    case schemaTooNew(path: String, found: Int, supported: Int)
    /// The file exists but is not an Overblik store.
    case notAnOverblikStore(path: String, reason: String)
    /// SpatiaLite could not be loaded.
    case spatialiteUnavailable(message: String)
    /// A row the caller asked for does not exist.
    case notFound(kind: String, id: String)
    /// Ids that already exist, when the import was not told to replace them.
    case duplicateIDs(table: String, ids: [String], total: Int)
    /// A stored, pre-encoded facility feature cannot be read (the file was edited by hand).
    case corruptFeature(path: String, detail: String)
    /// A reading command named a file that does not exist or is empty: only writing commands
    /// (imports, set-up) create a store.
    case missingStore(path: String, reason: String)

    public var description: String {
        switch self {
        case let .schemaTooNew(path, found, supported):
            return "\(path) has schema version \(found), written by a newer Overblik; this build supports up to version \(supported). Upgrade overblik to open it."
        case let .notAnOverblikStore(path, reason):
            return "\(path) is not an Overblik store: \(reason)"
        case let .spatialiteUnavailable(message):
            return "SpatiaLite could not be loaded (\(message)). Install it: apt-get install -y libsqlite3-mod-spatialite"
        case let .notFound(kind, id):
            return "no \(kind) with id '\(id)'"
        case let .duplicateIDs(table, ids, total):
            let shown = ids.prefix(10).joined(separator: ", ")
            return "\(total) \(table) id(s) already exist in the store (\(shown)\(total > 10 ? ", ..." : "")); use --replace to overwrite them"
        case let .missingStore(path, reason):
            return "\(path): \(reason); no store was created (check --db or $OVERBLIK_DB, or import data first)"
        case let .corruptFeature(path, detail):
            return "\(path): \(detail). To encode every feature again, run: sqlite3 '\(path)' \"DELETE FROM overblik_meta WHERE key = 'facility_features_version'\" and then any overblik command on the file"
        }
    }
}
