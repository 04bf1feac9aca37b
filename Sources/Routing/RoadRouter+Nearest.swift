import HeapModule

/// Snapped destinations (facilities) prepared for repeated searches toward them.
public struct RoadTargets: Sendable {
    /// Each target's snap (nil: too far from the network, never reached).
    public let snaps: [RoadSnap?]
    /// For each node, the targets reachable from it and the cost of the rest of the way.
    let byNode: [UInt32: [(target: Int32, cost: RoadCost)]]
    /// For each segment, the targets snapped to it (for the same-segment direct rule).
    let bySegment: [UInt32: [Int32]]

    public init(snaps: [RoadSnap?], network: RoadNetwork) {
        self.snaps = snaps
        var byNode: [UInt32: [(target: Int32, cost: RoadCost)]] = [:]
        var bySegment: [UInt32: [Int32]] = [:]
        for (i, snap) in snaps.enumerated() {
            guard let snap else { continue }
            for seed in network.arrivals(snap) { byNode[seed.node, default: []].append((Int32(i), seed.cost)) }
            bySegment[snap.segment, default: []].append(Int32(i))
        }
        self.byNode = byNode
        self.bySegment = bySegment
    }
}

/// A target reached by a search, with its cost.
public struct RoadHit: Sendable, Hashable {
    public var target: Int
    public var cost: RoadCost
}

extension RoadRouter {
    /// The `k` targets cheapest to reach from `source` in `metric` with cost at most `limit`,
    /// cheapest first (ties by target index): a single-source Dijkstra that stops once k targets
    /// are settled or the frontier passes `limit`.
    /// - Complexity: O((n' + m') log n') for the n' nodes and m' arcs within the answer's cost.
    public func nearest(from source: RoadSnap, to targets: RoadTargets, k: Int, metric: RoadMetric,
                        limit: Double = .infinity) -> [RoadHit] {
        guard k > 0 else { return [] }
        var tentative: [Int32: RoadCost] = [:]
        var pending = Heap<PendingHit>()
        func offer(_ t: Int32, _ c: RoadCost) {
            if let known = tentative[t], known.value(metric) <= c.value(metric) { return }
            tentative[t] = c
            pending.insert(PendingHit(key: c.value(metric), target: t))
        }
        for t in targets.bySegment[source.segment] ?? [] {
            if let snap = targets.snaps[Int(t)], let c = network.direct(from: source, to: snap) { offer(t, c) }
        }
        var done: [RoadHit] = []
        var final = Set<Int32>()
        func settle(upTo bound: Double) {
            while let top = pending.min, top.key <= bound, done.count < k {
                pending.removeMin()
                guard !final.contains(top.target), tentative[top.target]?.value(metric) == top.key,
                      top.key <= limit else { continue }
                final.insert(top.target)
                done.append(RoadHit(target: Int(top.target), cost: tentative[top.target]!))
            }
        }
        let seeds = network.departures(source).map { (seed: $0, origin: Int32(0)) }
        search(seeds: seeds, metric: metric, reverse: false, limit: limit) { node, key, here, _ in
            settle(upTo: key)
            if done.count >= k { return false }
            for (t, rest) in targets.byNode[node] ?? [] where !final.contains(t) { offer(t, here + rest) }
            settle(upTo: key)
            return done.count < k
        }
        settle(upTo: .infinity)
        return done
    }
}

struct PendingHit: Comparable {
    var key: Double
    var target: Int32
    static func < (a: PendingHit, b: PendingHit) -> Bool { (a.key, a.target) < (b.key, b.target) }
}
