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
    /// labels), written for a whole network: a relaxation reads and writes only the node's key
    /// (8 bytes a node), the source label and the cost in the other unit travel in the heap entry,
    /// and a node is settled (a bit) when its first entry, the one of its least key, is popped.
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
        var keys = [Double](repeating: .infinity, count: n), others = keys
        var source = [Int32](repeating: -1, count: n)
        var settled = [UInt64](repeating: 0, count: (n + 63) / 64)
        var heap = RadixHeap(capacity: n / 8)
        // The heap pops by (key, node) whatever the order of insertion, so the dictionary's order
        // does not matter.
        for (node, s) in seeds {
            keys[Int(node)] = s.key
            heap.insert(key: s.key, node: node, origin: s.origin, other: s.other)
        }
        let (arcKey, arcOther) = costs(metric: metric, reverse: towardSources)
        let start = towardSources ? network.inStart : network.outStart
        let next = towardSources ? network.inTail : network.outHead
        start.withUnsafeBufferPointer { start in
        next.withUnsafeBufferPointer { next in
        arcKey.withUnsafeBufferPointer { arcKey in
        arcOther.withUnsafeBufferPointer { arcOther in
        keys.withUnsafeMutableBufferPointer { keys in
        others.withUnsafeMutableBufferPointer { others in
        source.withUnsafeMutableBufferPointer { source in
        settled.withUnsafeMutableBufferPointer { settled in
            while let top = heap.popMin() {
                let u = Int(top.node)
                // Keys only decrease, so a node's first entry popped has its least key: a later
                // one is stale.
                let word = u >> 6, bit = UInt64(1) << UInt64(u & 63)
                if settled[word] & bit != 0 { continue }
                guard top.key <= limit else { break }
                settled[word] |= bit
                source[u] = top.origin
                others[u] = top.other
                for arc in Int(start[u])..<Int(start[u + 1]) {
                    let v = Int(next[arc])
                    let candidate = top.key + arcKey[arc]
                    if candidate < keys[v] {
                        keys[v] = candidate
                        heap.insert(key: candidate, node: next[arc], origin: top.origin, other: top.other + arcOther[arc])
                    }
                }
            }
            // Settled nodes are exactly those with a label; the others stay unlabelled.
            for v in 0..<n where source[v] < 0 { keys[v] = .infinity }
        }}}}}}}}
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
