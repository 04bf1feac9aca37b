import GeoTypes
import Routing

/// A target within reach of a point by road, with the cost in the question's metric (metres or seconds).
struct RoadReachHit: Sendable, Hashable {
    var target: Int
    var cost: Double
}

extension Overblik {
    /// For every point, the targets it can reach by road within `limit` (in the question's metric),
    /// with the cost of the way from the point to each, by DESIGN.md's snapping rules.
    ///
    /// One bounded search per target over the reverse arcs (people travel to the target) labels the
    /// nodes within `limit`; each point then takes its segment's labels, or the direct part of its
    /// segment when the target lies on it (``RoadRouter/nearest(for:labels:sources:)``). A point or
    /// target more than 1 km from the network reaches nothing. Used by `site` (which candidates reach
    /// which residents) and `access` (the facilities in each resident's catchment).
    /// - Complexity: O(targets · (n' log n' + points)) for the n' nodes within `limit` of a target.
    func roadReach(_ road: RoadQuestion, points: [Coordinate], targets: [Coordinate], limit: Double) throws -> [[RoadReachHit]] {
        let state = try roads.state(road.mode, store: backend)
        let pointSnaps = points.map { state.snap($0) }
        var rows = [[RoadReachHit]](repeating: [], count: points.count)
        for (t, location) in targets.enumerated() {
            guard let snap = state.snap(location) else { continue }
            let single = RoadTargets(snaps: [snap], network: state.network)
            let labels = state.router.label(sources: single, metric: road.metric, limit: limit)
            for (i, pointSnap) in pointSnaps.enumerated() {
                guard let pointSnap, let hit = state.router.nearest(for: pointSnap, labels: labels, sources: single) else { continue }
                let cost = hit.cost.value(road.metric)
                if cost <= limit { rows[i].append(RoadReachHit(target: t, cost: cost)) }
            }
        }
        return rows
    }
}
