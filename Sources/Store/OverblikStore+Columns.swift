import CSQLite
import Dispatch

/// Population points as parallel columns: the fast path for millions of points.
public struct PopulationColumns: Sendable {
    public var lon: [Double]
    public var lat: [Double]
    public var weight: [Double]
    public var count: Int { lon.count }
}

extension OverblikStore {
    /// Longitude, latitude and weight of every population point, in storage (rowid) order, as three
    /// arrays: no ids, no per-row strings. For bulk analysis (`coverage` over millions of points).
    /// - Throws: ``DatabaseError`` when the query fails.
    /// - Complexity: O(n), one sequential table scan.
    public func populationColumns() throws -> PopulationColumns {
        let n = try database.scalar("SELECT count(*) FROM population")?.int ?? 0
        var columns = PopulationColumns(lon: [], lat: [], weight: [])
        columns.lon.reserveCapacity(Int(n)); columns.lat.reserveCapacity(Int(n)); columns.weight.reserveCapacity(Int(n))
        let statement = try database.prepare("SELECT lon, lat, weight FROM population")
        try Self.appendColumns(statement, to: &columns)
        return columns
    }
}

extension OverblikStore {
    /// ``populationColumns()`` read by up to `threads` connections at once, each over its own rowid
    /// range; the ranges are joined in rowid order, so the result is the same as the single scan's.
    ///
    /// Each extra reader opens the file read-only as plain SQLite (no SpatiaLite). Readers see the
    /// file as committed when each starts; an import committing in between could mix two states,
    /// so call it while no import runs (the CLI reads before it computes). In-memory stores and
    /// `threads <= 1` read with the single scan.
    /// - Throws: ``DatabaseError`` when a connection or query fails.
    /// - Complexity: O(n), about 1/threads of the single scan's time on idle cores.
    public func populationColumns(threads: Int) throws -> PopulationColumns {
        let path = database.path
        guard threads > 1, path != ":memory:", !path.isEmpty,
              let bounds = try database.query("SELECT min(rowid), max(rowid) FROM population").first,
              let first = bounds.values[0].int, let last = bounds.values[1].int, last > first else {
            return try populationColumns()
        }
        let chunks = Int(min(Int64(threads), last - first + 1))
        let span = last - first + 1
        let ranges = (0 ..< chunks).map { c in
            (first + span * Int64(c) / Int64(chunks), first + span * Int64(c + 1) / Int64(chunks) - 1)
        }
        let slots = ColumnSlots(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            slots.set(c, Result { try Self.readColumns(path: path, rowids: ranges[c]) })
        }
        var columns = PopulationColumns(lon: [], lat: [], weight: [])
        let parts = try slots.values().map { try $0.get() }
        let n = parts.reduce(0) { $0 + $1.count }
        columns.lon.reserveCapacity(n); columns.lat.reserveCapacity(n); columns.weight.reserveCapacity(n)
        for part in parts {
            columns.lon.append(contentsOf: part.lon)
            columns.lat.append(contentsOf: part.lat)
            columns.weight.append(contentsOf: part.weight)
        }
        return columns
    }

    /// One reader: lon, lat, weight of the rows with rowid in `rowids` (inclusive), in rowid order.
    private static func readColumns(path: String, rowids: (Int64, Int64)) throws -> PopulationColumns {
        let database = try Database(path: path, readOnly: true, loadSpatiaLite: false)
        // Memory-mapped pages: a scan then costs no read() call (and copy) per page.
        try database.execute("PRAGMA mmap_size = 4294967296")
        let statement = try database.prepare("SELECT lon, lat, weight FROM population WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid")
        try statement.bind([.integer(rowids.0), .integer(rowids.1)])
        var columns = PopulationColumns(lon: [], lat: [], weight: [])
        let estimate = Int(max(0, min(rowids.1 - rowids.0 + 1, 1 << 28)))
        columns.lon.reserveCapacity(estimate); columns.lat.reserveCapacity(estimate); columns.weight.reserveCapacity(estimate)
        try appendColumns(statement, to: &columns)
        return columns
    }

    /// Steps `statement` (three REAL columns) to the end, appending its rows: sqlite3 calls in a
    /// plain loop, no per-row closure or value boxing.
    private static func appendColumns(_ statement: Statement, to columns: inout PopulationColumns) throws {
        let h = statement.handle
        while true {
            let rc = sqlite3_step(h)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                sqlite3_reset(h)
                try statement.database.check(rc, "step", sql: statement.sql)
                return
            }
            columns.lon.append(sqlite3_column_double(h, 0))
            columns.lat.append(sqlite3_column_double(h, 1))
            columns.weight.append(sqlite3_column_double(h, 2))
        }
    }
}

/// One result slot per reader, each written by exactly one reader; read after
/// `concurrentPerform` has returned (which waits for every write).
private final class ColumnSlots: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Result<PopulationColumns, any Error>?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Result<PopulationColumns, any Error>) { storage[index] = value }

    func values() -> [Result<PopulationColumns, any Error>] { (0 ..< count).map { storage[$0]! } }
}
