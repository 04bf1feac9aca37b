import Analysis
import Facilities
import GeoTypes
import Geometry
import Store

/// Area within reach of one district: the area measure used when there is no population data.
public struct DistrictArea: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var rural: Bool
    /// District area in km² (planar, EPSG:25832).
    public var areaKm2: Double
    /// Per reach label: area within reach of a qualifying facility, km².
    public var coveredKm2: [String: Double]
    /// Per reach label: covered / total area (nil for a district of zero area).
    public var areaShare: [String: Double?]
    /// Qualifying facilities inside the district.
    public var facilities: Int

    enum CodingKeys: String, CodingKey {
        case code, name, rural, facilities
        case areaKm2 = "area_km2", coveredKm2 = "covered_km2", areaShare = "area_share"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(rural, forKey: .rural)
        try c.encode(facilities, forKey: .facilities)
        try c.encode(areaKm2, forKey: .areaKm2)
        try c.encode(coveredKm2, forKey: .coveredKm2)
        // Keep null shares as explicit nulls.
        var shares = c.nestedContainer(keyedBy: LabelKey.self, forKey: .areaShare)
        for (label, share) in areaShare.sorted(by: { $0.key < $1.key }) {
            try shares.encode(share, forKey: LabelKey(stringValue: label))
        }
    }

    struct LabelKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Share of each district's area within reach of a qualifying facility.
///
/// Everything is planar in EPSG:25832 (UTM zone 32N). Each facility's reach is a polygon whose
/// 128 vertices are the exact geodesic points at the reach distance (``Geodesic/direct``) in
/// 128 azimuths, projected to UTM: exact at the vertices; the inscribed 128-gon loses
/// 1 − (128 / 2π)·sin(2π / 128) ≈ 0.04 % of the circle's area, and the UTM projection of a
/// 5 km circle in Denmark distorts areas by the local scale factor squared (kept: the district
/// areas carry the same factor, so shares are unaffected to first order). Buffers are unioned
/// (GEOS unary union), intersected with each district polygon, and their areas measured.
enum AreaCoverage {
    /// Vertices per reach polygon.
    static let vertices = 128

    /// The reach polygon around `centre` in EPSG:25832, counter-clockwise and closed.
    static func reachPolygon(around centre: Coordinate, metres: Double) -> Polygon<PlanarXY> {
        var ring: [PlanarXY] = []
        ring.reserveCapacity(vertices + 1)
        for k in 0 ..< vertices {
            // Azimuths decreasing (clockwise from north is negative) give a counter-clockwise ring in x/y.
            let azimuth = 360 - Double(k) * 360 / Double(vertices)
            let p = UTM32.forward(Geodesic.direct(from: centre, azimuth: azimuth.truncatingRemainder(dividingBy: 360), distance: metres))
            ring.append(PlanarXY(x: p.easting, y: p.northing))
        }
        ring.append(ring[0])
        return Polygon(uncheckedExterior: ring)
    }

    /// A stored district as a planar multipolygon in EPSG:25832.
    static func planar(_ rings: MultiPolygonRings) -> MultiPolygon<PlanarXY> {
        MultiPolygon(rings.compactMap { polygon -> Polygon<PlanarXY>? in
            let projected = polygon.map { ring in ring.map { c -> PlanarXY in
                let p = UTM32.forward(c)
                return PlanarXY(x: p.easting, y: p.northing)
            } }
            guard let exterior = projected.first, exterior.count >= 4 else { return nil }
            return Polygon(uncheckedExterior: exterior, holes: Array(projected.dropFirst()).filter { $0.count >= 4 })
        })
    }

    /// Per district, the area and the area within each reach of the facilities.
    /// - Parameters:
    ///   - districts: stored districts with rings.
    ///   - rural: rural flag per district code.
    ///   - facilities: locations of the qualifying facilities with their district codes.
    ///   - reaches: thresholds; a rural/urban pair uses the district's class.
    /// - Returns: the districts worst-served first (rural first, then the lowest share of the first reach).
    /// - Throws: ``GeometryError`` when GEOS fails.
    static func compute(districts: [StoredDistrict], rural: [String: Bool], facilities: [(location: Coordinate, district: String?)],
                        reaches: [Reach]) throws -> [DistrictArea] {
        let context = try GeometryContext()
        var unions: [String: Geometry?] = [:]
        func union(metres: Double) throws -> Geometry? {
            let key = String(metres)
            if let known = unions[key] { return known }
            let pieces = try facilities.map { f throws -> Geometry in
                try Geometry(polygon: reachPolygon(around: f.location, metres: metres), context: context)
            }
            let u = pieces.isEmpty || metres <= 0 ? nil : try Geometry.unaryUnion(of: pieces, context: context)
            unions[key] = .some(u)
            return u
        }
        let rows = try districts.map { d in
            let code = d.district.code
            let isRural = rural[code] ?? true
            let shape = try Geometry(multiPolygon: planar(d.rings), context: context)
            let area = try shape.area()
            var covered: [String: Double] = [:], share: [String: Double?] = [:]
            for reach in reaches {
                var inside = 0.0
                if let u = try union(metres: reach.rule.thresholdMetres(rural: isRural)) {
                    inside = try shape.intersection(u).area()
                }
                covered[reach.label] = Overblik.rounded(inside / 1e6)
                share[reach.label] = area > 0 ? (min(1, inside / area) * 1e9).rounded() / 1e9 : nil
            }
            return DistrictArea(code: code, name: d.district.name, rural: isRural, areaKm2: Overblik.rounded(area / 1e6),
                                coveredKm2: covered, areaShare: share, facilities: facilities.filter { $0.district == code }.count)
        }
        // Worst-served first, as the population report: rural before urban, then the lowest share of
        // the first reach, then the code.
        let first = reaches.first?.label ?? ""
        return rows.sorted { a, b in
            if a.rural != b.rural { return a.rural }
            let sa = (a.areaShare[first] ?? nil) ?? 2, sb = (b.areaShare[first] ?? nil) ?? 2
            return sa != sb ? sa < sb : a.code < b.code
        }
    }
}
