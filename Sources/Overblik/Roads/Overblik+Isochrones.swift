public import Analysis
public import GeoJSON
import GeoTypes
import Geometry
import Routing

extension Overblik {
    /// Half the width of the band drawn around reached road, metres.
    public static let isochroneBandMetres = 50.0

    /// Isochrones by road as RFC 7946 features, one (Multi)Polygon per threshold, largest first.
    ///
    /// One outward multi-source search by time from the facilities' snaps (`facilityIDs`, else every
    /// facility passing `filter`) labels the nodes; for each threshold the reached road (whole
    /// segments, and the covered part of segments reached part-way) is unioned and buffered by
    /// ``isochroneBandMetres`` in EPSG:25832 with GEOS, then returned to WGS84. The polygon shows
    /// the roads reached, with a fixed band for the map; it does not claim travel off the road.
    /// Properties: `minutes`, `travel`, `facilities` (count), `reached_km` (road length reached).
    /// - Throws: ``OverblikError`` when no network is stored, no facility matches, or an id is unknown.
    public func isochroneFeatures(facilityIDs: [String], filter: FacilityFilter, by mode: String, minutes: [Double]) throws -> [GeoJSONFeature] {
        let road = try RoadQuestion(by: mode)
        let catalog = try catalog()
        let state = try roads.state(road.mode, store: backend)
        var chosen: [Coordinate] = []
        if facilityIDs.isEmpty {
            let qualifying = catalog.engine.qualifying(filter: filter, accept: nil)
            chosen = catalog.engine.facilities.indices.filter { qualifying[$0] }.map { catalog.engine.facilities[$0].location }
        } else {
            for id in facilityIDs {
                guard let f = catalog.facilities.first(where: { $0.id == id }) else {
                    throw OverblikError.notFound(what: "facility \(id)", suggestions: [])
                }
                chosen.append(f.location)
            }
        }
        guard !chosen.isEmpty else { throw OverblikError.notFound(what: "a facility matching the filters", suggestions: []) }
        guard !minutes.isEmpty, minutes.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw OverblikError.badInput("--minutes: expected positive minutes, e.g. 5,10,15")
        }
        let sources = RoadTargets(snaps: chosen.map { state.snap($0) }, network: state.network)
        let labels = state.router.label(sources: sources, metric: .time, towardSources: false, limit: (minutes.max() ?? 0) * 60)
        let context = try GeometryContext()
        var features: [GeoJSONFeature] = []
        for m in minutes.sorted(by: >) {
            let pieces = state.network.reachedPieces(labels, within: m * 60)
            var lines: [Geometry] = []
            var reachedMetres = 0.0
            for (a, b) in pieces {
                reachedMetres += Geodesic.distance(from: a, to: b)
                lines.append(try Geometry(lineString: [Self.planar(a), Self.planar(b)], context: context))
            }
            // The facilities themselves, so that one reaching no road still shows.
            for snap in sources.snaps.compactMap({ $0 }) {
                lines.append(try Geometry(point: Self.planar(snap.foot), context: context))
            }
            let band = try Geometry.unaryUnion(of: lines, context: context).buffer(Self.isochroneBandMetres, quadrantSegments: 4)
            let polygons = try band.polygons(as: PlanarXY.self).map { p in p.rings.map { ring in ring.map(Self.geographic) } }
            let geometry: GeoJSONGeometry = polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
            features.append(GeoJSONFeature(geometry: geometry.normalizedForRFC7946(), properties: [
                JSONMember("minutes", .number(m)), JSONMember("travel", .string(road.modeName)),
                JSONMember("facilities", .integer(Int64(chosen.count))),
                JSONMember("reached_km", .number((reachedMetres / 10).rounded() / 100)),
            ]))
        }
        return features
    }

    static func planar(_ c: Coordinate) -> PlanarXY {
        let p = UTM32.forward(c)
        return PlanarXY(x: p.easting, y: p.northing)
    }

    static func geographic(_ p: PlanarXY) -> Coordinate { UTM32.inverse(ProjectedPoint(easting: p.x, northing: p.y)) }
}
