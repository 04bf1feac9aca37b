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
        var found = [Neighbor]()
        withStorage { s in
            s.forEachInBall(q, radius2: cutoff * cutoff, required: required) { i, _ in
                let r = s.records[i]
                guard accept(r.rank) else { return }
                let d = Geodesic.distance(from: center, to: r.coordinate)
                if d <= radius { found.append(Neighbor(rank: r.rank, distance: d)) }
            }
        }
        found.sort()
        return found
    }
}
