import HeapModule

/// One network's shortest-path searches (Dijkstra with a binary heap) with reusable scratch space:
/// only the nodes a search touched are reset, so a bounded query costs what it explores.
///
/// Not thread-safe: give each task its own router (they can share the network).
public final class RoadRouter {
    public let network: RoadNetwork
    var key: [Double]
    var other: [Double]
    var origin: [Int32]
    var touched: [UInt32] = []

    struct Entry: Comparable {
        var key: Double
        var node: UInt32
        static func < (a: Entry, b: Entry) -> Bool { (a.key, a.node) < (b.key, b.node) }
    }

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

    /// The secondary unit of an arc's cost.
    @inline(__always) func arcCost(_ segment: Int, _ metric: RoadMetric) -> (Double, Double) {
        let m = network.segmentMetres[segment], t = m / network.segmentSpeed[segment]
        return metric == .distance ? (m, t) : (t, m)
    }

    /// Runs Dijkstra from `seeds` (each with its origin label) over out-arcs, or in-arcs when
    /// `reverse`. `visit` is called for every settled node with its key; it returns false to stop.
    /// Nodes with a key above `limit` are not settled.
    func search(seeds: [(seed: RoadSeed, origin: Int32)], metric: RoadMetric, reverse: Bool, limit: Double,
                visit: (UInt32, Double) -> Bool) {
        reset()
        var heap = Heap<Entry>()
        for (seed, label) in seeds {
            let v = Int(seed.node), k = seed.cost.value(metric)
            if k < key[v] || (k == key[v] && label < origin[v]) {
                if key[v] == .infinity { touched.append(seed.node) }
                key[v] = k
                other[v] = metric == .distance ? seed.cost.seconds : seed.cost.metres
                origin[v] = label
                heap.insert(Entry(key: k, node: seed.node))
            }
        }
        let start = reverse ? network.inStart : network.outStart
        let next = reverse ? network.inTail : network.outHead
        let segment = reverse ? network.inSegment : network.outSegment
        while let top = heap.popMin() {
            let u = Int(top.node)
            guard top.key == key[u] else { continue }
            guard top.key <= limit, visit(top.node, top.key) else { return }
            for arc in Int(start[u])..<Int(start[u + 1]) {
                let v = Int(next[arc])
                let (k, o) = arcCost(Int(segment[arc]), metric)
                let candidate = top.key + k
                if candidate < key[v] {
                    if key[v] == .infinity { touched.append(next[arc]) }
                    key[v] = candidate
                    other[v] = other[u] + o
                    origin[v] = origin[u]
                    heap.insert(Entry(key: candidate, node: next[arc]))
                }
            }
        }
    }

    /// The cost pair at a settled node.
    func cost(at v: Int, _ metric: RoadMetric) -> RoadCost {
        metric == .distance ? RoadCost(metres: key[v], seconds: other[v]) : RoadCost(metres: other[v], seconds: key[v])
    }
}
