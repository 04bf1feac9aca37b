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

/// One node's state in a labelling search, kept together so that a relaxation touches one cache
/// line: the key in the search's metric, the cost in the other unit, and the source label.
struct LabelSlot {
    var key: Double
    var other: Double
    var origin: Int32
}

extension RoadRouter {
    /// Labels every node of the network with its nearest source in `metric` by one multi-source
    /// Dijkstra. With `towardSources` (the default) costs run from the node to the source, over
    /// the reverse arcs, as for people travelling to a facility. Nodes costing more than `limit`
    /// stay unlabelled.
    ///
    /// The same search as ``search(seeds:metric:reverse:limit:visit:)`` (its 4-ary heap and the
    /// radix heap here both pop by (key, node), so nodes settle in the same order and keep the same
    /// labels), written for a whole network: each node's key, other cost and label sit in one
    /// record, and nothing is reset.
    /// - Complexity: O((n + m) log n).
    public func label(sources: RoadTargets, metric: RoadMetric, towardSources: Bool = true,
                      limit: Double = .infinity) -> RoadLabels {
        let n = network.nodeCount
        var slots = [LabelSlot](repeating: LabelSlot(key: .infinity, other: .infinity, origin: -1), count: n)
        var heap = RadixHeap(capacity: network.nodeCount / 8)
        for (i, snap) in sources.snaps.enumerated() {
            guard let snap else { continue }
            let label = Int32(i)
            func seed(_ seed: RoadSeed) {
                let v = Int(seed.node), k = seed.cost.value(metric)
                if k < slots[v].key || (k == slots[v].key && label < slots[v].origin) {
                    slots[v] = LabelSlot(key: k, other: metric == .distance ? seed.cost.seconds : seed.cost.metres, origin: label)
                    heap.insert(key: k, node: seed.node)
                }
            }
            if towardSources { network.forEachArrival(snap, seed) } else { network.forEachDeparture(snap, seed) }
        }
        let (arcKey, arcOther) = costs(metric: metric, reverse: towardSources)
        let start = towardSources ? network.inStart : network.outStart
        let next = towardSources ? network.inTail : network.outHead
        start.withUnsafeBufferPointer { start in
        next.withUnsafeBufferPointer { next in
        arcKey.withUnsafeBufferPointer { arcKey in
        arcOther.withUnsafeBufferPointer { arcOther in
        slots.withUnsafeMutableBufferPointer { slots in
            while let top = heap.popMin() {
                let u = Int(top.node)
                let here = slots[u]
                guard top.key == here.key else { continue }
                guard top.key <= limit else { break }
                for arc in Int(start[u])..<Int(start[u + 1]) {
                    let v = Int(next[arc])
                    let candidate = top.key + arcKey[arc]
                    if candidate < slots[v].key {
                        slots[v] = LabelSlot(key: candidate, other: here.other + arcOther[arc], origin: here.origin)
                        heap.insert(key: candidate, node: next[arc])
                    }
                }
            }
        }}}}}
        // Settled nodes are exactly those with a key within the limit; the others stay unlabelled.
        var metres = [Double](repeating: .infinity, count: n), seconds = metres
        var source = [Int32](repeating: -1, count: n)
        for v in 0..<n where slots[v].key <= limit {
            (metres[v], seconds[v]) = metric == .distance ? (slots[v].key, slots[v].other) : (slots[v].other, slots[v].key)
            source[v] = slots[v].origin
        }
        return RoadLabels(metric: metric, towardSources: towardSources, metres: metres, seconds: seconds, source: source)
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
