public import Facilities
import GeoTypes

/// A town extent as stored: identity, population and polygon rings in EPSG:4326.
public struct StoredUrbanArea: Sendable {
    public var area: UrbanArea
    public var rings: MultiPolygonRings

    public init(area: UrbanArea, rings: MultiPolygonRings) {
        self.area = area
        self.rings = rings
    }
}

extension OverblikStore {
    /// Inserts town extents (call inside ``write(_:)``). With `replace`, existing ids are overwritten.
    public func insert(urbanAreas: [StoredUrbanArea], replace: Bool) throws {
        let verb = replace ? "INSERT OR REPLACE" : "INSERT"
        let statement = try database.prepare("""
            \(verb) INTO urban_areas (id, name, population, rings, geom)
            VALUES (?,?,?,?, CastToMultiPolygon(GeomFromWKB(?, 4326)))
            """)
        for u in urbanAreas {
            let wkb = WKB.encode(multiPolygon: u.rings)
            try statement.run([.text(u.area.id), .optional(u.area.name), .real(u.area.population), .blob(wkb), .blob(wkb)])
        }
    }

    /// Removes every town extent (`import urban-areas --replace` replaces the layer).
    public func deleteAllUrbanAreas() throws {
        try database.execute("DELETE FROM urban_areas")
    }

    /// All town extents with polygons, ordered by id (plain columns: no SpatiaLite function needed).
    public func urbanAreas() throws -> [StoredUrbanArea] {
        try database.query("SELECT id, name, population, rings FROM urban_areas ORDER BY id").map {
            StoredUrbanArea(area: UrbanArea(id: $0[0].string ?? "", name: $0[1].string, population: $0[2].double ?? 0),
                            rings: $0[3].bytes.flatMap(WKB.decodeMultiPolygon) ?? [])
        }
    }
}
