import GeoTypes

extension GeodesicIndex {
    /// Names the packed layout written by ``packed(pointsPerPart:)``. Packed indexes of another
    /// layout are refused by ``PackedLoader``.
    public static let packedLayoutVersion = "geodesic-index/1 leaf\(leafSize) node\(MemoryLayout<Node>.stride)"

    private static let magic: UInt32 = 0x3158_4947 // "GIX1", little-endian
    private static let headerFixedSize = 40
    /// Bytes per point in a data part: ECEF (24), mask (8), lon (8), lat (8), rank (4).
    public static let packedBytesPerPoint = 52

    /// The index as byte blobs that ``PackedLoader`` turns back into the same index (same tree, same
    /// answers), without sorting or measuring anything again.
    ///
    /// The first blob is the header (sizes and every node: boxes and mask summaries); each further
    /// blob holds the points of `pointsPerPart` consecutive tree positions (ECEF positions, masks,
    /// coordinates and ranks, each as one run). Little-endian, as the machines Overblik runs on.
    /// - Parameter pointsPerPart: points per data blob (at least 1).
    /// - Complexity: O(n), about 52 bytes per point plus 32 per node.
    public func packed(pointsPerPart: Int) -> [[UInt8]] {
        precondition(pointsPerPart > 0)
        var parts: [[UInt8]] = []
        let nodeCount = memory.nodeCount
        var header: [UInt8] = []
        header.reserveCapacity(Self.headerFixedSize + nodeCount * MemoryLayout<Node>.stride)
        Self.append(Self.magic, to: &header)
        Self.append(UInt32(MemoryLayout<Node>.stride), to: &header)
        Self.append(UInt64(count), to: &header)
        Self.append(UInt64(nodeCount), to: &header)
        Self.append(UInt32(depth), to: &header)
        Self.append(UInt32(pointsPerPart), to: &header)
        Self.append(UInt64((count + pointsPerPart - 1) / pointsPerPart), to: &header)
        header.append(contentsOf: UnsafeRawBufferPointer(start: memory.nodes, count: nodeCount * MemoryLayout<Node>.stride))
        parts.append(header)
        var start = 0
        while start < count {
            let end = min(count, start + pointsPerPart)
            let m = end - start
            var part: [UInt8] = []
            part.reserveCapacity(m * Self.packedBytesPerPoint)
            part.append(contentsOf: UnsafeRawBufferPointer(start: memory.points + start, count: m * MemoryLayout<ECEFPoint>.stride))
            part.append(contentsOf: UnsafeRawBufferPointer(start: memory.masks + start, count: m * 8))
            for i in start..<end { Self.append(memory.records[i].lon.bitPattern, to: &part) }
            for i in start..<end { Self.append(memory.records[i].lat.bitPattern, to: &part) }
            for i in start..<end { Self.append(UInt32(bitPattern: memory.records[i].rank), to: &part) }
            parts.append(part)
            start = end
        }
        return parts
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Rebuilds a ``GeodesicIndex`` from the blobs of ``packed(pointsPerPart:)``, given one at a time
    /// in order. Every size is checked and every rank must lie in range, so damaged blobs give nil,
    /// never a crash.
    ///
    /// ```swift
    /// guard var loader = GeodesicIndex.PackedLoader(header: blobs[0]) else { ... }
    /// for blob in blobs.dropFirst() { guard loader.add(blob) else { ... } }
    /// let index = loader.finish()
    /// ```
    public struct PackedLoader {
        let memory: Memory
        /// Points, and points per data part (the last part holds the rest).
        public let count: Int
        let depth: Int
        public let pointsPerPart: Int
        /// Data parts expected and read so far.
        public let partCount: Int
        public private(set) var partsRead = 0
        private var failed = false

        /// Reads the header blob; nil when it is not a packed index of this layout.
        public init?(header raw: UnsafeRawBufferPointer) {
            guard raw.count >= GeodesicIndex.headerFixedSize else { return nil }
            func u32(_ o: Int) -> Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt32.self))) }
            func u64(_ o: Int) -> Int? { Int(exactly: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self))) }
            guard UInt32(u32(0)) == GeodesicIndex.magic, u32(4) == MemoryLayout<Node>.stride,
                  let count = u64(8), let nodeCount = u64(16), let parts = u64(32) else { return nil }
            let depth = u32(24), perPart = u32(28)
            guard count < Int(Int32.max), depth < 40, perPart > 0 else { return nil }
            var expectedDepth = 0
            while (count >> expectedDepth) > GeodesicIndex.leafSize { expectedDepth += 1 }
            guard depth == expectedDepth, nodeCount == (1 << (depth + 1)) - 1,
                  parts == (count + perPart - 1) / perPart,
                  raw.count == GeodesicIndex.headerFixedSize + nodeCount * MemoryLayout<Node>.stride else { return nil }
            // No huge pages: a paged index touches only the parts its questions reach.
            memory = Memory(count: count, nodeCount: nodeCount, hugePages: false)
            UnsafeMutableRawPointer(memory.nodes).copyMemory(from: raw.baseAddress! + GeodesicIndex.headerFixedSize,
                                                             byteCount: nodeCount * MemoryLayout<Node>.stride)
            self.count = count
            self.depth = depth
            pointsPerPart = perPart
            partCount = parts
        }

        /// Copies the next data blob in; false (and the loader is then spent) when it does not fit.
        public mutating func add(_ raw: UnsafeRawBufferPointer) -> Bool {
            guard !failed, partsRead < partCount else { failed = true; return false }
            let start = partsRead * pointsPerPart
            guard Self.fill(memory, start: start, end: min(count, start + pointsPerPart), from: raw) else {
                failed = true
                return false
            }
            partsRead += 1
            return true
        }

        /// Copies the data blob of tree positions `start..<end` into `memory`; false when its size does
        /// not fit or a rank lies out of range (the positions are then partly written).
        static func fill(_ memory: Memory, start: Int, end: Int, from raw: UnsafeRawBufferPointer) -> Bool {
            let m = end - start
            guard raw.count == m * GeodesicIndex.packedBytesPerPoint, let base = raw.baseAddress else { return false }
            UnsafeMutableRawPointer(memory.points + start).copyMemory(from: base, byteCount: m * 24)
            UnsafeMutableRawPointer(memory.masks + start).copyMemory(from: base + m * 24, byteCount: m * 8)
            let lons = m * 32, lats = m * 40, ranks = m * 48
            for j in 0..<m {
                let rank = Int32(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: ranks + 4 * j, as: UInt32.self)))
                guard rank >= 0, Int(rank) < memory.count else { return false }
                memory.records[start + j] = Record(
                    lon: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: lons + 8 * j, as: UInt64.self))),
                    lat: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: lats + 8 * j, as: UInt64.self))),
                    rank: rank)
            }
            return true
        }

        /// The index, when every data blob was added and fitted.
        public func finish() -> GeodesicIndex? {
            guard !failed, partsRead == partCount else { return nil }
            return GeodesicIndex(memory: memory, count: count, depth: depth)
        }
    }

    /// Wraps loaded arrays.
    init(memory: Memory, count: Int, depth: Int) {
        self.memory = memory
        self.count = count
        self.depth = depth
    }
}
