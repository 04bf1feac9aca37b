import GeoTypes

extension GeodesicIndex {
    /// All matching points whose exact geodesic distance from `center` is at most `radius` metres.
    ///
    /// Depth-first traversal pruned by the chord lower bound; every point whose chord is within the
    /// radius (plus the rounding margin) gets an exact Karney distance.
    /// - Parameters:
    ///   - radius: inclusive radius in metres (0 finds points at the same position).
    ///   - center: the query point.
    ///   - required: attribute bits a point must all have; 0 accepts all.
    ///   - accept: further predicate on the rank.
    /// - Returns: neighbours sorted by (distance, rank).
    /// - Complexity: O(log n + m) node visits and one Karney evaluation per point in the chord ball,
    ///   m being the number of such points.
    public func within(radius: Double, of center: Coordinate, requiring required: UInt64 = 0,
                       where accept: (Int32) -> Bool = { _ in true }) -> [Neighbor] {
        guard count > 0, radius >= 0 else { return [] }
        let q = ChordBound.ecef(center)
        let cutoff = radius + ChordBound.margin
        let cutoff2 = cutoff * cutoff
        var found = [Neighbor]()
        var stack: [(node: Int, lo: Int, hi: Int)] = [(0, 0, count)]
        while let (node, lo, hi) = stack.popLast() {
            guard nodeMasks[node] & required == required,
                  boxes[node].distanceSquared(q.x, q.y, q.z) <= cutoff2 else { continue }
            if 2 * node + 1 >= boxes.count {
                for i in lo..<hi where masks[i] & required == required {
                    let dx = xs[i] - q.x, dy = ys[i] - q.y, dz = zs[i] - q.z
                    guard dx * dx + dy * dy + dz * dz <= cutoff2, accept(ranks[i]) else { continue }
                    let d = Geodesic.distance(from: center, to: coordinates[i])
                    if d <= radius { found.append(Neighbor(rank: ranks[i], distance: d)) }
                }
            } else {
                let mid = lo + (hi - lo) / 2
                stack.append((2 * node + 2, mid, hi))
                stack.append((2 * node + 1, lo, mid))
            }
        }
        found.sort()
        return found
    }
}
