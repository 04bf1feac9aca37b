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
        try statement.forEachRow { s in
            columns.lon.append(s.double(0))
            columns.lat.append(s.double(1))
            columns.weight.append(s.double(2))
        }
        return columns
    }
}
