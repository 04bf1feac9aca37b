import CPrefetch
import GeoTypes

extension GeodesicIndex {
    /// Unsafe views of the index arrays for the inner loops.
    struct Storage {
        let points: UnsafeBufferPointer<ECEFPoint>
        let masks: UnsafeBufferPointer<UInt64>
        let records: UnsafeBufferPointer<Record>
        /// Node j at nodes[j].
        let nodes: UnsafePointer<Node>
        let count: Int
        let depth: Int
        /// Reads data parts on first use (nil when every point is in memory).
        let pager: Pager?

        @inline(__always)
        func chord2(_ i: Int, _ q: (x: Double, y: Double, z: Double)) -> Double {
            let r = points[i]
            let dx = r.x - q.x, dy = r.y - q.y, dz = r.z - q.z
            return dx * dx + dy * dy + dz * dz
        }

        /// Depth-first search (nearer child first) for the k matching points of smallest chord with
        /// squared chord at most `bound2`.
        @inline(__always)
        func chordNearest<F: RankFilter>(_ q: (x: Double, y: Double, z: Double), k: Int, bound2: Double, required: UInt64,
                                         accept: F, into list: inout CandidateList) {
            // Stack of (node, lo, hi, level, squared box distance); depth <= 40 levels, two entries each.
            withUnsafeTemporaryAllocation(of: StackEntry.self, capacity: 2 * depth + 4) { stack in
                var top = 0
                stack[0] = StackEntry(node: 0, lo: 0, hi: Int32(count), level: 0, dist2: nodes[0].box.distanceSquared(q.x, q.y, q.z))
                top = 1
                while top > 0 {
                    top -= 1
                    let e = stack[top]
                    if e.dist2 > bound2 || e.dist2 > list.threshold {
                        list.unexplored2 = min(list.unexplored2, e.dist2)
                        continue
                    }
                    let node = Int(e.node), lo = Int(e.lo), hi = Int(e.hi)
                    if Int(e.level) == depth {
                        pager?.ensure(lo, hi)
                        for i in lo..<hi where required == 0 || masks[i] & required == required {
                            let c2 = chord2(i, q)
                            if c2 <= bound2 && c2 < list.threshold {
                                if accept.accepts(records[i].rank) { list.offer(c2, Int32(i)) }
                            } else {
                                list.unexplored2 = min(list.unexplored2, c2)
                            }
                        }
                        continue
                    }
                    let mid = lo + (hi - lo) / 2
                    let left = 2 * node + 1, right = left + 1
                    let ln = nodes[left], rn = nodes[right]
                    let dl = ln.mask & required == required && mid > lo ? ln.box.distanceSquared(q.x, q.y, q.z) : .infinity
                    let dr = rn.mask & required == required && hi > mid ? rn.box.distanceSquared(q.x, q.y, q.z) : .infinity
                    let l = StackEntry(node: Int32(left), lo: Int32(lo), hi: Int32(mid), level: e.level + 1, dist2: dl)
                    let r = StackEntry(node: Int32(right), lo: Int32(mid), hi: Int32(hi), level: e.level + 1, dist2: dr)
                    // Push the farther first so the nearer is explored first; start loading what
                    // each pushed entry will read when popped.
                    if dl <= dr {
                        if dr.isFinite { stack[top] = r; top += 1; prefetch(r, required: required) }
                        if dl.isFinite { stack[top] = l; top += 1; prefetch(l, required: required) }
                    } else {
                        if dl.isFinite { stack[top] = l; top += 1; prefetch(l, required: required) }
                        if dr.isFinite { stack[top] = r; top += 1; prefetch(r, required: required) }
                    }
                }
            }
        }

        /// Hints the cache to load what visiting `e` reads first: its children's node line, or for a
        /// leaf the start of its positions (and masks when filtering).
        @inline(__always)
        func prefetch(_ e: StackEntry, required: UInt64) {
            if Int(e.level) == depth {
                overblik_prefetch(points.baseAddress! + Int(e.lo))
                if required != 0 { overblik_prefetch(masks.baseAddress! + Int(e.lo)) }
            } else {
                overblik_prefetch(nodes + (2 * Int(e.node) + 1))
            }
        }

        /// Calls `body(position, squaredChord)` for every point with matching mask and squared chord at
        /// most `radius2`.
        @inline(__always)
        func forEachInBall(_ q: (x: Double, y: Double, z: Double), radius2: Double, required: UInt64,
                           _ body: (Int, Double) -> Void) {
            withUnsafeTemporaryAllocation(of: StackEntry.self, capacity: depth + 2) { stack in
                stack[0] = StackEntry(node: 0, lo: 0, hi: Int32(count), level: 0, dist2: 0)
                var top = 1
                while top > 0 {
                    top -= 1
                    let e = stack[top]
                    let node = Int(e.node), lo = Int(e.lo), hi = Int(e.hi)
                    guard hi > lo, nodes[node].mask & required == required,
                          nodes[node].box.distanceSquared(q.x, q.y, q.z) <= radius2 else { continue }
                    if Int(e.level) == depth {
                        pager?.ensure(lo, hi)
                        for i in lo..<hi where required == 0 || masks[i] & required == required {
                            let c2 = chord2(i, q)
                            if c2 <= radius2 { body(i, c2) }
                        }
                        continue
                    }
                    let mid = lo + (hi - lo) / 2
                    stack[top] = StackEntry(node: Int32(2 * node + 2), lo: Int32(mid), hi: Int32(hi), level: e.level + 1, dist2: 0)
                    stack[top + 1] = StackEntry(node: Int32(2 * node + 1), lo: Int32(lo), hi: Int32(mid), level: e.level + 1, dist2: 0)
                    top += 2
                }
            }
        }
    }

    struct StackEntry {
        var node: Int32, lo: Int32, hi: Int32, level: Int32
        var dist2: Double
    }

    /// Runs `body` with unsafe views of the arrays (no bounds checks or reference counting inside).
    @inline(__always)
    func withStorage<R>(_ body: (Storage) throws -> R) rethrows -> R {
        try withExtendedLifetime(memory) {
            try body(Storage(points: UnsafeBufferPointer(start: memory.points, count: count),
                             masks: UnsafeBufferPointer(start: memory.masks, count: count),
                             records: UnsafeBufferPointer(start: memory.records, count: count),
                             nodes: UnsafePointer(memory.nodes), count: count, depth: depth, pager: memory.pager))
        }
    }
}
