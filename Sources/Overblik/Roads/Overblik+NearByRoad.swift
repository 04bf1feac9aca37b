import Analysis
import GeoTypes
import Routing

extension Overblik {
    /// The facilities nearest to `place` by road that satisfy `query`, cheapest first in the
    /// question's metric (ties by facility order), within its reach. `query.within` is ignored;
    /// the reach is `road.reach`.
    ///
    /// One bounded Dijkstra from the place's snap until `query.limit` facilities are settled.
    /// Candidates are the matching facilities whose geodesic distance could fit the reach (a route
    /// is never shorter than the geodesic, nor faster than the network's top speed).
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` when no network is stored or the
    ///   place is more than 1 km from it.
    public func near(_ place: ResolvedPlace, _ query: NearQuery, by road: RoadQuestion) throws -> NearAnswer {
        let catalog = try catalog()
        let state = try roads.state(road.mode, store: backend)
        guard let origin = state.snap(place.location) else {
            throw OverblikError.notFound(what: "a \(road.modeName) road within 1 km of \(place.name)", suggestions: [])
        }
        let accept = try query.time.map { try timeFilter($0, catalog: catalog) }
        let bound = road.metric == .distance ? road.reach : road.reach * state.topSpeed
        let candidates = catalog.engine.nearest(to: place.location, filter: query.filter, limit: catalog.facilities.count,
                                                within: bound.isFinite ? bound : nil, accept: accept)
        var snaps: [RoadSnap?] = [], unreachable: [String] = []
        for m in candidates {
            let snap = state.snap(m.facility.location)
            if snap == nil { unreachable.append(m.facility.id) }
            snaps.append(snap)
        }
        let targets = RoadTargets(snaps: snaps, network: state.network)
        let hits = state.router.nearest(from: origin, to: targets, k: query.limit, metric: road.metric, limit: road.reach)
        let lines = hits.map { h -> NearHit in
            var line = hit(for: candidates[h.target], catalog: catalog)
            line.travel = road.modeName
            line.metric = road.metricName
            line.roadM = (h.cost.metres * 1000).rounded() / 1000
            line.roadMin = (h.cost.seconds / 60 * 1000).rounded() / 1000
            return line
        }
        return NearAnswer(place: place, hits: lines, road: road, unreachable: unreachable)
    }
}
