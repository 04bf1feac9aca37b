public import GeoTypes

/// An in-memory index for exact geodesic k-nearest and within-radius queries on WGS84.
///
/// A static k-d tree over earth-centred (ECEF) coordinates. Queries search it by chord (straight-line)
/// distance, which is a proven lower bound of the geodesic distance (see `ChordBound`), and measure
/// only the candidates that can still matter: with the short-line series of ``ShortGeodesic`` (within
/// 1e-5 m of Karney's distance, for chords up to 100 km) and with Karney's algorithm wherever two
/// candidates (or a candidate and the radius) are closer than that error allows to decide. So the
/// answers are exactly those of a brute-force Karney scan: the same neighbours, sorted by (distance,
/// rank), none missed or misordered; each reported distance is Karney's or within 1e-5 m of it.
/// Correct everywhere: ECEF has no antimeridian or polar seams.
///
/// Points are identified by rank: point `i` of the array passed to ``init(points:attributes:)`` has
/// rank `i`. The caller sorts its facilities by id first, so a smaller rank is a smaller id and wins
/// ties in distance.
///
/// Filters run inside the search: an optional 64-bit attribute mask per point (with per-node OR
/// summaries that skip subtrees holding no match) and an arbitrary predicate on the rank.
///
/// ```swift
/// let index = GeodesicIndex(points: coordinates, attributes: masks)
/// let five = index.nearest(to: nibe, k: 5, within: 10_000, requiring: villageHall | wheelchair)
/// ```
public struct GeodesicIndex: Sendable {
    /// Points per leaf, at most.
    static let leafSize = 32

    /// Number of points.
    public let count: Int
    /// Per point, in tree order, split by use so that a leaf scan touches only what it needs: ECEF
    /// positions (chord search and series), attribute masks (filters), coordinate and rank (answers
    /// and Karney); 56 bytes per point in all, a leaf being one contiguous run in each array. Per node
    /// of the implicit tree (children of i are 2i+1 and 2i+2): ECEF box and OR of masks. See ``Memory``.
    let memory: Memory
    /// Number of levels below the root; nodes on the last level are leaves.
    let depth: Int

    /// Coordinate and rank of one indexed point (24 bytes).
    struct Record: Sendable {
        var lon: Double, lat: Double
        var rank: Int32

        var coordinate: Coordinate { Coordinate(lon: lon, lat: lat) }
    }

    /// An axis-aligned box in ECEF metres, stored in single precision rounded outwards (so it still
    /// contains every point of its subtree exactly).
    struct Box: Sendable {
        var minX = Float.infinity, minY = Float.infinity, minZ = Float.infinity
        var maxX = -Float.infinity, maxY = -Float.infinity, maxZ = -Float.infinity

        /// Squared Euclidean distance from a point to the box (0 inside).
        @inline(__always)
        func distanceSquared(_ x: Double, _ y: Double, _ z: Double) -> Double {
            let dx = max(Double(minX) - x, 0, x - Double(maxX))
            let dy = max(Double(minY) - y, 0, y - Double(maxY))
            let dz = max(Double(minZ) - z, 0, z - Double(maxZ))
            return dx * dx + dy * dy + dz * dz
        }

        /// Grows the box to contain a point, rounding the bounds outwards to Float.
        @inline(__always)
        mutating func extend(_ x: Double, _ y: Double, _ z: Double) {
            minX = min(minX, Self.down(x)); maxX = max(maxX, Self.up(x))
            minY = min(minY, Self.down(y)); maxY = max(maxY, Self.up(y))
            minZ = min(minZ, Self.down(z)); maxZ = max(maxZ, Self.up(z))
        }

        @inline(__always)
        static func down(_ v: Double) -> Float {
            let f = Float(v)
            return Double(f) > v ? f.nextDown : f
        }

        @inline(__always)
        static func up(_ v: Double) -> Float {
            let f = Float(v)
            return Double(f) < v ? f.nextUp : f
        }
    }

    /// Builds the index.
    /// - Parameters:
    ///   - points: the points; point `i` gets rank `i`. Latitudes must lie in -90...90.
    ///   - attributes: optional attribute bit mask per point (same count as `points`), used by the
    ///     `requiring:` filters; without it every point has mask 0.
    /// - Complexity: O(n log n) time, about 58 bytes per point (56 per point, 2 per point for nodes).
    public init(points: [Coordinate], attributes: [UInt64]? = nil) {
        self.init(points: points, attributes: attributes, parallelFrom: Self.parallelBuildMinimum)
    }

    /// The index of `points`, the root's halves built on two threads from `parallelFrom` points.
    init(points: [Coordinate], attributes: [UInt64]?, parallelFrom: Int) {
        precondition(attributes == nil || attributes!.count == points.count,
                     "GeodesicIndex: \(attributes?.count ?? 0) attribute masks for \(points.count) points")
        precondition(points.count < Int(Int32.max), "GeodesicIndex: too many points for Int32 ranks")
        let n = points.count
        count = n
        var depth = 0
        while (n >> depth) > Self.leafSize { depth += 1 }
        self.depth = depth

        var build = [BuildPoint]()
        build.reserveCapacity(n)
        for (i, p) in points.enumerated() {
            let e = ChordBound.ecef(p)
            build.append(BuildPoint(x: e.x, y: e.y, z: e.z, rank: Int32(i)))
        }
        let nodeCount = (1 << (depth + 1)) - 1
        var boxes = [Box](repeating: Box(), count: nodeCount)
        build.withUnsafeMutableBufferPointer { buffer in
            boxes.withUnsafeMutableBufferPointer { boxBuffer in
                Self.partition(buffer, boxes: boxBuffer, node: 0, lo: 0, hi: n, level: 0, depth: depth, parallelFrom: parallelFrom)
            }
        }
        let memory = Memory(count: n, nodeCount: nodeCount)
        for (i, b) in build.enumerated() {
            let c = points[Int(b.rank)]
            memory.points[i] = ECEFPoint(x: b.x, y: b.y, z: b.z)
            memory.masks[i] = attributes?[Int(b.rank)] ?? 0
            memory.records[i] = Record(lon: c.lon, lat: c.lat, rank: b.rank)
        }
        var nodeMasks = [UInt64](repeating: 0, count: nodeCount)
        Self.summariseMasks(UnsafeBufferPointer(start: memory.masks, count: n), into: &nodeMasks,
                            node: 0, lo: 0, hi: n, level: 0, depth: depth)
        for j in 0..<nodeCount { memory.nodes[j] = Node(box: boxes[j], mask: nodeMasks[j]) }
        self.memory = memory
    }

    /// Bytes held by the index (arrays only), for benchmarks.
    public var memoryFootprint: Int {
        memory.byteCount
    }
}
