import GeoTypes

extension GeodesicIndex {
    /// The ECEF box of a cell's query points, in double precision (their exact ECEF values lie inside).
    ///
    /// Every distance below is computed with the same operations, in the same order, as the chord
    /// `dx*dx + dy*dy + dz*dz` of the search, term by term no larger (min) or no smaller (max) than
    /// that of any point inside the box; since rounding is monotone, the computed bounds hold for
    /// the computed chords too, not only for the exact ones.
    struct CellBox {
        var minX = Double.infinity, minY = Double.infinity, minZ = Double.infinity
        var maxX = -Double.infinity, maxY = -Double.infinity, maxZ = -Double.infinity

        @inline(__always)
        mutating func extend(_ x: Double, _ y: Double, _ z: Double) {
            minX = min(minX, x); maxX = max(maxX, x)
            minY = min(minY, y); maxY = max(maxY, y)
            minZ = min(minZ, z); maxZ = max(maxZ, z)
        }

        /// Squared chord lower bound from any point in this box to `p`.
        @inline(__always)
        func minDistanceSquared(_ p: ECEFPoint) -> Double {
            let dx = max(minX - p.x, 0, p.x - maxX)
            let dy = max(minY - p.y, 0, p.y - maxY)
            let dz = max(minZ - p.z, 0, p.z - maxZ)
            return dx * dx + dy * dy + dz * dz
        }

        /// Squared chord upper bound from any point in this box to `p`.
        @inline(__always)
        func maxDistanceSquared(_ p: ECEFPoint) -> Double {
            let dx = max(abs(p.x - minX), abs(p.x - maxX))
            let dy = max(abs(p.y - minY), abs(p.y - maxY))
            let dz = max(abs(p.z - minZ), abs(p.z - maxZ))
            return dx * dx + dy * dy + dz * dz
        }

        /// Squared lower bound of the chord between any point in this box and any point in `b`.
        @inline(__always)
        func distanceSquared(_ b: Box) -> Double {
            let dx = max(Double(b.minX) - maxX, 0, minX - Double(b.maxX))
            let dy = max(Double(b.minY) - maxY, 0, minY - Double(b.maxY))
            let dz = max(Double(b.minZ) - maxZ, 0, minZ - Double(b.maxZ))
            return dx * dx + dy * dy + dz * dz
        }
    }

    /// A longitude/latitude grid over the query points; cells only group nearby points (any
    /// grouping is correct, a tight one is fast).
    struct BatchGrid {
        let latMin: Double, lonMin: Double
        let latStep: Double, lonStep: Double
        let rows: Int, cols: Int

        /// Cells of `latStep` × 2·`latStep` degrees, doubled until there are at most `maxCells`.
        init(latMin: Double, latMax: Double, lonMin: Double, lonMax: Double, latStep: Double, maxCells: Int) {
            var step = latStep
            var rows = 1, cols = 1
            while true {
                rows = Int((latMax - latMin) / step) + 1
                cols = Int((lonMax - lonMin) / (2 * step)) + 1
                if rows * cols <= maxCells { break }
                step *= 2
            }
            self.latMin = latMin
            self.lonMin = lonMin
            self.latStep = step
            self.lonStep = 2 * step
            self.rows = rows
            self.cols = cols
        }

        @inline(__always)
        func cell(lon: Double, lat: Double) -> Int {
            let r = min(rows - 1, Int((lat - latMin) / latStep))
            let c = min(cols - 1, Int((lon - lonMin) / lonStep))
            return r * cols + c
        }

        /// The usable points sorted by cell (counting sort, stable).
        struct Sorted {
            /// Original position of each sorted point.
            var order: [Int32]
            var lon: [Double]
            var lat: [Double]
            /// Per cell, where its run starts in the sorted arrays (plus the end).
            var starts: [Int32]
        }

        /// Counting sort of the points passing `usable` by cell, with their coordinates copied in
        /// that order.
        func bucket(lons: UnsafeBufferPointer<Double>, lats: UnsafeBufferPointer<Double>,
                    usable: (Double, Double) -> Bool) -> Sorted {
            let cells = rows * cols
            var starts = [Int32](repeating: 0, count: cells + 1)
            for j in 0 ..< lons.count where usable(lons[j], lats[j]) {
                starts[cell(lon: lons[j], lat: lats[j]) + 1] += 1
            }
            for c in 0 ..< cells { starts[c + 1] += starts[c] }
            var next = starts
            let m = Int(starts[cells])
            var sorted = Sorted(order: [Int32](repeating: 0, count: m), lon: [Double](repeating: 0, count: m),
                                lat: [Double](repeating: 0, count: m), starts: starts)
            sorted.order.withUnsafeMutableBufferPointer { order in
            sorted.lon.withUnsafeMutableBufferPointer { lon in
            sorted.lat.withUnsafeMutableBufferPointer { lat in
            next.withUnsafeMutableBufferPointer { next in
                for j in 0 ..< lons.count where usable(lons[j], lats[j]) {
                    let c = cell(lon: lons[j], lat: lats[j])
                    let slot = Int(next[c])
                    order[slot] = Int32(j)
                    lon[slot] = lons[j]
                    lat[slot] = lats[j]
                    next[c] += 1
                }
            }}}}
            return sorted
        }
    }

    /// Per-cell working memory, sized for every indexed point once and reused.
    struct BatchScratch {
        var count = 0
        let positions: UnsafeMutableBufferPointer<Int32>
        let minChord2: UnsafeMutableBufferPointer<Double>
        let x: UnsafeMutableBufferPointer<Double>
        let y: UnsafeMutableBufferPointer<Double>
        let z: UnsafeMutableBufferPointer<Double>
        let chord2: UnsafeMutableBufferPointer<Double>
        let entries: UnsafeMutableBufferPointer<RefineEntry>

        init(capacity: Int) {
            let c = max(1, capacity)
            positions = .allocate(capacity: c)
            minChord2 = .allocate(capacity: c)
            x = .allocate(capacity: c)
            y = .allocate(capacity: c)
            z = .allocate(capacity: c)
            chord2 = .allocate(capacity: c)
            entries = .allocate(capacity: c)
        }

        func deallocate() {
            positions.deallocate(); minChord2.deallocate()
            x.deallocate(); y.deallocate(); z.deallocate()
            chord2.deallocate(); entries.deallocate()
        }

        @inline(__always)
        mutating func append(_ position: Int32, _ m2: Double) {
            positions[count] = position
            minChord2[count] = m2
            count += 1
        }

        /// Drops candidates whose lower bound exceeds the final threshold.
        mutating func keep(within t2: Double) {
            var n = 0
            for k in 0 ..< count where minChord2[k] <= t2 {
                positions[n] = positions[k]
                minChord2[n] = minChord2[k]
                n += 1
            }
            count = n
        }

        /// Copies the candidates' ECEF positions next to each other for the per-point loop.
        func loadCandidates(_ s: Storage) {
            for k in 0 ..< count {
                let p = s.points[Int(positions[k])]
                x[k] = p.x
                y[k] = p.y
                z[k] = p.z
            }
        }
    }
}
