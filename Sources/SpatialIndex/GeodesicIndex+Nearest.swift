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
                        where accept: (Int32) -> Bool) -> [Neighbor] {
        let limit = within ?? .infinity
        guard k > 0, count > 0, limit >= 0 else { return [] }
        let q = ChordBound.ecef(query)
        let limitCut = limit + ChordBound.margin
        let slots = min(k, count)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: slots) { chords in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: slots) { positions in
                var candidates = CandidateList(chord2: chords, positions: positions)
                return withStorage { s in
                    s.chordNearest(q, k: slots, bound2: limitCut * limitCut, required: required, accept: accept,
                                   into: &candidates)
                    return refine(query, q, candidates: candidates, k: k, limit: limit, required: required,
                                  accept: accept, storage: s)
                }
            }
        }
    }

    /// Steps 2 and 3 of ``nearest(to:k:within:requiring:where:)``: exact distances for the chord
    /// candidates, then for any other point whose chord is within the k-th exact distance.
    @inline(__always)
    func refine(_ query: Coordinate, _ q: (x: Double, y: Double, z: Double), candidates: CandidateList, k: Int,
                limit: Double, required: UInt64, accept: (Int32) -> Bool, storage s: Storage) -> [Neighbor] {
        var result = [Neighbor]()
        result.reserveCapacity(candidates.count + 4)
        var worst = -Double.infinity
        for i in 0..<candidates.count {
            let r = s.records[Int(candidates.positions[i])]
            let d = Geodesic.distance(from: query, to: r.coordinate)
            if d <= limit {
                result.append(Neighbor(rank: r.rank, distance: d))
                worst = max(worst, d)
            }
        }
        if candidates.count == k && !result.isEmpty {
            // Step 3: points with a chord up to the k-th exact distance might still beat a candidate.
            let cut = min(limit, worst) + ChordBound.margin
            let innerChord2 = candidates.chord2[candidates.count - 1]
            s.forEachInBall(q, radius2: cut * cut, required: required) { i, chord2 in
                guard chord2 >= innerChord2 else { return }   // smaller chords are all candidates
                if chord2 == innerChord2 && candidates.contains(Int32(i)) { return }
                let r = s.records[i]
                guard accept(r.rank) else { return }
                let d = Geodesic.distance(from: query, to: r.coordinate)
                if d <= limit { result.append(Neighbor(rank: r.rank, distance: d)) }
            }
        }
        result.sort()
        if result.count > k { result.removeLast(result.count - k) }
        return result
    }

    /// The `k` nearest points passing the attribute filter (no predicate); see
    /// ``nearest(to:k:within:requiring:where:)``.
    public func nearest(to query: Coordinate, k: Int, within: Double? = nil, requiring required: UInt64 = 0) -> [Neighbor] {
        nearest(to: query, k: k, within: within, requiring: required, where: Self.acceptAll)
    }

    /// The nearest matching point and its distance, or nil when nothing matches (within the radius).
    /// - Complexity: as ``nearest(to:k:within:requiring:where:)`` with k = 1.
    public func nearestNeighbor(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0,
                                where accept: (Int32) -> Bool) -> Neighbor? {
        nearest(to: query, k: 1, within: within, requiring: required, where: accept).first
    }

    /// The nearest point passing the attribute filter, or nil; see ``nearestNeighbor(to:within:requiring:where:)``.
    public func nearestNeighbor(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0) -> Neighbor? {
        nearest(to: query, k: 1, within: within, requiring: required, where: Self.acceptAll).first
    }

    /// The geodesic distance in metres to the nearest matching point, or nil when nothing matches.
    /// The coverage fast path: one tree descent and usually a single Karney evaluation.
    public func nearestDistance(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0,
                                where accept: (Int32) -> Bool) -> Double? {
        nearestNeighbor(to: query, within: within, requiring: required, where: accept)?.distance
    }

    /// The distance to the nearest point passing the attribute filter, or nil.
    public func nearestDistance(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0) -> Double? {
        nearestNeighbor(to: query, within: within, requiring: required, where: Self.acceptAll)?.distance
    }

    /// The predicate used when the caller gives none. Defined here (nonisolated) rather than as a
    /// default argument, which would be formed in the caller's context: a closure formed on the main
    /// actor gets a dynamic isolation check on every call.
    @inline(__always)
    static func acceptAll(_ rank: Int32) -> Bool { true }
}

/// The k smallest squared chords seen so far, sorted ascending, with their tree positions; in
/// caller-provided (stack) memory, so a query allocates nothing but its result.
struct CandidateList {
    let chord2: UnsafeMutableBufferPointer<Double>
    let positions: UnsafeMutableBufferPointer<Int32>
    private(set) var count = 0

    init(chord2: UnsafeMutableBufferPointer<Double>, positions: UnsafeMutableBufferPointer<Int32>) {
        self.chord2 = chord2
        self.positions = positions
    }

    var capacity: Int { chord2.count }

    /// Squared chord a point must beat to enter (infinite while not full).
    @inline(__always)
    var threshold: Double { count == capacity ? chord2[count - 1] : .infinity }

    @inline(__always)
    mutating func offer(_ c2: Double, _ position: Int32) {
        var i = count
        if i == capacity {
            guard c2 < chord2[i - 1] else { return }
            i -= 1          // overwrite the worst, then move the new entry into place
        } else {
            count += 1
        }
        while i > 0 && c2 < chord2[i - 1] {
            chord2[i] = chord2[i - 1]
            positions[i] = positions[i - 1]
            i -= 1
        }
        chord2[i] = c2
        positions[i] = position
    }

    func contains(_ position: Int32) -> Bool {
        (0..<count).contains { positions[$0] == position }
    }
}
