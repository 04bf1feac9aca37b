import GeoTypes

extension GeodesicIndex {
    /// One run of ``GeodesicIndex/nearestNeighbors(lons:lats:in:within:requiring:where:)`` over
    /// unsafe views: grid the query points, find each cell's candidates, answer each point from them.
    struct BatchQuery {
        let storage: Storage
        /// Per tree position: passes the attribute filter and the predicate.
        let eligible: UnsafeBufferPointer<Bool>
        let required: UInt64
        let limit: Double
        let lons: UnsafeBufferPointer<Double>
        let lats: UnsafeBufferPointer<Double>

        /// Grid step in degrees of latitude (about 280 m); longitude steps are twice as wide.
        static let latStep = 0.0025
        /// Longest U (metres) for which a cell is answered here: every chord-nearest distance is then
        /// a series value (chords under ``ShortGeodesic/maximumChord``), which the bound T needs.
        static let longestBound = 90_000.0

        /// Answers every point it can into `ranks`/`distances` (left at -1/infinity for none) and
        /// returns the positions that need the per-point search.
        func run(ranks: UnsafeMutableBufferPointer<Int32>, distances: UnsafeMutableBufferPointer<Double>) -> [Int] {
            let n = lons.count
            var fallback: [Int] = []
            var latMin = Double.infinity, latMax = -Double.infinity, lonMin = Double.infinity, lonMax = -Double.infinity
            for j in 0 ..< n {
                let lat = lats[j], lon = lons[j]
                guard abs(lat) <= 90 else { continue }                // the search answers nil
                guard Self.usable(lon: lon) else { fallback.append(j); continue }
                latMin = min(latMin, lat); latMax = max(latMax, lat)
                lonMin = min(lonMin, lon); lonMax = max(lonMax, lon)
            }
            guard latMin <= latMax else { return fallback }
            let grid = BatchGrid(latMin: latMin, latMax: latMax, lonMin: lonMin, lonMax: lonMax,
                                 latStep: Self.latStep, maxCells: max(1_024, n / 4))
            // The points in cell order, so that the loops below read memory in sequence.
            let cells = grid.bucket(lons: lons, lats: lats) { lon, lat in abs(lat) <= 90 && Self.usable(lon: lon) }
            var scratch = BatchScratch(capacity: storage.count)
            var largest = 0
            for c in 0 ..< cells.starts.count - 1 { largest = max(largest, Int(cells.starts[c + 1] - cells.starts[c])) }
            // ECEF of one cell's points at a time.
            let q = UnsafeMutableBufferPointer<ECEFPoint>.allocate(capacity: max(1, largest))
            defer { q.deallocate() }
            cells.order.withUnsafeBufferPointer { order in
            cells.lon.withUnsafeBufferPointer { lon in
            cells.lat.withUnsafeBufferPointer { lat in
                for c in 0 ..< cells.starts.count - 1 where cells.starts[c] < cells.starts[c + 1] {
                    let first = Int(cells.starts[c]), end = Int(cells.starts[c + 1])
                    var box = CellBox()
                    for k in first ..< end {
                        // ECEF exactly as the per-point search computes it.
                        let e = ECEFPoint(Coordinate(lon: lon[k], lat: lat[k]))
                        q[k - first] = e
                        box.extend(e.x, e.y, e.z)
                    }
                    let u2 = collectCandidates(box, into: &scratch)
                    if u2 > Self.longestBound * Self.longestBound && limit + ChordBound.margin > Self.longestBound {
                        for k in first ..< end { fallback.append(Int(order[k])) }
                        continue
                    }
                    scratch.loadCandidates(storage)
                    for k in first ..< end {
                        switch answer(Coordinate(lon: lon[k], lat: lat[k]), q[k - first], &scratch) {
                        case .none: break
                        case let .hit(r, d):
                            let j = Int(order[k])
                            ranks[j] = r
                            distances[j] = d
                        case .undecided: fallback.append(Int(order[k]))
                        }
                    }
                }
            }}}
            scratch.deallocate()
            return fallback
        }

        /// Longitudes the grid takes (any finite value of sane size; others go to the per-point search).
        @inline(__always)
        static func usable(lon: Double) -> Bool { abs(lon) <= 1_000 }

        enum Answer {
            case none
            case hit(Int32, Double)
            /// Two different points share the smallest chord: left to the per-point search.
            case undecided
        }

