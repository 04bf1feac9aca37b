public import Facilities
public import GeoTypes

/// A district as stored: identity, rural flag and polygon rings in EPSG:4326.
public struct StoredDistrict: Sendable {
    public var district: District
    public var rings: MultiPolygonRings
    public var areaKm2: Double?

    public init(district: District, rings: MultiPolygonRings, areaKm2: Double? = nil) {
        self.district = district
        self.rings = rings
        self.areaKm2 = areaKm2
    }
}

/// The columns of a settlement row.
public enum SettlementColumn: Int32, RecordColumns, Sendable {
    case id = 0, name, lon, lat, population, approximate, districtCode
}

extension OverblikStore {
    // MARK: Settlements

    /// Inserts settlements (call inside ``write(_:)``). With `replace`, existing ids are overwritten in place.
    public func insert(settlements: [Settlement], replace: Bool) throws {
        let columns = SettlementColumn.sqlList + ", geom"
        let statement = try database.prepare("""
            INSERT INTO settlements (\(columns)) VALUES (\(SettlementColumn.placeholders), ?)
            """ + (replace ? Self.upsert(columns) : ""))
        let binder = RowBinder(statement)
        try deferringSpatialIndex(of: "settlements", rows: settlements.count) {
            for s in settlements {
                binder.start()
                try Self.bind(s, with: binder)
                try statement.stepDone()
            }
        }
    }

    /// Binds `s` to the settlement INSERT by column index.
    static func bind(_ s: Settlement, with b: RowBinder) throws {
        try b.bind(1, text: s.id)
        try b.bind(2, text: s.name)
        try b.bind(3, double: s.location.lon)
        try b.bind(4, double: s.location.lat)
        try b.bind(5, double: s.population)
        try b.bind(6, int: s.approximate ? 1 : 0)
        try b.bind(7, text: s.districtCode)
        try b.bindPoint(s.location, at: 8)
    }

    public func settlements() throws -> [Settlement] {
        try database.query("SELECT \(SettlementColumn.sqlList) FROM settlements ORDER BY id").map { row in
            typealias C = SettlementColumn
            return Settlement(id: row.text(C.id) ?? "", name: row.text(C.name) ?? "",
                              location: Coordinate(lon: row.double(C.lon) ?? 0, lat: row.double(C.lat) ?? 0),
                              population: row.double(C.population) ?? 0, approximate: row.int(C.approximate) == 1,
                              districtCode: row.text(C.districtCode))
        }
    }

    // MARK: Population points

    /// Inserts population points (call inside ``write(_:)``). With `replace`, existing ids are overwritten in place.
    public func insert(population: [PopulationPoint], replace: Bool) throws {
        let statement = try database.prepare("INSERT INTO population (\(Self.populationColumns)) VALUES (?,?,?,?,?,?,?)"
                                             + (replace ? Self.upsert(Self.populationColumns) : ""))
        let binder = RowBinder(statement)
        try deferringSpatialIndex(of: "population", rows: population.count) {
            for p in population {
                binder.start()
                try Self.bind(p, with: binder)
                try statement.stepDone()
            }
        }
    }

    /// The population columns written, in ``bind(_:with:)`` order.
    static let populationColumns = "id, lon, lat, weight, district_code, rural, geom"

    /// Binds `p` to the population INSERT by index.
    static func bind(_ p: PopulationPoint, with b: RowBinder) throws {
        try b.bind(1, text: p.id)
        try b.bind(2, double: p.location.lon)
        try b.bind(3, double: p.location.lat)
        try b.bind(4, double: p.weight)
        try b.bind(5, text: p.districtCode)
        try b.bind(6, int: p.rural.map { $0 ? 1 : 0 })
        try b.bindPoint(p.location, at: 7)
    }

    /// All population points, ordered by id. Reads columns directly (no per-row allocation beyond the value).
    public func populationPoints() throws -> [PopulationPoint] {
        var points: [PopulationPoint] = []
        let statement = try database.prepare("SELECT id, lon, lat, weight, district_code, rural FROM population ORDER BY id")
        try statement.forEachRow { s in
            let id = s.value(at: 0).string ?? ""
            let rural = s.value(at: 5)
            points.append(PopulationPoint(id: id, location: Coordinate(lon: s.double(1), lat: s.double(2)),
                                          weight: s.double(3), districtCode: s.value(at: 4).string,
                                          rural: rural.isNull ? nil : rural.int == 1))
        }
        return points
    }

    // MARK: Districts

    /// Inserts districts with their polygons (call inside ``write(_:)``).
    public func insert(districts: [StoredDistrict], replace: Bool) throws {
        let verb = replace ? "INSERT OR REPLACE" : "INSERT"
        let statement = try database.prepare("""
            \(verb) INTO districts (code, name, rural, area_km2, geom)
            VALUES (?,?,?,?, CastToMultiPolygon(GeomFromWKB(?, 4326)))
            """)
        for d in districts {
            try statement.run([.text(d.district.code), .text(d.district.name),
                               d.district.rural.map { .bool($0) } ?? .null, .optional(d.areaKm2),
                               .blob(WKB.encode(multiPolygon: d.rings))])
        }
    }

    /// Removes every district (used by `import districts --replace`, which replaces the layer).
    public func deleteAllDistricts() throws {
        try database.execute("DELETE FROM districts")
    }

    /// All districts with polygons, ordered by code.
    public func districts() throws -> [StoredDistrict] {
        try database.query("SELECT code, name, rural, area_km2, AsBinary(geom) FROM districts ORDER BY code").map {
            StoredDistrict(district: District(code: $0[0].string ?? "", name: $0[1].string ?? "",
                                              rural: $0[2].isNull ? nil : $0[2].int == 1),
                           rings: $0[4].bytes.flatMap(WKB.decodeMultiPolygon) ?? [], areaKm2: $0[3].double)
        }
    }

    /// Sets the district code of every row of a point table from a caller-computed assignment.
    /// - Parameter codes: id → district code (nil clears it).
    public func assignDistricts(table: PointTable, codes: [(id: String, code: String?)]) throws {
        let statement = try database.prepare("UPDATE \(table.rawValue) SET district_code = ? WHERE id = ?")
        for (id, code) in codes { try statement.run([.optional(code), .text(id)]) }
    }

    /// Id and location of every row of a point table, for district assignment.
    public func locations(of table: PointTable) throws -> [(id: String, location: Coordinate)] {
        var out: [(id: String, location: Coordinate)] = []
        let statement = try database.prepare("SELECT id, lon, lat FROM \(table.rawValue) ORDER BY id")
        try statement.forEachRow { s in
            out.append((s.value(at: 0).string ?? "", Coordinate(lon: s.double(1), lat: s.double(2))))
        }
        return out
    }

    /// The tables whose rows are points assigned to districts.
    public enum PointTable: String, CaseIterable, Sendable {
        case facilities, settlements, population
    }
}

extension OverblikStore {
    /// Districts without polygons (cheap: for names and rural flags).
    public func districtSummaries() throws -> [District] {
        try database.query("SELECT code, name, rural FROM districts ORDER BY code").map {
            District(code: $0[0].string ?? "", name: $0[1].string ?? "", rural: $0[2].isNull ? nil : $0[2].int == 1)
        }
    }
}
