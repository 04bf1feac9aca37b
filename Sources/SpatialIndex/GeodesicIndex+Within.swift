public import GeoTypes

extension GeodesicIndex {
    /// All matching points whose exact geodesic distance from `center` is at most `radius` metres.
    ///
    /// Depth-first traversal pruned by the chord lower bound; every point whose chord is within the
    /// radius (plus the rounding margin) gets a distance (series or Karney, see
    /// ``nearest(to:k:within:requiring:where:)``); Karney decides near-ties and the radius boundary.
    /// - Parameters:
    ///   - radius: inclusive radius in metres (0 finds points at the same position).
    ///   - center: the query point.
    ///   - required: attribute bits a point must all have; 0 accepts all.
    ///   - accept: further predicate on the rank.
    /// - Returns: neighbours sorted by (distance, rank).
    /// - Complexity: O(log n + m) node visits and one series evaluation per point in the chord ball,
    ///   m being the number of such points.
    public func within(radius: Double, of center: Coordinate, requiring required: UInt64 = 0,
                       where accept: (Int32) -> Bool) -> [Neighbor] {
        withoutActuallyEscaping(accept) { accept in
            withinSearch(radius: radius, of: center, required: required, filter: ClosureFilter(body: accept))
        }
    }

    func withinSearch<F: RankFilter>(radius: Double, of center: Coordinate, required: UInt64, filter: F) -> [Neighbor] {
        guard count > 0, radius >= 0, abs(center.lat) <= 90 else { return [] }
        let qe = ECEFPoint(center)
        let cutoff = radius + ChordBound.margin
        let bound = ShortGeodesic.errorBound
        var entries = [RefineEntry]()
        return withStorage { s in
            s.forEachInBall((qe.x, qe.y, qe.z), radius2: cutoff * cutoff, required: required) { i, _ in
                guard filter.accepts(s.records[i].rank) else { return }
                let e = s.entry(i, query: center, qe)
                if e.distance - (e.exact ? 0 : bound) <= radius { entries.append(e) }
            }
            let n = entries.count
            let kept = entries.withUnsafeMutableBufferPointer { e in
                s.resolve(e, count: n, keep: n, limit: radius, query: center)
            }
            return entries.prefix(kept).map { Neighbor(rank: $0.rank, distance: $0.distance) }
        }
    }

    /// All points within `radius` metres passing the attribute filter (no predicate); see
    /// ``within(radius:of:requiring:where:)``.
    public func within(radius: Double, of center: Coordinate, requiring required: UInt64 = 0) -> [Neighbor] {
        withinSearch(radius: radius, of: center, required: required, filter: AcceptAll())
    }
}
