import Testing
import TestSupport
import Foundation
import GeoTypes
import Geometry

/// Loads the real Aalborg parish layer (57 parishes, lon/lat) for tests, from ../shared/data.
enum ParishFixture {
    struct Parish {
        var code: String
        var name: String
        var shape: MultiPolygon<Coordinate>
    }

    /// Whether ../shared/data holds the parish layer (for `.enabled(if:)`).
    static let available = TestSupport.hasSharedFile("aalborg/parishes-2014.geojson")

    static func load() throws -> [Parish] {
        let data = try Data(contentsOf: try #require(TestSupport.sharedFile("aalborg/parishes-2014.geojson")))
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return try (root["features"] as! [[String: Any]]).map { feature in
            let properties = feature["properties"] as! [String: Any]
            let geometry = feature["geometry"] as! [String: Any]
            let coordinates = geometry["coordinates"] as! [Any]
            func ring(_ raw: Any) -> [Coordinate] {
                (raw as! [[Double]]).map { Coordinate(lon: $0[0], lat: $0[1]) }
            }
            func polygon(_ raw: Any) throws -> Polygon<Coordinate> {
                let rings = (raw as! [Any]).map(ring)
                return try Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
            }
            let parts = geometry["type"] as! String == "Polygon" ? [try polygon(coordinates)] : try coordinates.map(polygon)
            return Parish(code: properties["SOGNEKODE"] as! String, name: properties["SOGNENAVN"] as! String,
                          shape: MultiPolygon(parts))
        }
    }

    /// A local equirectangular projection around 57°N in metres, good enough for area checks of ~1 %.
    static func localMetres(_ c: Coordinate) -> PlanarXY {
        let lat0 = 57.0 * Double.pi / 180
        return PlanarXY(x: c.lon * 111_320 * cos(lat0), y: c.lat * 110_574)
    }
}


func xy(_ pairs: [(Double, Double)]) -> [PlanarXY] { pairs.map { PlanarXY(x: $0.0, y: $0.1) } }