        /// The per-point search's steps 1-3 restricted to the cell's candidates.
        @inline(__always)
        func answer(_ query: Coordinate, _ q: ECEFPoint, _ s: inout BatchScratch) -> Answer {
            let m = s.count
            var best = Double.infinity, bestK = -1
            var tie = false
            for k in 0 ..< m {
                let dx = s.x[k] - q.x, dy = s.y[k] - q.y, dz = s.z[k] - q.z
                let c2 = dx * dx + dy * dy + dz * dz
                s.chord2[k] = c2
                if c2 < best {
                    best = c2
                    bestK = k
                    tie = false
                } else if c2 == best && (s.x[k] != s.x[bestK] || s.y[k] != s.y[bestK] || s.z[k] != s.z[bestK]) {
                    tie = true
                }
            }
            let limitCut = limit + ChordBound.margin
            guard bestK >= 0, best <= limitCut * limitCut else { return .none }
            if tie { return .undecided }
            let bound = ShortGeodesic.errorBound
            let first = storage.entry(Int(s.positions[bestK]), query: query, q)
            var n = 0
            var worst = -Double.infinity
            var dropped = false
            let slack = first.exact ? 0 : bound
            if first.distance - slack <= limit {
                s.entries[0] = first
                n = 1
                worst = max(worst, first.distance + slack)
            } else {
                dropped = true
            }
            let cut = (dropped ? limit : min(limit, worst)) + ChordBound.margin
            let cut2 = cut * cut
            for k in 0 ..< m where k != bestK && s.chord2[k] <= cut2 {
                let e = storage.entry(Int(s.positions[k]), query: query, q)
                guard e.distance - (e.exact ? 0 : bound) <= limit else { continue }
                s.entries[n] = e
                n += 1
            }
            let kept = storage.resolve(s.entries, count: n, keep: 1, limit: limit, query: query)
            return kept == 1 ? .hit(s.entries[0].rank, s.entries[0].distance) : .none
        }

        /// Upper bound on the per-point search radius `cut` of any point whose smallest chord is at
        /// most U (`u2` = U²), squared: S(U) + E + margin, S the series with 1/R = 1/6.3e6 m (above
        /// WGS84's largest normal curvature, 1/6 335 439 m), plus slop for rounding; never above the
        /// radius's own cut.
        @inline(__always)
        func threshold2(_ u2: Double) -> Double {
            let slop = 1e-3
            let limitT = limit + ChordBound.margin + slop
            guard u2.isFinite else { return limitT * limitT }
            let r = 6.3e6
            let u = u2 / (r * r)
            let s = u2.squareRoot() * (1 + u * (1.0 / 24 + u * (3.0 / 640))) * (1 + 1e-12)
            let t = min(s + ShortGeodesic.errorBound + ChordBound.margin + slop, limitT)
            return t * t
        }

        /// Fills `scratch` with every eligible point p with minChord(box, p) ≤ T(U), U the smallest
        /// maxChord(box, g) over eligible g; returns U².
        func collectCandidates(_ box: CellBox, into scratch: inout BatchScratch) -> Double {
            scratch.count = 0
            var u2 = Double.infinity
            var t2 = threshold2(u2)
            let s = storage
            withUnsafeTemporaryAllocation(of: StackEntry.self, capacity: 2 * s.depth + 4) { stack in
                stack[0] = StackEntry(node: 0, lo: 0, hi: Int32(s.count), level: 0, dist2: box.distanceSquared(s.nodes[0].box))
                var top = 1
                while top > 0 {
                    top -= 1
                    let e = stack[top]
                    guard e.dist2 <= t2 else { continue }
                    let node = Int(e.node), lo = Int(e.lo), hi = Int(e.hi)
                    if Int(e.level) == s.depth {
                        for i in lo ..< hi where eligible[i] {
                            let p = s.points[i]
                            let m2 = box.minDistanceSquared(p)
                            guard m2 <= t2 else { continue }
                            let big2 = box.maxDistanceSquared(p)
                            if big2 < u2 {
                                u2 = big2
                                t2 = threshold2(u2)
                            }
                            scratch.append(Int32(i), m2)
                        }
                        continue
                    }
                    let mid = lo + (hi - lo) / 2
                    let left = 2 * node + 1, right = left + 1
                    let ln = s.nodes[left], rn = s.nodes[right]
                    let dl = ln.mask & required == required && mid > lo ? box.distanceSquared(ln.box) : .infinity
                    let dr = rn.mask & required == required && hi > mid ? box.distanceSquared(rn.box) : .infinity
                    let l = StackEntry(node: Int32(left), lo: Int32(lo), hi: Int32(mid), level: e.level + 1, dist2: dl)
                    let r = StackEntry(node: Int32(right), lo: Int32(mid), hi: Int32(hi), level: e.level + 1, dist2: dr)
                    if dl <= dr {
                        if dr.isFinite { stack[top] = r; top += 1 }
                        if dl.isFinite { stack[top] = l; top += 1 }
                    } else {
                        if dl.isFinite { stack[top] = l; top += 1 }
                        if dr.isFinite { stack[top] = r; top += 1 }
                    }
                }
            }
            scratch.keep(within: t2)
            return u2
        }
    }
}
