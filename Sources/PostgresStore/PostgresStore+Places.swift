public import Facilities
public import GeoTypes
import NIOCore
import PostgresNIO
public import Store

// MARK: - Settlements, population, districts, urban areas

extension PostgresStore {
    static let settlementColumns = SettlementColumn.allCases.map(\.name)
    static let populationColumns = ["id", "lon", "lat", "weight", "district_code", "rural"]

    /// Inserts settlements with COPY (call inside ``write(_:)``).
    public func insert(settlements: [Settlement], replace: Bool) throws {
        var rows = CopyText()
        for s in settlements { Self.encode(s, into: &rows) }
        try copy(into: "settlements", columns: Self.settlementColumns, replace: replace, rows: rows)
    }

    /// Appends one settlement as a COPY row.
    static func encode(_ s: Settlement, into rows: inout CopyText) {
        rows.text(s.id); rows.text(s.name); rows.double(s.location.lon); rows.double(s.location.lat)
        rows.double(s.population); rows.bool(s.approximate); rows.text(s.districtCode)
        rows.endRow()
    }

    public func settlements() throws -> [Settlement] {
        try query("SELECT \(Self.settlementColumns.joined(separator: ", ")) FROM settlements ORDER BY id").map { row in
            let c = Cells(row)
            return Settlement(id: try c.string(0), name: try c.string(1),
                              location: try c.coordinate(lon: 2, lat: 3, of: "settlements"),
                              population: try c.double(4) ?? 0, approximate: try c.bool(5) == true, districtCode: try c.text(6))
        }
    }

    /// Inserts population points with COPY (call inside ``write(_:)``), kept in this order.
    public func insert(population: [PopulationPoint], replace: Bool) throws {
        var rows = CopyText()
        for p in population { Self.encode(p, into: &rows) }
        try copy(into: "population", columns: Self.populationColumns, replace: replace, rows: rows)
    }

    /// Appends one population point as a COPY row.
    static func encode(_ p: PopulationPoint, into rows: inout CopyText) {
        rows.text(p.id); rows.double(p.location.lon); rows.double(p.location.lat); rows.double(p.weight)
        rows.text(p.districtCode); rows.bool(p.rural)
        rows.endRow()
    }

    public func populationPoints() throws -> [PopulationPoint] {
        try query("SELECT \(Self.populationColumns.joined(separator: ", ")) FROM population ORDER BY id").map { row in
            let c = Cells(row)
            return PopulationPoint(id: try c.string(0), location: try c.coordinate(lon: 1, lat: 2, of: "population"),
                                   weight: try c.double(3) ?? 0, districtCode: try c.text(4), rural: try c.bool(5))
        }
    }

    /// Whether any population point is stored.
    public func hasPopulation() throws -> Bool {
        try scalar("SELECT EXISTS (SELECT 1 FROM population)", as: Bool.self) == true
    }

    /// The population columns with each point's district, in chunks of at most `rows` points, in
    /// import order (as the SpatiaLite store's rowid order), for reports by district.
    public func forEachPopulationChunk(rows: Int = 1 << 18, district: (String?) -> Int32,
                                       _ body: (PopulationColumns) throws -> Void) throws {
        let size = max(1, rows)
        var after: Int64 = 0
        var codes: [String?: Int32] = [:]
        while true {
            var binds = PostgresBindings()
            binds.append(after)
            binds.append(Int64(size))
            let page = try query("""
                SELECT seq, lon, lat, weight, district_code, rural FROM population WHERE seq > $1 ORDER BY seq LIMIT $2
                """, binds)
            guard !page.isEmpty else { return }
            var chunk = PopulationColumns(lon: [], lat: [], weight: [])
            for row in page {
                let c = Cells(row)
                after = try c.int(0) ?? after
                chunk.lon.append(try c.double(1) ?? 0)
                chunk.lat.append(try c.double(2) ?? 0)
                chunk.weight.append(try c.double(3) ?? 0)
                let code = try c.text(4)
                if let index = codes[code] { chunk.district.append(index) } else {
                    let index = district(code)
                    codes[code] = index
                    chunk.district.append(index)
                }
                chunk.rural.append(try c.bool(5).map { $0 ? 1 : 0 } ?? -1)
            }
            try body(chunk)
            if page.count < size { return }
        }
    }

