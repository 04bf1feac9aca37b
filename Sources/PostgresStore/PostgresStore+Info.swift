public import Store

extension PostgresStore {
    /// Counts, extent, per-district lines and the points outside every district (as
    /// ``OverblikStore/summary()``).
    public func summary() throws -> StoreSummary {
        var extent: StoreSummary.Extent?
        if let box = try query("""
            SELECT min(lon), min(lat), max(lon), max(lat) FROM (
              SELECT lon, lat FROM facilities UNION ALL SELECT lon, lat FROM settlements) AS points
            """).first.map(Cells.init),
           let a = try box.double(0), let b = try box.double(1), let c = try box.double(2), let d = try box.double(3) {
            extent = .init(minLon: a, minLat: b, maxLon: c, maxLat: d)
        }
        var byKind: [String: Int] = [:]
        for row in try query("SELECT kind, count(*) FROM facilities GROUP BY kind").map(Cells.init) {
            byKind[try row.string(0)] = Int(try row.int(1) ?? 0)
        }
        var counts: [String: Int] = [:]
        for table in ["facilities", "rooms", "settlements", "population", "districts", "bookings"] {
            counts[table] = Int(try scalar("SELECT count(*) FROM \(table)", as: Int64.self) ?? 0)
        }
        var outside: [String: [String]] = [:]
        if counts["districts", default: 0] > 0 {
            for table in OverblikStore.PointTable.allCases {
                outside[table.rawValue] = try query("SELECT id FROM \(table.rawValue) WHERE district_code IS NULL ORDER BY id")
                    .map { try Cells($0).string(0) }
            }
        }
        let lines = try query("""
            SELECT d.code, d.name, d.rural,
              (SELECT count(*) FROM facilities f WHERE f.district_code = d.code),
              (SELECT count(*) FROM settlements s WHERE s.district_code = d.code),
              coalesce((SELECT sum(population) FROM settlements s WHERE s.district_code = d.code), 0)
            FROM districts d ORDER BY d.code
            """).map(Cells.init).map { c in
            StoreSummary.DistrictLine(code: try c.string(0), name: try c.string(1), rural: try c.bool(2),
                                      facilities: Int(try c.int(3) ?? 0), settlements: Int(try c.int(4) ?? 0),
                                      population: try c.double(5) ?? 0)
        }
        return StoreSummary(path: path, schemaVersion: try schemaVersion, counts: counts, extent: extent,
                            facilitiesByKind: byKind, outsideDistricts: outside, districtLines: lines)
    }
}
