import GeoTypes

/// One arc of a ``LabelGraph``: its head (the node it leads to in the search's direction, in the
/// graph's numbering; bit 31 set on the last arc of its node), its cost in the search's metric and
/// in the other unit, and the head's first arc (`.max`: none), side by side, so that relaxing it
/// reads one place in memory and the heap entry it makes knows where the head's arcs are.
struct LabelArc {
    var key: Double
    var other: Double
    var head: UInt32
    var first: UInt32

    /// The flag on ``head`` of a node's last arc.
    static let lastOfNode: UInt32 = 1 << 31
}

/// A network's arcs laid out for the whole-network labelling search in one metric and direction.
///
/// - The nodes are renumbered along a Hilbert curve over their coordinates (``order``: the
///   network's node at each position; ``rank``: each network node's position), so that nodes near
///   each other on the map, which a search front reaches one after another, are near each other in
///   memory: their keys share cache lines.
/// - Per arc a ``LabelArc`` (head, both costs and the head's first arc, 24 bytes) instead of three
///   separate arrays, so that an arc's relaxation touches one cache line, and a node's arcs are
///   found from its heap entry (no offsets array on the way) and can be fetched ahead.
///
/// The arcs of each node keep the network's CSR order and the costs are those of
/// ``RoadRouter/costs(metric:reverse:)``, bit for bit (the same division); a search on this graph
/// that breaks ties by ``order`` (the network's ids) settles the nodes in the same order as one on
/// the network.
struct LabelGraph {
    /// The network's node at each position of the graph.
    let order: [UInt32]
    /// Each network node's position in the graph.
    let rank: [UInt32]
    /// Arcs of the graph's node u are `start[u]..<start[u + 1]`.
    let start: [UInt32]
    let arcs: [LabelArc]

    /// The out-arcs (`reverse`: the in-arcs, leading to their tails) of `network` with their costs
    /// in `metric`, on the nodes renumbered by `order` (see ``localityOrder(_:)``).
    /// - Complexity: O(nodes + arcs).
    init(network: RoadNetwork, metric: RoadMetric, reverse: Bool, order: (order: [UInt32], rank: [UInt32])) {
        precondition(network.nodeCount < Int(LabelArc.lastOfNode), "a labelling graph holds fewer than 2^31 nodes")
        (self.order, self.rank) = order
        let n = network.nodeCount
        let segment = reverse ? network.inSegment : network.outSegment
        let next = reverse ? network.inTail : network.outHead
        let oldStart = reverse ? network.inStart : network.outStart
        let metres = network.segmentMetres, speed = network.segmentSpeed
        let (nodeOrder, rank) = order
        var start = [UInt32](repeating: 0, count: n + 1)
        for u in 0..<n {
            let old = Int(nodeOrder[u])
            start[u + 1] = start[u] + oldStart[old + 1] - oldStart[old]
        }
        arcs = [LabelArc](unsafeUninitializedCapacity: segment.count) { buffer, count in
            for u in 0..<n {
                let old = Int(nodeOrder[u]), at = Int(start[u]) - Int(oldStart[old])
                for arc in Int(oldStart[old])..<Int(oldStart[old + 1]) {
                    let s = Int(segment[arc])
                    let m = metres[s], t = m / speed[s]
                    let (key, other) = metric == .distance ? (m, t) : (t, m)
                    let head = Int(rank[Int(next[arc])])
                    let last = arc == Int(oldStart[old + 1]) - 1 ? LabelArc.lastOfNode : 0
                    buffer.initializeElement(at: at + arc, to: LabelArc(key: key, other: other, head: UInt32(head) | last,
                                                                        first: Self.first(of: head, in: start)))
                }
            }
            count = segment.count
        }
        self.start = start
    }

    /// The first arc of the graph's node `u`, `.max` when it has none.
    func first(_ u: Int) -> UInt32 { Self.first(of: u, in: start) }

    static func first(of u: Int, in start: [UInt32]) -> UInt32 { start[u] < start[u + 1] ? start[u] : .max }

    /// The nodes of `network` along a Hilbert curve over their coordinates (16 bits a side of the
    /// nodes' bounding box; equal cells in id order): `order` lists the node ids in that order,
    /// `rank` gives each node id's position.
    /// - Complexity: O(nodes): a key per node and a radix sort.
    static func localityOrder(_ network: RoadNetwork) -> (order: [UInt32], rank: [UInt32]) {
        let points = network.coordinates, n = points.count
        guard n > 0 else { return ([], []) }
        var (minLon, maxLon, minLat, maxLat) = (points[0].lon, points[0].lon, points[0].lat, points[0].lat)
        for p in points {
            (minLon, maxLon) = (min(minLon, p.lon), max(maxLon, p.lon))
            (minLat, maxLat) = (min(minLat, p.lat), max(maxLat, p.lat))
        }
        let bits = 16, cells = Double(1 << bits)
        func cell(_ v: Double, _ lo: Double, _ hi: Double) -> UInt32 {
            hi > lo ? UInt32(min(cells - 1, max(0, ((v - lo) / (hi - lo) * cells).rounded(.down)))) : 0
        }
        var keyed = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let h = EdgeSnapper.hilbert(x: cell(points[i].lon, minLon, maxLon), y: cell(points[i].lat, minLat, maxLat), bits: bits)
            keyed[i] = UInt64(h) << 32 | UInt64(i)
        }
        RadixSort.byUpperHalf(&keyed, keyBits: 2 * bits)
        let order = keyed.map { UInt32(truncatingIfNeeded: $0) }
        var rank = [UInt32](repeating: 0, count: n)
        for (position, node) in order.enumerated() { rank[Int(node)] = UInt32(position) }
        return (order, rank)
    }
}
