public import GeoTypes

/// The nearest matching point of many query points at once: ranks (-1 for none) and distances
/// (`.infinity` for none), one per query point, in query order.
public struct NearestNeighbors: Sendable {
    /// Rank of the nearest matching point per query point, -1 when nothing matches (within the radius).
    public var ranks: [Int32]
    /// Its distance in metres, `.infinity` when nothing matches.
    public var distances: [Double]
}

extension GeodesicIndex {
    /// The nearest matching point of every query point `(lons[i], lats[i])`, `i` in `range`: the
    /// same neighbour and the same distance value, bit for bit, as
    /// ``nearestNeighbor(to:within:requiring:where:)`` called point by point, several times faster
    /// for many points against few indexed ones.
    ///
    /// How (see `BatchQuery`): the query points are bucketed into a longitude/latitude grid. For each
    /// cell, with B the ECEF box of its points, U = min over matching g of maxChord(B, g) bounds the
    /// smallest chord of every point in the cell, so the chord-nearest point's series distance is at
    /// most S(U) (the series with the largest normal curvature of WGS84), and the per-point search
    /// radius of the index (that distance + E + margin) at most T = S(U) + E + margin + slop. Every
    /// matching point with minChord(B, p) <= T is a cell candidate; no other point can enter any
    /// point's answer. Each query point then runs the index's own steps on the candidates only: the
    /// smallest chord, the ball of radius cut around it, the same `entry`/`resolve` code. Points the
    /// argument does not cover take the per-point search: cells with U > 90 km (the series bound
    /// needs chords under 100 km), two different points at exactly the smallest chord (the tree's
    /// visiting order would pick one), and non-finite longitudes.
    ///
    /// - Parameters:
    ///   - lons, lats: query coordinates in degrees (same count).
    ///   - range: which query points (default all).
    ///   - within: optional inclusive radius in metres.
    ///   - required: attribute bits a point must all have; 0 accepts all.
    ///   - accept: further predicate on the rank; must be pure (evaluated once per indexed point, or
    ///     by the per-point search for the fallback points).
    /// - Returns: one rank and distance per point of `range`, in order.
    /// - Complexity: O(m + c·k) for m query points in c cells with k candidates each, plus a small
    ///   tree walk per cell.
    public func nearestNeighbors(lons: [Double], lats: [Double], in range: Range<Int>? = nil, within: Double? = nil,
                                 requiring required: UInt64 = 0, where accept: (Int32) -> Bool) -> NearestNeighbors {
        precondition(lons.count == lats.count, "GeodesicIndex: \(lons.count) longitudes for \(lats.count) latitudes")
        let range = range ?? 0 ..< lons.count
        precondition(range.lowerBound >= 0 && range.upperBound <= lons.count, "GeodesicIndex: range out of bounds")
        var ranks = [Int32](repeating: -1, count: range.count)
        var distances = [Double](repeating: .infinity, count: range.count)
        let limit = within ?? .infinity
        guard count > 0, limit >= 0, !range.isEmpty else { return NearestNeighbors(ranks: ranks, distances: distances) }
        memory.pager?.ensureAll()
        let eligible: [Bool] = withStorage { s in
            (0 ..< count).map { i in (required == 0 || s.masks[i] & required == required) && accept(s.records[i].rank) }
        }
        guard eligible.contains(true) else { return NearestNeighbors(ranks: ranks, distances: distances) }
        var fallback: [Int] = []
        lons.withUnsafeBufferPointer { lons in
            lats.withUnsafeBufferPointer { lats in
                ranks.withUnsafeMutableBufferPointer { ranks in
                    distances.withUnsafeMutableBufferPointer { distances in
                        eligible.withUnsafeBufferPointer { eligible in
                            withStorage { s in
                                let batch = BatchQuery(storage: s, eligible: eligible, required: required, limit: limit,
                                                       lons: UnsafeBufferPointer(rebasing: lons[range]),
                                                       lats: UnsafeBufferPointer(rebasing: lats[range]))
                                fallback = batch.run(ranks: ranks, distances: distances)
                            }
                        }
                    }
                }
            }
        }
        for j in fallback {
            let i = range.lowerBound + j
            if let hit = nearestNeighbor(to: Coordinate(lon: lons[i], lat: lats[i]), within: within,
                                         requiring: required, where: accept) {
                ranks[j] = hit.rank
                distances[j] = hit.distance
            }
        }
        return NearestNeighbors(ranks: ranks, distances: distances)
    }

    /// The nearest point passing the attribute filter for every query point; see
    /// ``nearestNeighbors(lons:lats:in:within:requiring:where:)``.
    public func nearestNeighbors(lons: [Double], lats: [Double], in range: Range<Int>? = nil, within: Double? = nil,
                                 requiring required: UInt64 = 0) -> NearestNeighbors {
        nearestNeighbors(lons: lons, lats: lats, in: range, within: within, requiring: required) { _ in true }
    }

    /// The nearest matching point of every coordinate; see ``nearestNeighbors(lons:lats:in:within:requiring:where:)``.
    public func nearestNeighbors(to points: [Coordinate], within: Double? = nil, requiring required: UInt64 = 0,
                                 where accept: (Int32) -> Bool) -> NearestNeighbors {
        nearestNeighbors(lons: points.map(\.lon), lats: points.map(\.lat), within: within, requiring: required,
                         where: accept)
    }
}
