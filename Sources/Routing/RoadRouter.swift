/// One network's shortest-path searches (Dijkstra with a 4-ary heap) with reusable scratch space:
/// only the nodes a search touched are reset, so a bounded query costs what it explores.
///
/// Not thread-safe: give each task its own router (they can share the network).
public final class RoadRouter {
    public let network: RoadNetwork
    var key: [Double]
    var other: [Double]
    var origin: [Int32]
    var touched: [UInt32] = []

    public init(network: RoadNetwork) {
        self.network = network
        key = [Double](repeating: .infinity, count: network.nodeCount)
        other = [Double](repeating: .infinity, count: network.nodeCount)
        origin = [Int32](repeating: -1, count: network.nodeCount)
    }

    func reset() {
        for v in touched { key[Int(v)] = .infinity; other[Int(v)] = .infinity; origin[Int(v)] = -1 }
        touched.removeAll(keepingCapacity: true)
    }

    /// Per arc (in the CSR order of the out- or in-arcs) the cost in the search's metric and in the
    /// other unit, computed once per metric and direction: the inner loop then reads two
    /// contiguous arrays instead of two lookups through the segment index and a division.
    var arcCosts: [Int: (key: [Double], other: [Double])] = [:]

    func costs(metric: RoadMetric, reverse: Bool) -> (key: [Double], other: [Double]) {
        let slot = (metric == .distance ? 0 : 1) + (reverse ? 2 : 0)
        if let known = arcCosts[slot] { return known }
        let segment = reverse ? network.inSegment : network.outSegment
        let metres = network.segmentMetres, speed = network.segmentSpeed
        var key = [Double](repeating: 0, count: segment.count), other = key
        for arc in segment.indices {
            let s = Int(segment[arc])
            let m = metres[s], t = m / speed[s]
            (key[arc], other[arc]) = metric == .distance ? (m, t) : (t, m)
        }
        arcCosts[slot] = (key, other)
        return (key, other)
    }

    /// The arcs laid out for ``label(sources:metric:towardSources:limit:)``, built once per metric
    /// and direction.
    var labelGraphs: [Int: LabelGraph] = [:]
    /// The nodes' order in every ``LabelGraph`` (``LabelGraph/localityOrder(_:)``), computed once.
    lazy var labelOrder = LabelGraph.localityOrder(network)

    func labelGraph(metric: RoadMetric, reverse: Bool) -> LabelGraph {
        let slot = (metric == .distance ? 0 : 1) + (reverse ? 2 : 0)
        if let known = labelGraphs[slot] { return known }
        let graph = LabelGraph(network: network, metric: metric, reverse: reverse, order: labelOrder)
        labelGraphs[slot] = graph
        return graph
    }

    /// Runs Dijkstra from `seeds` (each with its origin label) over out-arcs, or in-arcs when
    /// `reverse`. `visit` is called for every settled node with its key, its cost in both units and
    /// its origin label; it returns false to stop. Nodes with a key above `limit` are not settled.
    ///
    /// The scratch arrays are moved into locals for the search (no exclusivity checks on the
    /// class's storage in the inner loop) and moved back afterwards. The queue is a 4-ary heap
    /// ordered by (key, node), so nodes settle in the same order as with any heap of that order.
    func search(seeds: [(seed: RoadSeed, origin: Int32)], metric: RoadMetric, reverse: Bool, limit: Double,
                visit: (UInt32, Double, RoadCost, Int32) -> Bool) {
        reset()
        let (arcKey, arcOther) = costs(metric: metric, reverse: reverse)
        var key = self.key, other = self.other, origin = self.origin, touched = self.touched
        self.key = []; self.other = []; self.origin = []; self.touched = []
        defer { self.key = key; self.other = other; self.origin = origin; self.touched = touched }
        var heap = QuaternaryHeap()
        for (seed, label) in seeds {
            let v = Int(seed.node), k = seed.cost.value(metric)
            if k < key[v] || (k == key[v] && label < origin[v]) {
                if key[v] == .infinity { touched.append(seed.node) }
                key[v] = k
                other[v] = metric == .distance ? seed.cost.seconds : seed.cost.metres
                origin[v] = label
                heap.insert(key: k, node: seed.node)
            }
        }
        let start = reverse ? network.inStart : network.outStart
        let next = reverse ? network.inTail : network.outHead
        let byDistance = metric == .distance
        start.withUnsafeBufferPointer { start in
        next.withUnsafeBufferPointer { next in
        arcKey.withUnsafeBufferPointer { arcKey in
        arcOther.withUnsafeBufferPointer { arcOther in
        key.withUnsafeMutableBufferPointer { key in
        other.withUnsafeMutableBufferPointer { other in
        origin.withUnsafeMutableBufferPointer { origin in
            while let top = heap.popMin() {
                let u = Int(top.node)
                guard top.key == key[u] else { continue }
                let both = byDistance ? RoadCost(metres: top.key, seconds: other[u]) : RoadCost(metres: other[u], seconds: top.key)
                guard top.key <= limit, visit(top.node, top.key, both, origin[u]) else { return }
                let base = other[u], label = origin[u]
                for arc in Int(start[u])..<Int(start[u + 1]) {
                    let v = Int(next[arc])
                    let candidate = top.key + arcKey[arc]
                    if candidate < key[v] {
                        if key[v] == .infinity { touched.append(next[arc]) }
                        key[v] = candidate
                        other[v] = base + arcOther[arc]
                        origin[v] = label
                        heap.insert(key: candidate, node: next[arc])
                    }
                }
            }
        }}}}}}}
    }
}
