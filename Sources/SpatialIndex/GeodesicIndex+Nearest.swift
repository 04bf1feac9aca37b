import GeoTypes
import HeapModule

extension GeodesicIndex {
    /// A node or point waiting in the best-first queue, keyed by its chord lower bound (metres).
    struct QueueEntry: Comparable {
        var bound: Double
        /// Node number, or -1 for a single point at position `lo`.
        var node: Int32
        var lo: Int32, hi: Int32
        static func < (l: QueueEntry, r: QueueEntry) -> Bool { l.bound < r.bound }
        static func == (l: QueueEntry, r: QueueEntry) -> Bool { l.bound == r.bound }
    }

    /// The `k` points nearest to `query` by exact geodesic distance, among those that pass the filters.
    ///
    /// Best-first search: nodes and points come off a priority queue in order of their chord lower
    /// bound; a point's exact (Karney) distance is computed only when it comes off the queue, and the
    /// search stops once the next bound exceeds the k-th best exact distance. Filters are applied as
    /// points come off the queue (and, for `requiring`, to whole subtrees), so "the 5 nearest matching"
    /// is exact even when thousands of nearer points do not match.
    /// - Parameters:
    ///   - query: the query point.
    ///   - k: how many neighbours at most (0 gives none).
    ///   - within: optional inclusive radius in metres; farther points are never returned.
    ///   - required: attribute bits a point must all have (`mask & required == required`); 0 accepts all.
    ///   - accept: further predicate on the rank, evaluated only for points that could be in the answer.
    /// - Returns: up to `k` neighbours sorted by (distance, rank).
    /// - Complexity: about O(log n + k) queue operations and k + a few Karney evaluations for
    ///   clustered data; a highly selective `accept` costs more queue work, never a wrong answer.
    public func nearest(to query: Coordinate, k: Int, within: Double? = nil, requiring required: UInt64 = 0,
                        where accept: (Int32) -> Bool = { _ in true }) -> [Neighbor] {
        guard k > 0, count > 0 else { return [] }
        let limit = within ?? .infinity
        guard limit >= 0 else { return [] }
        let q = ChordBound.ecef(query)
        var best = [Neighbor]()          // sorted by (distance, rank), at most k
        best.reserveCapacity(min(k, 64) + 1)
        var queue = Heap<QueueEntry>()
        queue.insert(QueueEntry(bound: boxes[0].distanceSquared(q.x, q.y, q.z).squareRoot(), node: 0, lo: 0, hi: Int32(count)))

        xs.withUnsafeBufferPointer { xs in
        ys.withUnsafeBufferPointer { ys in
        zs.withUnsafeBufferPointer { zs in
        masks.withUnsafeBufferPointer { masks in
        boxes.withUnsafeBufferPointer { boxes in
        nodeMasks.withUnsafeBufferPointer { nodeMasks in
            while let entry = queue.popMin() {
                // Everything left is at least entry.bound away (minus the rounding margin).
                let cutoff = best.count == k ? min(limit, best[k - 1].distance) : limit
                if entry.bound - ChordBound.margin > cutoff { break }
                if entry.node < 0 {
                    let i = Int(entry.lo)
                    let rank = ranks[i]
                    guard accept(rank) else { continue }
                    let d = Geodesic.distance(from: query, to: coordinates[i])
                    guard d <= limit else { continue }
                    Self.offer(Neighbor(rank: rank, distance: d), to: &best, k: k)
                    continue
                }
                let node = Int(entry.node)
                let lo = Int(entry.lo), hi = Int(entry.hi)
                if 2 * node + 1 >= boxes.count {
                    // Leaf: queue its matching points by their own chord bound.
                    for i in lo..<hi where masks[i] & required == required {
                        let dx = xs[i] - q.x, dy = ys[i] - q.y, dz = zs[i] - q.z
                        let bound = (dx * dx + dy * dy + dz * dz).squareRoot()
                        if bound - ChordBound.margin <= cutoff {
                            queue.insert(QueueEntry(bound: bound, node: -1, lo: Int32(i), hi: 0))
                        }
                    }
                } else {
                    let mid = lo + (hi - lo) / 2
                    for (child, clo, chi) in [(2 * node + 1, lo, mid), (2 * node + 2, mid, hi)]
                    where nodeMasks[child] & required == required && chi > clo {
                        let bound = boxes[child].distanceSquared(q.x, q.y, q.z).squareRoot()
                        if bound - ChordBound.margin <= cutoff {
                            queue.insert(QueueEntry(bound: bound, node: Int32(child), lo: Int32(clo), hi: Int32(chi)))
                        }
                    }
                }
            }
        }}}}}}
        return best
    }

    /// The nearest matching point and its distance, or nil when nothing matches (within the radius).
    /// - Complexity: as ``nearest(to:k:within:requiring:where:)`` with k = 1.
    public func nearestNeighbor(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0,
                                where accept: (Int32) -> Bool = { _ in true }) -> Neighbor? {
        nearest(to: query, k: 1, within: within, requiring: required, where: accept).first
    }

    /// The geodesic distance in metres to the nearest matching point, or nil when nothing matches.
    /// The coverage fast path: one best-first descent, one or two Karney evaluations.
    public func nearestDistance(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0,
                                where accept: (Int32) -> Bool = { _ in true }) -> Double? {
        nearestNeighbor(to: query, within: within, requiring: required, where: accept)?.distance
    }

    /// Inserts a candidate into the sorted best-k list, dropping the worst when full.
    @inline(__always)
    static func offer(_ n: Neighbor, to best: inout [Neighbor], k: Int) {
        if best.count == k {
            guard n < best[k - 1] else { return }
            best.removeLast()
        }
        var i = best.count
        while i > 0 && n < best[i - 1] { i -= 1 }
        best.insert(n, at: i)
    }
}
