import CSQLite

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
        // Capacity hint: the largest rowid (one b-tree descent; count(*) would read every page). Rows
        // are appended, so a wrong hint only costs a reallocation or unused address space.
        let largest = try database.scalar("SELECT max(rowid) FROM population")?.int ?? 0
        let n = Int(max(0, min(largest, 1 << 26)))
        var columns = PopulationColumns(lon: [], lat: [], weight: [])
        columns.lon.reserveCapacity(n); columns.lat.reserveCapacity(n); columns.weight.reserveCapacity(n)
        let statement = try database.prepare("SELECT lon, lat, weight FROM population")
        try Self.appendColumns(statement, to: &columns)
        return columns
    }
}

extension OverblikStore {
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

extension OverblikStore {
    /// The population columns in chunks of at most `rows` points, in rowid order (the order of
    /// ``populationColumns()``): for pipelines that compute on one chunk while the next is read.
    /// - Parameters:
    ///   - rows: points per chunk (at least 1); only the last chunk may be shorter.
    ///   - body: receives each non-empty chunk; errors it throws end the scan and are rethrown.
    /// - Throws: ``DatabaseError`` when the query fails; whatever `body` throws.
    /// - Complexity: O(n), one sequential table scan; memory O(rows) besides what `body` keeps.
    public func forEachPopulationChunk(rows: Int = 1 << 18, _ body: (PopulationColumns) throws -> Void) throws {
        let size = max(1, rows)
        let statement = try database.prepare("SELECT lon, lat, weight FROM population")
        let h = statement.handle
        func fresh() -> PopulationColumns {
            var c = PopulationColumns(lon: [], lat: [], weight: [])
            c.lon.reserveCapacity(size); c.lat.reserveCapacity(size); c.weight.reserveCapacity(size)
            return c
        }
        var chunk = fresh()
        while true {
            let rc = sqlite3_step(h)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                sqlite3_reset(h)
                try statement.database.check(rc, "step", sql: statement.sql)
                return
            }
            chunk.lon.append(sqlite3_column_double(h, 0))
            chunk.lat.append(sqlite3_column_double(h, 1))
            chunk.weight.append(sqlite3_column_double(h, 2))
            if chunk.count == size {
                try body(chunk)
                chunk = fresh()
            }
        }
        if chunk.count > 0 { try body(chunk) }
    }
}
