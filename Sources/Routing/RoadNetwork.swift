public import GeoTypes

/// One mode's road network: the kept (largest strongly connected, for walk largest connected) part
/// of the usable ways, as nodes, segments and two CSR adjacency arrays with 32-bit ids.
///
/// A *segment* joins two consecutive nodes of a way; its length is the WGS84 geodesic between them.
/// Each open direction of a segment is an *arc* in the forward CSR (out-arcs by tail) and in the
/// reverse CSR (in-arcs by head). Snapping works on segments; searches work on arcs.
public struct RoadNetwork: Sendable {
    /// The mode whose profile built the network.
    public let mode: TravelMode
    /// Node positions, index = node id.
    public internal(set) var coordinates: [Coordinate]
    /// Segment end nodes (`from` is the earlier node of the way).
    public internal(set) var segmentFrom: [UInt32]
    public internal(set) var segmentTo: [UInt32]
    /// Segment lengths, metres (exact geodesic).
    public internal(set) var segmentMetres: [Double]
    /// Segment speeds, metres per second.
    public internal(set) var segmentSpeed: [Double]
    /// Bit 0: from→to open; bit 1: to→from open.
    public internal(set) var segmentDirections: [UInt8]

    /// Forward CSR: out-arcs of node u are `outStart[u]..<outStart[u+1]`.
    public internal(set) var outStart: [UInt32] = []
    public internal(set) var outHead: [UInt32] = []
    public internal(set) var outSegment: [UInt32] = []
    /// Reverse CSR: in-arcs of node v are `inStart[v]..<inStart[v+1]`, `inTail` their tails.
    public internal(set) var inStart: [UInt32] = []
    public internal(set) var inTail: [UInt32] = []
    public internal(set) var inSegment: [UInt32] = []

    public var nodeCount: Int { coordinates.count }
    public var segmentCount: Int { segmentFrom.count }
    public var arcCount: Int { outHead.count }

    /// Builds a network from parts already filtered to one component; derives both CSR arrays.
    public init(mode: TravelMode, coordinates: [Coordinate], segmentFrom: [UInt32], segmentTo: [UInt32],
                segmentMetres: [Double], segmentSpeed: [Double], segmentDirections: [UInt8]) {
        self.mode = mode
        self.coordinates = coordinates
        self.segmentFrom = segmentFrom
        self.segmentTo = segmentTo
        self.segmentMetres = segmentMetres
        self.segmentSpeed = segmentSpeed
        self.segmentDirections = segmentDirections
        (outStart, outHead, outSegment) = Self.csr(nodeCount: coordinates.count, segmentFrom, segmentTo, segmentDirections, reverse: false)
        (inStart, inTail, inSegment) = Self.csr(nodeCount: coordinates.count, segmentFrom, segmentTo, segmentDirections, reverse: true)
    }

    /// Whether the segment may be travelled from its `from` node toward its `to` node.
    @inlinable public func opensForward(_ segment: Int) -> Bool { segmentDirections[segment] & 1 != 0 }
    /// Whether the segment may be travelled from its `to` node toward its `from` node.
    @inlinable public func opensBackward(_ segment: Int) -> Bool { segmentDirections[segment] & 2 != 0 }

    /// The cost of travelling `metres` along `segment` in `metric`.
    @inlinable public func cost(metres: Double, on segment: Int, _ metric: RoadMetric) -> Double {
        metric == .distance ? metres : metres / segmentSpeed[segment]
    }

    /// The cost of a straight leg of `metres` (walked at 5 km/h in every mode).
    @inlinable public static func legCost(metres: Double, _ metric: RoadMetric) -> Double {
        metric == .distance ? metres : metres / TravelMode.legSpeed
    }

    /// Counting-sort CSR over the open directions of the segments.
    static func csr(nodeCount: Int, _ from: [UInt32], _ to: [UInt32], _ directions: [UInt8], reverse: Bool)
        -> ([UInt32], [UInt32], [UInt32]) {
        var start = [UInt32](repeating: 0, count: nodeCount + 1)
        func arcs(_ body: (UInt32, UInt32, UInt32) -> Void) {
            for s in 0..<from.count {
                let (a, b) = (from[s], to[s])
                if directions[s] & 1 != 0 { reverse ? body(b, a, UInt32(s)) : body(a, b, UInt32(s)) }
                if directions[s] & 2 != 0 { reverse ? body(a, b, UInt32(s)) : body(b, a, UInt32(s)) }
            }
        }
        arcs { key, _, _ in start[Int(key) + 1] += 1 }
        for i in 0..<nodeCount { start[i + 1] += start[i] }
        let total = Int(start[nodeCount])
        var other = [UInt32](repeating: 0, count: total), segment = [UInt32](repeating: 0, count: total)
        var fill = start
        arcs { key, value, s in
            let slot = Int(fill[Int(key)])
            other[slot] = value
            segment[slot] = s
            fill[Int(key)] += 1
        }
        return (start, other, segment)
    }
}
