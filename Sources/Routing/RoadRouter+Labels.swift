import CPrefetch
public import GeoTypes

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
    /// the reverse arcs, as for people travelling to a facility. Nodes costing more than `limit`
    /// stay unlabelled.
    ///
    /// The same search as ``search(seeds:metric:reverse:limit:visit:)`` (its 4-ary heap and the
    /// radix heap here both pop by (key, node), so nodes settle in the same order and keep the same
    /// labels), written for a whole network, whose time goes in waiting for memory:
    /// - it runs on a ``LabelGraph`` (nodes renumbered along a Hilbert curve, each arc's head and
    ///   costs in one record), built once per router, metric and direction; ties between equal
    ///   keys go by the network's ids, and the labels are put back in the network's numbering;
    /// - a relaxation reads and writes only the node's key (8 bytes a node); the source label, the
    ///   cost in the other unit and where the node's arcs start travel in the heap entry, and a
    ///   node is settled (a bit) when its first entry, the one of its least key, is popped;
    /// - while a node's arcs are relaxed, those of the node the heap will pop next are fetched.
    /// - Complexity: O((n + m) log n).
    public func label(sources: RoadTargets, metric: RoadMetric, towardSources: Bool = true,
                      limit: Double = .infinity) -> RoadLabels {
        let n = network.nodeCount
        // Each seeded node's best seed: the least cost, then the least label; one heap entry each.
        var seeds: [UInt32: (key: Double, other: Double, origin: Int32)] = [:]
        for (i, snap) in sources.snaps.enumerated() {
            guard let snap else { continue }
            let label = Int32(i)
            func seed(_ seed: RoadSeed) {
                let k = seed.cost.value(metric)
                if let known = seeds[seed.node], !(k < known.key || (k == known.key && label < known.origin)) { return }
                seeds[seed.node] = (k, metric == .distance ? seed.cost.seconds : seed.cost.metres, label)
            }
            if towardSources { network.forEachArrival(snap, seed) } else { network.forEachDeparture(snap, seed) }
        }
        // The search runs on the graph's numbering (``LabelGraph``); its results are put back in
        // the network's at the end, and ties between equal keys go by the network's ids.
        let graph = labelGraph(metric: metric, reverse: towardSources)
        var keys = [Double](repeating: .infinity, count: n), others = keys
        var source = [Int32](repeating: -1, count: n)
        var settled = [UInt64](repeating: 0, count: (n + 63) / 64)
        var heap = RadixHeap(capacity: n / 8)
        // The heap pops by (key, network id) whatever the order of insertion, so the dictionary's
        // order does not matter.
        for (node, s) in seeds {
            let u = Int(graph.rank[Int(node)])
            keys[u] = s.key
            heap.insert(key: s.key, node: UInt32(u), origin: s.origin, other: s.other, first: graph.first(u))
        }
        graph.order.withUnsafeBufferPointer { order in
        graph.arcs.withUnsafeBufferPointer { arcs in
        keys.withUnsafeMutableBufferPointer { keys in
        others.withUnsafeMutableBufferPointer { others in
        source.withUnsafeMutableBufferPointer { source in
        settled.withUnsafeMutableBufferPointer { settled in
            while let top = heap.popMin(ties: order.baseAddress) {
                let u = Int(top.node)
                // Keys only decrease, so a node's first entry popped has its least key: a later
                // one is stale.
                let word = u >> 6, bit = UInt64(1) << UInt64(u & 63)
                if settled[word] & bit != 0 { continue }
                guard top.key <= limit else { break }
                settled[word] |= bit
                // The node popped next, unless this one's arcs give a smaller key: its arcs (two
                // cache lines) are fetched while this node's are relaxed.
                let next = heap.peekFirst()
                if next != .max {
                    let at = UnsafeRawPointer(arcs.baseAddress! + Int(next))
                    overblik_prefetch(at)
                    overblik_prefetch(at + 64)
                }
                source[u] = top.origin
                others[u] = top.other
                guard top.first != .max else { continue }
                var arc = Int(top.first)
                while true {
                    let a = arcs[arc]
                    let v = Int(a.head & ~LabelArc.lastOfNode)
                    let candidate = top.key + a.key
                    if candidate < keys[v] {
                        keys[v] = candidate
                        heap.insert(key: candidate, node: UInt32(v), origin: top.origin, other: top.other + a.other, first: a.first)
                    }
                    if a.head & LabelArc.lastOfNode != 0 { break }
                    arc += 1
                }
            }
        }}}}}}
        // Back to the network's numbering; settled nodes are exactly those with a label, the
        // others stay unlabelled.
        var nodeKeys = [Double](repeating: .infinity, count: n), nodeOthers = nodeKeys
        var nodeSource = [Int32](repeating: -1, count: n)
        for u in 0..<n where source[u] >= 0 {
            let v = Int(graph.order[u])
            (nodeKeys[v], nodeOthers[v], nodeSource[v]) = (keys[u], others[u], source[u])
        }
        (keys, others, source) = (nodeKeys, nodeOthers, nodeSource)
        return RoadLabels(metric: metric, towardSources: towardSources,
                          metres: metric == .distance ? keys : others, seconds: metric == .distance ? others : keys,
                          source: source)
    }

    /// A point's nearest source and cost from node labels: the best of its segment's end nodes it
    /// may travel through (toward the sources) and any source on its own segment (direct rule).
    public func nearest(for point: RoadSnap, labels: RoadLabels, sources: RoadTargets) -> RoadHit? {
        labels.nearest(for: point, network: network, sources: sources)
    }
}

extension RoadLabels {
    /// A point's nearest source and cost from these labels (see
    /// ``RoadRouter/nearest(for:labels:sources:)``); safe to call from many threads at once.
    public func nearest(for point: RoadSnap, network: RoadNetwork, sources: RoadTargets) -> RoadHit? {
        var best: RoadHit? = nil
        func consider(_ t: Int, _ c: RoadCost) {
            if let b = best, (b.cost.value(metric), b.target) <= (c.value(metric), t) { return }
            best = RoadHit(target: t, cost: c)
        }
        func viaNode(_ seed: RoadSeed) {
            let v = Int(seed.node)
            guard source[v] >= 0 else { return }
            consider(Int(source[v]), seed.cost + RoadCost(metres: metres[v], seconds: seconds[v]))
        }
        if towardSources { network.forEachDeparture(point, viaNode) } else { network.forEachArrival(point, viaNode) }
        if let onSegment = sources.bySegment[point.segment] {
            for t in onSegment {
                guard let snap = sources.snaps[Int(t)] else { continue }
                let c = towardSources ? network.direct(from: point, to: snap) : network.direct(from: snap, to: point)
                if let c { consider(Int(t), c) }
            }
        }
        return best
    }
}

extension EdgeSnapper {
    /// Each point's nearest source by road from `labels`: the point's snap, then its segment's
    /// labels and the direct rule; nil for a point more than ``maximumLeg`` from the network or
    /// reaching no source. Computed on `threads` threads (default: every core) in contiguous
    /// chunks of ``spatialOrder(_:)``, with the same answers as one thread in the given order.
    public func nearestSources(_ points: [Coordinate], labels: RoadLabels, sources: RoadTargets,
                               threads: Int? = nil) -> [RoadHit?] {
        Chunked.map(count: points.count, order: spatialOrder(points), threads: threads ?? Chunked.cores, placeholder: nil,
                    makeState: { SnapScratch(slots: SnapScratch.batchSlots) }) { scratch, i in
            snap(points[i], scratch: &scratch).flatMap { labels.nearest(for: $0, network: network, sources: sources) }
        }
    }
}
