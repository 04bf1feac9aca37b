public import GeoTypes

extension EdgeSnapper {
    /// Below this many points batch work keeps the given order (sorting would cost more than the
    /// cache misses it saves).
    static let spatialOrderMinimum = 4_096

    /// The indices of `points` along a Hilbert curve over the snap grid's cells (points outside
    /// the grid at its nearest edge cell; equal keys in index order), or the identity below
    /// ``spatialOrderMinimum`` points.
    ///
    /// Batch snapping visits the points in this order so that neighbouring points, which read the
    /// same cells, segments and node labels, come one after another while those are in cache. Each
    /// point's answer is computed alone and written back at its own index, so the order changes
    /// the memory access pattern only, never an answer.
    /// - Complexity: O(points): a key per point and a least-significant-digit radix sort.
    public func spatialOrder(_ points: [Coordinate]) -> [UInt32] {
        let n = points.count
        guard n >= Self.spatialOrderMinimum else { return (0..<n).map { UInt32($0) } }
        // Bits per axis: enough for the grid's larger side, at most 16 (then cells are merged).
        var bits = 1
        while (1 << bits) < max(grid.columns, grid.rows) { bits += 1 }
        let shift = max(0, bits - 16)
        bits -= shift
        var keyed = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let p = points[i]
            let x = SegmentGrid.clamp(p.lon, grid.minLon, grid.cellLon, grid.columns) >> shift
            let y = SegmentGrid.clamp(p.lat, grid.minLat, grid.cellLat, grid.rows) >> shift
            keyed[i] = UInt64(Self.hilbert(x: UInt32(x), y: UInt32(y), bits: bits)) << 32 | UInt64(i)
        }
        RadixSort.byUpperHalf(&keyed, keyBits: 2 * bits)
        return keyed.map { UInt32(truncatingIfNeeded: $0) }
    }

    /// The distance along the Hilbert curve of order `bits` of cell (x, y), both below 2^bits.
    ///
    /// From the top bit down, each level's quadrant gives two digits of the distance, then the
    /// remaining bits are turned so that the curve's sub-square starts where the previous one
    /// ended: swapped when the quadrant is in the lower row, and also complemented when it is the
    /// lower right one. Swapping and complementing commute and undo themselves, so two flags hold
    /// every turn so far and each level costs a few bit operations, without branches.
    static func hilbert(x: UInt32, y: UInt32, bits: Int) -> UInt32 {
        var d: UInt32 = 0, swapped: UInt32 = 0, complemented: UInt32 = 0
        var level = bits
        while level > 0 {
            level -= 1
            var rx = (x >> UInt32(level)) & 1, ry = (y >> UInt32(level)) & 1
            let t = (rx ^ ry) & swapped
            rx ^= t ^ complemented
            ry ^= t ^ complemented
            d = d << 2 | ((3 &* rx) ^ ry)
            let lowerRow = ry ^ 1
            swapped ^= lowerRow
            complemented ^= lowerRow & rx
        }
        return d
    }
}
