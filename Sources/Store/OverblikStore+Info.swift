import GeoTypes

/// What `overblik info` reports about a store.
public struct StoreSummary: Sendable, Codable {
    public struct Extent: Sendable, Codable {
        public var minLon: Double, minLat: Double, maxLon: Double, maxLat: Double

        package init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
            self.minLon = minLon
            self.minLat = minLat
            self.maxLon = maxLon
            self.maxLat = maxLat
        }
    }
    public struct DistrictLine: Sendable, Codable {
        public var code: String
        public var name: String
        public var rural: Bool?
        public var facilities: Int
        public var settlements: Int
        public var population: Double

        package init(code: String, name: String, rural: Bool?, facilities: Int, settlements: Int, population: Double) {
            self.code = code
            self.name = name
            self.rural = rural
            self.facilities = facilities
            self.settlements = settlements
            self.population = population
        }
    }
    public var path: String
    public var schemaVersion: Int
    public var facilities: Int
    public var rooms: Int
    public var settlements: Int
    public var populationPoints: Int
    public var districts: Int
    public var bookings: Int
    public var extent: Extent?
    public var facilitiesByKind: [String: Int]
    public var outsideDistricts: [String: [String]]
    public var districtLines: [DistrictLine]
}

extension OverblikStore {
    func count(_ table: String) throws -> Int {
        Int(try database.scalar("SELECT count(*) FROM \(table)")?.int ?? 0)
    }

    /// Counts, extent, per-district lines and the points outside every district.
    public func summary() throws -> StoreSummary {
        var extent: StoreSummary.Extent?
        let box = try database.query("""
            SELECT min(lon), min(lat), max(lon), max(lat) FROM (
              SELECT lon, lat FROM facilities UNION ALL SELECT lon, lat FROM settlements)
            """).first
        if let box, let a = box[0].double, let b = box[1].double, let c = box[2].double, let d = box[3].double {
            extent = .init(minLon: a, minLat: b, maxLon: c, maxLat: d)
        }
        var byKind: [String: Int] = [:]
        for row in try database.query("SELECT kind, count(*) FROM facilities GROUP BY kind") {
            byKind[row[0].string ?? "?"] = Int(row[1].int ?? 0)
        }
        let hasDistricts = try count("districts") > 0
        var outside: [String: [String]] = [:]
        if hasDistricts {
            for table in PointTable.allCases {
                outside[table.rawValue] = try database.query(
                    "SELECT id FROM \(table.rawValue) WHERE district_code IS NULL ORDER BY id").compactMap { $0[0].string }
            }
        }
        let lines = try database.query("""
            SELECT d.code, d.name, d.rural,
              (SELECT count(*) FROM facilities f WHERE f.district_code = d.code),
              (SELECT count(*) FROM settlements s WHERE s.district_code = d.code),
              coalesce((SELECT sum(population) FROM settlements s WHERE s.district_code = d.code), 0)
            FROM districts d ORDER BY d.code
            """).map {
            StoreSummary.DistrictLine(code: $0[0].string ?? "", name: $0[1].string ?? "",
                                      rural: $0[2].isNull ? nil : $0[2].int == 1,
                                      facilities: Int($0[3].int ?? 0), settlements: Int($0[4].int ?? 0),
                                      population: $0[5].double ?? 0)
        }
        return StoreSummary(path: path, schemaVersion: try schemaVersion, facilities: try count("facilities"),
                            rooms: try count("rooms"), settlements: try count("settlements"),
                            populationPoints: try count("population"), districts: try count("districts"),
                            bookings: try count("bookings"), extent: extent, facilitiesByKind: byKind,
                            outsideDistricts: outside, districtLines: lines)
    }
}

extension OverblikStore {
    /// A value from the store's key/value table.
    public func meta(_ key: String) throws -> String? {
        try database.scalar("SELECT value FROM overblik_meta WHERE key = ?", [.text(key)])?.string
    }

    /// Sets a value in the store's key/value table (call inside ``write(_:)`` for atomicity with other writes).
    public func setMeta(_ key: String, _ value: String) throws {
        try database.run("INSERT OR REPLACE INTO overblik_meta(key, value) VALUES (?, ?)", [.text(key), .text(value)])
    }
}

extension OverblikStore {
    /// Every key/value pair of the store's key/value table whose key starts with `prefix`, by key.
    public func metas(prefix: String) throws -> [(key: String, value: String)] {
        try database.query("SELECT key, value FROM overblik_meta WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
                           [.text(prefix)]).compactMap { row in
            guard let key = row[0].string, let value = row[1].string else { return nil }
            return (key, value)
        }
    }
}

extension StoreSummary {
    /// A summary computed elsewhere (the PostgreSQL store).
    package init(path: String, schemaVersion: Int, counts: [String: Int], extent: Extent?, facilitiesByKind: [String: Int],
                 outsideDistricts: [String: [String]], districtLines: [DistrictLine]) {
        self.init(path: path, schemaVersion: schemaVersion, facilities: counts["facilities"] ?? 0, rooms: counts["rooms"] ?? 0,
                  settlements: counts["settlements"] ?? 0, populationPoints: counts["population"] ?? 0,
                  districts: counts["districts"] ?? 0, bookings: counts["bookings"] ?? 0, extent: extent,
                  facilitiesByKind: facilitiesByKind, outsideDistricts: outsideDistricts, districtLines: districtLines)
    }
}