    /// Inserts districts with their polygons (call inside ``write(_:)``).
    public func insert(districts: [StoredDistrict], replace: Bool) throws {
        for d in districts {
            var binds = PostgresBindings()
            binds.append(d.district.code)
            binds.append(d.district.name)
            binds.append(d.district.rural)
            binds.append(d.areaKm2)
            binds.append(ByteBuffer(bytes: WKB.encode(multiPolygon: d.rings)))
            try query("""
                INSERT INTO districts (code, name, rural, area_km2, geom) VALUES ($1, $2, $3, $4, ST_Multi(ST_GeomFromWKB($5, 4326)))
                """ + (replace ? " ON CONFLICT (code) DO UPDATE SET name = excluded.name, rural = excluded.rural, area_km2 = excluded.area_km2, geom = excluded.geom" : ""),
                binds)
        }
    }

    public func deleteAllDistricts() throws { try execute("DELETE FROM districts") }

    /// All districts with polygons, ordered by code.
    public func districts() throws -> [StoredDistrict] {
        try query("SELECT code, name, rural, area_km2, ST_AsBinary(geom, 'NDR') FROM districts ORDER BY code").map { row in
            let c = Cells(row)
            return StoredDistrict(district: District(code: try c.string(0), name: try c.string(1), rural: try c.bool(2)),
                                  rings: try c.bytes(4).flatMap(WKB.decodeMultiPolygon) ?? [], areaKm2: try c.double(3))
        }
    }

    /// Districts without polygons.
    public func districtSummaries() throws -> [District] {
        try query("SELECT code, name, rural FROM districts ORDER BY code").map { row in
            let c = Cells(row)
            return District(code: try c.string(0), name: try c.string(1), rural: try c.bool(2))
        }
    }

    /// Sets the district code of every row of a point table.
    public func assignDistricts(table: OverblikStore.PointTable, codes: [(id: String, code: String?)]) throws {
        let step = 50_000
        for start in stride(from: 0, to: codes.count, by: step) {
            let part = codes[start..<min(codes.count, start + step)]
            var binds = PostgresBindings()
            binds.append(part.map(\.id))
            binds.append(part.map { $0.code ?? "" })
            try query("""
                UPDATE \(table.rawValue) t SET district_code = NULLIF(a.code, '')
                FROM unnest($1::text[], $2::text[]) AS a(id, code)
                WHERE t.id = a.id AND t.district_code IS DISTINCT FROM NULLIF(a.code, '')
                """, binds)
        }
    }

    /// Id and location of every row of a point table.
    public func locations(of table: OverblikStore.PointTable) throws -> [(id: String, location: Coordinate)] {
        try query("SELECT id, lon, lat FROM \(table.rawValue) ORDER BY id").map { row in
            let c = Cells(row)
            return (try c.string(0), try c.coordinate(lon: 1, lat: 2, of: table.rawValue))
        }
    }

    /// Inserts town extents (call inside ``write(_:)``).
    public func insert(urbanAreas: [StoredUrbanArea], replace: Bool) throws {
        for u in urbanAreas {
            var binds = PostgresBindings()
            binds.append(u.area.id)
            binds.append(u.area.name)
            binds.append(u.area.population)
            binds.append(ByteBuffer(bytes: WKB.encode(multiPolygon: u.rings)))
            try query("""
                INSERT INTO urban_areas (id, name, population, geom) VALUES ($1, $2, $3, ST_Multi(ST_GeomFromWKB($4, 4326)))
                """ + (replace ? " ON CONFLICT (id) DO UPDATE SET name = excluded.name, population = excluded.population, geom = excluded.geom" : ""),
                binds)
        }
    }

    public func deleteAllUrbanAreas() throws { try execute("DELETE FROM urban_areas") }

    public func urbanAreas() throws -> [StoredUrbanArea] {
        try query("SELECT id, name, population, ST_AsBinary(geom, 'NDR') FROM urban_areas ORDER BY id").map { row in
            let c = Cells(row)
            return StoredUrbanArea(area: UrbanArea(id: try c.string(0), name: try c.text(1), population: try c.double(2) ?? 0),
                                   rings: try c.bytes(3).flatMap(WKB.decodeMultiPolygon) ?? [])
        }
    }
}
