import CSQLite
import CWriteCoalescing
#if canImport(Glibc)
import Glibc
#endif

extension Database {
    /// The journal mode of the main database, as SQLite names it ("wal", "delete", ...).
    /// - Throws: ``DatabaseError``.
    public var journalMode: String {
        get throws(DatabaseError) { try scalar("PRAGMA journal_mode")?.string ?? "" }
    }

    /// Runs `body`, one large write transaction, with a rollback journal instead of the write-ahead
    /// log when this connection is the only one on the file, so that the new pages go to the file
    /// once (the log writes every page twice: into the log, then at the checkpoint). A rollback
    /// journal keeps only the pages the transaction changes that were in the file before it, so
    /// for a transaction that mostly appends (an import into an empty layer) it stays small.
    ///
    /// SQLite leaves write-ahead logging only when no other connection has the file open (any
    /// process: a server, a reading command); then, and on a read-only or in-memory database, or
    /// inside a transaction, `body` runs as usual with the log. Otherwise the file switches back
    /// to write-ahead logging after `body`, whether it commits or throws; a failed transaction is
    /// rolled back from the journal (the file is cut back to its old size), and a crash leaves a hot
    /// journal that the next connection rolls back. While `body` runs, a connection opened meanwhile
    /// waits for the lock (its busy timeout) instead of reading the state before the transaction.
    /// If that connection is still open afterwards the switch back is left to the next writer
    /// (``enableWriteAheadLog()``).
    /// - Returns: what `body` returns, and whether it ran with the rollback journal.
    public func writingOnce<T>(_ body: () throws -> T) throws -> (result: T, once: Bool) {
        guard !isReadOnly, path != ":memory:", !path.isEmpty, sqlite3_get_autocommit(handle) != 0,
              (try? journalMode) == "wal", leaveWriteAheadLog() else {
            return (try body(), false)
        }
        // FULL is SQLite's setting for a rollback journal that must survive a power failure (it also
        // syncs the journal's header); NORMAL, the writer's setting, is enough with the log. The journal
        // is small here, so the extra syncs cost little.
        _ = try? execute("PRAGMA synchronous = FULL")
        isWritingOnce = true
        coalesceWrites(bytes: Self.coalescedWriteBytes)
        defer {
            // The commit's sync (or the rollback's) has written every gathered page.
            coalesceWrites(bytes: 0)
            isWritingOnce = false
            // Without waiting: a connection opened meanwhile keeps the file as it is; the next
            // writer's open switches it back.
            setBusyTimeout(milliseconds: 0)
            _ = try? execute("PRAGMA journal_mode = WAL")
            setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds)
            _ = try? execute("PRAGMA synchronous = NORMAL")
        }
        return (try body(), true)
    }

    /// The window of page writes held during ``writingOnce(_:)`` (the shim writes each run of
    /// consecutive pages in calls of at most 128 KiB - 1 bytes, the most SQLite's unix VFS writes at once).
    static let coalescedWriteBytes: Int32 = 2 << 20

    /// Holds up to `bytes` of the main file's page writes and writes them in offset order, each run
    /// of consecutive pages in one call (0: off, after writing what is held), through the
    /// connection's VFS (`CWriteCoalescing`). A rollback journal's transaction appends most pages
    /// (an import), and a 4 KiB write into a new file costs the kernel several times the CPU per
    /// byte of a larger one. What is held is written before the file is read where the window
    /// cannot answer, synced, truncated, measured or unlocked, so the commit's sync covers it.
    /// Returns whether the VFS took the request (not with the plain default VFS).
    @discardableResult
    func coalesceWrites(bytes: Int32) -> Bool {
        var size = bytes
        return sqlite3_file_control(handle, "main", OVERBLIK_FCNTL_COALESCE_WRITES, &size) == SQLITE_OK
    }

    /// Switches to a rollback journal if no other connection has the file open (without waiting).
    private func leaveWriteAheadLog() -> Bool {
        setBusyTimeout(milliseconds: 0)
        defer { setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds) }
        return (try? scalar("PRAGMA journal_mode = DELETE"))??.string == "delete"
    }
}

extension Database {
    /// Asks the kernel to start writing the main file's dirty pages to disk now, without waiting
    /// (Linux: `sync_file_range` with `SYNC_FILE_RANGE_WRITE`; elsewhere nothing). A long transaction
    /// with a rollback journal writes the new pages into the file as they leave the page cache, and
    /// the kernel would otherwise hold them (up to 30 s, or a tenth of the memory) until the commit's
    /// fsync, which then waits for all of them at once; started early, the disk writes while the
    /// import computes. Durability is unchanged: the commit still syncs. Uses SQLite's own open
    /// file (found under /proc/self/fd), so that no descriptor of the file is opened or closed here
    /// (closing one would drop SQLite's POSIX locks).
    /// Only inside ``writingOnce(_:)``: with the log the main file has no new pages to write.
    func startWriteback() {
        #if os(Linux)
        guard isWritingOnce, let fd = Self.openDescriptor(of: path) else { return }
        _ = overblik_start_writeback(fd)
        #endif
    }

    #if os(Linux)
    /// The descriptor this process holds open on `path`'s file, if any.
    private static func openDescriptor(of path: String) -> Int32? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        let target = String(cString: resolved)
        guard let dir = opendir("/proc/self/fd") else { return nil }
        defer { closedir(dir) }
        var link = [CChar](repeating: 0, count: 4_096)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            guard let fd = Int32(name) else { continue }
            let n = readlink("/proc/self/fd/" + name, &link, link.count - 1)
            guard n > 0 else { continue }
            link[n] = 0
            if String(cString: link) == target { return fd }
        }
        return nil
    }
    #endif
}
