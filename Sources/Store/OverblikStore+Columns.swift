import CSQLite

/// Population points as parallel columns: the fast path for millions of points.
public struct PopulationColumns: Sendable {
    public var lon: [Double]
    public var lat: [Double]
    public var weight: [Double]
    /// District per point as an index chosen by the caller (see
    /// ``OverblikStore/forEachPopulationChunk(rows:district:_:)``); empty when not read.
    public var district: [Int32] = []
    /// The point's own rural flag per point (-1 none, 0 urban, 1 rural); read with the district.
    public var rural: [Int8] = []
    public var count: Int { lon.count }

    public init(lon: [Double], lat: [Double], weight: [Double], district: [Int32] = [], rural: [Int8] = []) {
        self.lon = lon
        self.lat = lat
        self.weight = weight
        self.district = district
        self.rural = rural
    }
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
        try scanPopulation(rows: 1 << 16, district: nil) { chunk in
            columns.lon.append(contentsOf: chunk.lon)
            columns.lat.append(contentsOf: chunk.lat)
            columns.weight.append(contentsOf: chunk.weight)
        }
        return columns
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
        try scanPopulation(rows: rows, district: nil, body)
    }
}

extension OverblikStore {
    /// The population columns with each point's district, in chunks of at most `rows` points, in
    /// rowid order: for reports by district over millions of points (no id or code string per row).
    ///
    /// District codes are turned into the caller's indices by `district`, called only when a row's
    /// code differs from the previous row's (rows of one district usually follow each other).
    /// - Parameters:
    ///   - rows: points per chunk (at least 1); only the last chunk may be shorter.
    ///   - district: the index for a district code (nil for a point without one).
    ///   - body: receives each non-empty chunk; errors it throws end the scan and are rethrown.
    /// - Throws: ``DatabaseError`` when the query fails; whatever `body` throws.
    /// - Complexity: O(n), one sequential table scan; memory O(rows) besides what `body` keeps.
    public func forEachPopulationChunk(rows: Int = 1 << 18, district: (String?) -> Int32,
                                       _ body: (PopulationColumns) throws -> Void) throws {
        try withoutActuallyEscaping(district) { district in
            try scanPopulation(rows: rows, district: district, body)
        }
    }

    /// The scan behind both chunked reads: lon, lat, weight, and the district column when `district`
    /// is given.
    private func scanPopulation(rows: Int, district: ((String?) -> Int32)?,
                                _ body: (PopulationColumns) throws -> Void) throws {
        let size = max(1, rows)
        let statement = try database.prepare(district == nil ? "SELECT lon, lat, weight FROM population"
                                                             : "SELECT lon, lat, weight, district_code, rural FROM population")
        let h = statement.handle
        func fresh() -> PopulationColumns {
            var c = PopulationColumns(lon: [], lat: [], weight: [])
            c.lon.reserveCapacity(size); c.lat.reserveCapacity(size); c.weight.reserveCapacity(size)
            if district != nil { c.district.reserveCapacity(size); c.rural.reserveCapacity(size) }
            return c
        }
        // The last code seen (raw bytes; nil for NULL) and its index.
        var lastCode: [UInt8]? = nil
        var lastIndex = district?(nil) ?? -1
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
            if let district {
                if sqlite3_column_type(h, 3) == SQLITE_NULL {
                    if lastCode != nil {
                        lastCode = nil
                        lastIndex = district(nil)
                    }
                } else {
                    let text = sqlite3_column_text(h, 3)
                    let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(h, 3)))
                    if lastCode == nil || !lastCode!.elementsEqual(bytes) {
                        lastCode = Array(bytes)
                        lastIndex = district(String(decoding: bytes, as: UTF8.self))
                    }
                }
                chunk.district.append(lastIndex)
                chunk.rural.append(sqlite3_column_type(h, 4) == SQLITE_NULL ? -1 : Int8(sqlite3_column_int(h, 4) == 1 ? 1 : 0))
            }
            if chunk.count == size {
                try body(chunk)
                chunk = fresh()
            }
        }
        if chunk.count > 0 { try body(chunk) }
    }
}

extension OverblikStore {
    /// Whether any population point is stored (one index probe, unlike `count(*)`).
    /// - Throws: ``DatabaseError`` when the query fails.
    public func hasPopulation() throws -> Bool {
        try database.scalar("SELECT EXISTS (SELECT 1 FROM population)")?.int == 1
    }
}
