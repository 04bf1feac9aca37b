/// Every node's cheapest source (facility) and the cost between them, from one multi-source search.
public struct RoadLabels: Sendable {
    public let metric: RoadMetric
    /// Whether costs run from the node to the source (people travelling to a facility).
    public let towardSources: Bool
    /// Per node: the cost in both units along the cheapest path, and the source index (-1: none).
    public let metres: [Double]
    public let seconds: [Double]
    public let source: [Int32]
}

extension RoadRouter {
    /// Labels every node of the network with its nearest source in `metric` by one multi-source
    /// Dijkstra. With `towardSources` (the default) costs run from the node to the source, over
    /// the reverse arcs, as for people travelling to a facility.
    /// - Complexity: O((n + m) log n).
    public func label(sources: RoadTargets, metric: RoadMetric, towardSources: Bool = true,
                      limit: Double = .infinity) -> RoadLabels {
        var seeds: [(seed: RoadSeed, origin: Int32)] = []
        for (i, snap) in sources.snaps.enumerated() {
            guard let snap else { continue }
            let ends = towardSources ? network.arrivals(snap) : network.departures(snap)
            for seed in ends { seeds.append((seed, Int32(i))) }
        }
        let n = network.nodeCount
        var metres = [Double](repeating: .infinity, count: n), seconds = metres
        var source = [Int32](repeating: -1, count: n)
        search(seeds: seeds, metric: metric, reverse: towardSources, limit: limit) { node, _, c, label in
            let v = Int(node)
            metres[v] = c.metres
            seconds[v] = c.seconds
            source[v] = label
            return true
        }
        return RoadLabels(metric: metric, towardSources: towardSources, metres: metres, seconds: seconds, source: source)
    }

    /// A point's nearest source and cost from node labels: the best of its segment's end nodes it
    /// may travel through (toward the sources) and any source on its own segment (direct rule).
    public func nearest(for point: RoadSnap, labels: RoadLabels, sources: RoadTargets) -> RoadHit? {
        let metric = labels.metric
        var best: RoadHit? = nil
        func consider(_ t: Int, _ c: RoadCost) {
            if let b = best, (b.cost.value(metric), b.target) <= (c.value(metric), t) { return }
            best = RoadHit(target: t, cost: c)
        }
        let ends = labels.towardSources ? network.departures(point) : network.arrivals(point)
        for seed in ends where labels.source[Int(seed.node)] >= 0 {
            let v = Int(seed.node)
            consider(Int(labels.source[v]), seed.cost + RoadCost(metres: labels.metres[v], seconds: labels.seconds[v]))
        }
        for t in sources.bySegment[point.segment] ?? [] {
            guard let snap = sources.snaps[Int(t)] else { continue }
            let c = labels.towardSources ? network.direct(from: point, to: snap) : network.direct(from: snap, to: point)
            if let c { consider(Int(t), c) }
        }
        return best
    }
}
