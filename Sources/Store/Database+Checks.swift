#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks made before a file is written to: what kind of file it is, and whether it can be written.
extension Database {
    /// Refuses a file that is neither a new, empty database nor an Overblik store: a file of a newer
    /// Overblik, a GeoPackage, or any other application's tables. Reads only; call it before
    /// anything changes the file (the switch to WAL rewrites its header).
    /// - Throws: ``StoreError/schemaTooNew(path:found:supported:)``,
    ///   ``StoreError/notAnOverblikStore(path:reason:)``, ``DatabaseError`` (a file that is not SQLite).
    public func verifyOverblikOrNew() throws {
        let found = try schemaVersion
        if found > Schema.currentVersion {
            throw StoreError.schemaTooNew(path: path, found: found, supported: Schema.currentVersion)
        }
        guard found == 0 else { return }
        let application = try scalar("PRAGMA application_id")?.int ?? 0
        if application != 0 {
            let tag = application == 0x4750_4B47 ? "a GeoPackage" : "a file of another application (application_id \(application))"
            throw StoreError.notAnOverblikStore(path: path, reason: "it is \(tag)")
        }
        let userTables = try query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .compactMap { $0[0].string }
        let foreign = userTables.filter { !Self.spatialiteTables.contains($0) && !$0.hasPrefix("idx_") && !$0.hasPrefix("vw") }
        if !foreign.isEmpty && !userTables.contains("overblik_meta") {
            throw StoreError.notAnOverblikStore(path: path, reason: "it holds other tables (\(foreign.prefix(5).joined(separator: ", ")))")
        }
    }

    /// Whether `path` names a file on disk (not an in-memory database or a URI).
    static func isFile(_ path: String) -> Bool {
        !path.isEmpty && path != ":memory:" && !path.hasPrefix("file:")
    }

    /// Whether the file and its folder can be written (SQLite creates -wal and -shm beside it).
    public static func isWritable(_ path: String) -> Bool {
        guard isFile(path) else { return true }
        return access(path, W_OK) == 0 && access(folder(of: path), W_OK) == 0
    }

    /// Refuses a path where no store exists: a missing file, an empty one or a folder.
    /// - Throws: ``StoreError/missingStore(path:reason:)``.
    public static func requireExisting(_ path: String) throws(StoreError) {
        guard isFile(path) else { return }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw StoreError.missingStore(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw StoreError.missingStore(path: path, reason: "is a folder") }
        if info.st_size == 0 { throw StoreError.missingStore(path: path, reason: "the file is empty") }
    }

    /// Whether a read-only open must use SQLite's immutable mode: the folder cannot be written (so
    /// no -shm file can be created) and there is no write-ahead log whose frames would be missed.
    static func needsImmutableOpen(_ path: String) -> Bool {
        guard isFile(path) else { return false }
        if access(path + "-wal", F_OK) == 0 || access(path + "-shm", F_OK) == 0 { return false }
        return access(folder(of: path), W_OK) != 0
    }

    /// `path` for a `file:` URI: `%`, `?` and `#` percent-encoded.
    static func uriEscaped(_ path: String) -> String {
        var out = ""
        for c in path.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "?": out += "%3f"
            case "#": out += "%23"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
