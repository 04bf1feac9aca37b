import Foundation
import GeoTypes
import Geometry
import Store

/// What `--make-valid` did to one district polygon.
public struct DistrictRepair: Sendable, Codable, Hashable, CustomStringConvertible {
    public var position: String
    public var code: String?
    public var name: String?
    /// What was wrong (the first problem GEOS or the ring checks found).
    public var problem: String
    public var areaBeforeKm2: Double
    public var areaAfterKm2: Double

    enum CodingKeys: String, CodingKey {
        case position, code, name, problem, areaBeforeKm2 = "area_before_km2", areaAfterKm2 = "area_after_km2"
    }

    public var description: String {
        let label = [code, name.map { "'\($0)'" }].compactMap { $0 }.joined(separator: " ")
        return "\(label.isEmpty ? position : label): \(problem); area \(String(format: "%.4f", areaBeforeKm2)) km² -> \(String(format: "%.4f", areaAfterKm2)) km²"
    }
}

/// Repairs, merges and clips district polygons with GEOS (in lon/lat: these operations are
/// topological, so the plane does not matter; areas are measured in EPSG:25832).
struct DistrictShaping {
    let context: GeometryContext

    init() throws { context = try GeometryContext() }

    func geometry(_ rings: MultiPolygonRings) throws -> Geometry {
        try Geometry(multiPolygon: MultiPolygon(rings.map { Polygon<Coordinate>(uncheckedExterior: $0[0], holes: Array($0.dropFirst())) }),
                     context: context)
    }

    static func rings(of geometry: Geometry) throws -> MultiPolygonRings {
        try geometry.polygons(as: Coordinate.self).map(\.rings)
    }

    /// A valid version of `rings` (GEOS MakeValid, structure method); empty when nothing of an
    /// area is left.
    func makeValid(_ rings: MultiPolygonRings) throws -> MultiPolygonRings {
        try Self.rings(of: try geometry(rings).makeValid())
    }

    /// The union of several districts' polygons (parts that share a code become one MultiPolygon).
    func union(_ parts: [MultiPolygonRings]) throws -> MultiPolygonRings {
        guard parts.count > 1 else { return parts.first ?? [] }
        return try Self.rings(of: try Geometry.unaryUnion(of: parts.map(geometry), context: context))
    }

    /// The part of `rings` inside `area`; empty when they do not overlap.
    func clip(_ rings: MultiPolygonRings, to area: Geometry) throws -> MultiPolygonRings {
        try Self.rings(of: try geometry(rings).intersection(area))
    }
}
