import GeoTypes

extension GeodesicIndex {
    /// The `k` points nearest to `query` by exact geodesic distance, among those that pass the filters.
    ///
    /// Three steps, exact by construction:
    /// 1. the k matching points with the smallest chords (a plain k-d tree search, filters applied as
    ///    points are examined and, for `requiring`, to whole subtrees);
    /// 2. their exact Karney distances; let R be the largest (or the radius, if smaller);
    /// 3. every matching point with chord <= R (+ rounding margin) not already refined gets its exact
    ///    distance too. Since chord <= geodesic, no point outside that ball can beat the k found, so
    ///    the k smallest exact (distance, rank) pairs are the answer.
    /// Because the chord is within a millimetre of the geodesic at these ranges, step 3 almost never
    /// refines extra points: about k Karney evaluations per query.
    ///
    /// - Parameters:
    ///   - query: the query point.
    ///   - k: how many neighbours at most (0 gives none).
    ///   - within: optional inclusive radius in metres; farther points are never returned.
    ///   - required: attribute bits a point must all have (`mask & required == required`); 0 accepts all.
    ///   - accept: further predicate on the rank, evaluated inside the search.
    /// - Returns: up to `k` neighbours sorted by (distance, rank).
    /// - Complexity: O(log n + k) node visits on clustered data plus about k Karney evaluations; a very
    ///   selective `accept` visits more nodes, never giving a wrong answer.
    public func nearest(to query: Coordinate, k: Int, within: Double? = nil, requiring required: UInt64 = 0,
                        where accept: (Int32) -> Bool = { _ in true }) -> [Neighbor] {
        let limit = within ?? .infinity
        guard k > 0, count > 0, limit >= 0 else { return [] }
        let q = ChordBound.ecef(query)
        let limitCut = limit + ChordBound.margin
        var candidates = CandidateList(capacity: k)
        withStorage { s in
            s.chordNearest(q, k: k, bound2: limitCut * limitCut, required: required, accept: accept, into: &candidates)
        }
        var result = [Neighbor]()
        result.reserveCapacity(candidates.count)
        records.withUnsafeBufferPointer { records in
            for i in 0..<candidates.count {
                let r = records[Int(candidates.positions[i])]
                let d = Geodesic.distance(from: query, to: r.coordinate)
                if d <= limit { result.append(Neighbor(rank: r.rank, distance: d)) }
            }
        }
        if candidates.count == k, let worst = result.max()?.distance {
            // Step 3: points with a chord up to the k-th exact distance might still beat a candidate.
            let cut = min(limit, worst) + ChordBound.margin
            let innerChord2 = candidates.chord2.last!
            withStorage { s in
                s.forEachInBall(q, radius2: cut * cut, required: required) { i, chord2 in
                    guard chord2 >= innerChord2 else { return }   // smaller chords are all candidates
                    if chord2 == innerChord2 && candidates.contains(Int32(i)) { return }
                    let r = s.records[i]
                    guard accept(r.rank) else { return }
                    let d = Geodesic.distance(from: query, to: r.coordinate)
                    if d <= limit { result.append(Neighbor(rank: r.rank, distance: d)) }
                }
            }
        }
        result.sort()
        if result.count > k { result.removeLast(result.count - k) }
        return result
    }

    /// The nearest matching point and its distance, or nil when nothing matches (within the radius).
    /// - Complexity: as ``nearest(to:k:within:requiring:where:)`` with k = 1.
    public func nearestNeighbor(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0,
                                where accept: (Int32) -> Bool = { _ in true }) -> Neighbor? {
        nearest(to: query, k: 1, within: within, requiring: required, where: accept).first
    }

    /// The geodesic distance in metres to the nearest matching point, or nil when nothing matches.
    /// The coverage fast path: one tree descent and usually a single Karney evaluation.
    public func nearestDistance(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0,
                                where accept: (Int32) -> Bool = { _ in true }) -> Double? {
        nearestNeighbor(to: query, within: within, requiring: required, where: accept)?.distance
    }
}

/// The k smallest squared chords seen so far, sorted ascending, with their tree positions.
struct CandidateList {
    let capacity: Int
    var chord2: [Double] = []
    var positions: [Int32] = []
    var count: Int { chord2.count }

    init(capacity: Int) {
        self.capacity = capacity
        chord2.reserveCapacity(min(capacity, 1024))
        positions.reserveCapacity(min(capacity, 1024))
    }

    /// Squared chord a point must beat to enter (infinite while not full).
    @inline(__always)
    var threshold: Double { chord2.count == capacity ? chord2[capacity - 1] : .infinity }

    @inline(__always)
    mutating func offer(_ c2: Double, _ position: Int32) {
        if chord2.count == capacity {
            guard c2 < chord2[capacity - 1] else { return }
            chord2.removeLast()
            positions.removeLast()
        }
        var i = chord2.count
        while i > 0 && c2 < chord2[i - 1] { i -= 1 }
        chord2.insert(c2, at: i)
        positions.insert(position, at: i)
    }

    func contains(_ position: Int32) -> Bool { positions.contains(position) }
}
