import CPrefetch
public import GeoTypes

extension GeodesicIndex {
    /// The `k` points nearest to `query` by exact geodesic distance, among those that pass the filters.
    ///
    /// Three steps, exact by construction:
    /// 1. the k matching points with the smallest chords (a plain k-d tree search, filters applied as
    ///    points are examined and, for `requiring`, to whole subtrees);
    /// 2. their distances: the short-line series (``ShortGeodesic``, within E = 0.01 mm of Karney's)
    ///    for chords up to 100 km, Karney's beyond; let W bound the largest from above (value + E);
    /// 3. every matching point with chord <= min(W, radius) (+ rounding margin) not already a
    ///    candidate gets a distance too. Since chord <= geodesic, no point outside that ball can beat
    ///    the k found. The list is then put in exact (Karney distance, rank) order: wherever two
    ///    series values lie within 2E of each other (or one within E of the radius) among the first
    ///    k, Karney's algorithm decides (see `Storage.resolve`); elsewhere the series order is
    ///    provably Karney's order.
    /// So the neighbours and their order equal an exhaustive Karney scan's; reported distances are
    /// Karney's where it was evaluated and within E (1e-5 m) of it otherwise.
    ///
    /// - Parameters:
    ///   - query: the query point.
    ///   - k: how many neighbours at most (0 gives none).
    ///   - within: optional inclusive radius in metres; farther points are never returned.
    ///   - required: attribute bits a point must all have (`mask & required == required`); 0 accepts all.
    ///   - accept: further predicate on the rank, evaluated inside the search (possibly more than
    ///     once for a rank).
    /// - Returns: up to `k` neighbours sorted by (distance, rank).
    /// - Complexity: O(log n + k) node visits on clustered data and about k series evaluations (tens
    ///   of nanoseconds each); a very selective `accept` visits more nodes, never giving a wrong answer.
    public func nearest(to query: Coordinate, k: Int, within: Double? = nil, requiring required: UInt64 = 0,
                        where accept: (Int32) -> Bool) -> [Neighbor] {
        var result = [Neighbor]()
        withoutActuallyEscaping(accept) { accept in
            search(query, k: k, within: within, required: required, filter: ClosureFilter(body: accept), into: &result)
        }
        return result
    }

    /// The `k` nearest points passing the attribute filter (no predicate); see
    /// ``nearest(to:k:within:requiring:where:)``.
    public func nearest(to query: Coordinate, k: Int, within: Double? = nil, requiring required: UInt64 = 0) -> [Neighbor] {
        var result = [Neighbor]()
        search(query, k: k, within: within, required: required, filter: AcceptAll(), into: &result)
        return result
    }

    /// Non-allocating form of ``nearest(to:k:within:requiring:)``: replaces the contents of `result`
    /// with the answer, reusing its capacity (reuse one array across queries and nothing is allocated
    /// for k up to ~100).
    public func nearest(to query: Coordinate, k: Int, within: Double? = nil, requiring required: UInt64 = 0,
                        into result: inout [Neighbor]) {
        search(query, k: k, within: within, required: required, filter: AcceptAll(), into: &result)
    }

    /// Non-allocating form of ``nearest(to:k:within:requiring:where:)``; see
    /// ``nearest(to:k:within:requiring:into:)``.
    public func nearest(to query: Coordinate, k: Int, within: Double? = nil, requiring required: UInt64 = 0,
                        into result: inout [Neighbor], where accept: (Int32) -> Bool) {
        withoutActuallyEscaping(accept) { accept in
            search(query, k: k, within: within, required: required, filter: ClosureFilter(body: accept), into: &result)
        }
    }

    /// The search behind every `nearest` form, specialised per filter type.
    @inline(__always)
    func search<F: RankFilter>(_ query: Coordinate, k: Int, within: Double?, required: UInt64, filter: F,
                               into result: inout [Neighbor]) {
        result.removeAll(keepingCapacity: true)
        let limit = within ?? .infinity
        guard k > 0, count > 0, limit >= 0, abs(query.lat) <= 90 else { return }
        let qe = ECEFPoint(query)
        let q = (x: qe.x, y: qe.y, z: qe.z)
        let limitCut = limit + ChordBound.margin
        let slots = min(k, count)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: slots) { chords in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: slots) { positions in
                var candidates = CandidateList(chord2: chords, positions: positions)
                withStorage { s in
                    s.chordNearest(q, k: slots, bound2: limitCut * limitCut, required: required, accept: filter,
                                   into: &candidates)
                    var capacity = slots + 16
                    while true {
                        let needed = withUnsafeTemporaryAllocation(of: RefineEntry.self, capacity: capacity) { entries in
                            s.refine(query, qe, candidates: candidates, k: k, limit: limit, required: required,
                                     filter: filter, entries: entries, into: &result)
                        }
                        guard let more = needed else { return }
                        capacity = more      // rare: many points tie with the k-th chord
                    }
                }
            }
        }
    }

    /// The nearest matching point and its distance, or nil when nothing matches (within the radius).
    /// - Complexity: as ``nearest(to:k:within:requiring:where:)`` with k = 1.
    public func nearestNeighbor(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0,
                                where accept: (Int32) -> Bool) -> Neighbor? {
        nearest(to: query, k: 1, within: within, requiring: required, where: accept).first
    }

    /// The nearest point passing the attribute filter, or nil; see ``nearestNeighbor(to:within:requiring:where:)``.
    public func nearestNeighbor(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0) -> Neighbor? {
        nearest(to: query, k: 1, within: within, requiring: required).first
    }

    /// The geodesic distance in metres to the nearest matching point, or nil when nothing matches.
    /// The coverage fast path: one tree descent and usually a single series evaluation.
    public func nearestDistance(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0,
                                where accept: (Int32) -> Bool) -> Double? {
        nearestNeighbor(to: query, within: within, requiring: required, where: accept)?.distance
    }

    /// The distance to the nearest point passing the attribute filter, or nil.
    public func nearestDistance(to query: Coordinate, within: Double? = nil, requiring required: UInt64 = 0) -> Double? {
        nearestNeighbor(to: query, within: within, requiring: required)?.distance
    }
}

extension GeodesicIndex.Storage {
    /// Steps 2 and 3 of ``GeodesicIndex/nearest(to:k:within:requiring:where:)``: distances for the chord
    /// candidates and for any other point whose chord is within the k-th distance, then exact order.
    /// Returns nil when done, or the entry capacity needed when `entries` was too small.
    @inline(__always)
    func refine<F: RankFilter>(_ query: Coordinate, _ qe: ECEFPoint, candidates: CandidateList, k: Int,
                               limit: Double, required: UInt64, filter: F,
                               entries: UnsafeMutableBufferPointer<RefineEntry>,
                               into result: inout [Neighbor]) -> Int? {
        let bound = ShortGeodesic.errorBound
        var n = 0
        var worst = -Double.infinity     // upper bound of the largest Karney distance kept
        var dropped = false
        // The records (rank, coordinate) of the candidates are not in cache yet: request them all
        // before the first is needed.
        for i in 0..<candidates.count { overblik_prefetch(records.baseAddress! + Int(candidates.positions[i])) }
        for i in 0..<candidates.count {
            let e = entry(Int(candidates.positions[i]), query: query, qe)
            let slack = e.exact ? 0 : bound
            if e.distance - slack <= limit {
                entries[n] = e
                n += 1
                worst = max(worst, e.distance + slack)
            } else {
                dropped = true
            }
        }
        // Step 3: points with a chord up to the k-th distance might still beat a candidate. The chord
        // search saw no point outside the list (and pruned no subtree) nearer than `unexplored2`, so
        // the ball is searched only when it reaches that far.
        let cut = (dropped ? limit : min(limit, worst)) + ChordBound.margin
        if candidates.count == k && candidates.unexplored2 <= cut * cut {
            let innerChord2 = candidates.chord2[candidates.count - 1]
            forEachInBall((qe.x, qe.y, qe.z), radius2: cut * cut, required: required) { i, chord2 in
                guard chord2 >= innerChord2 else { return }   // smaller chords are all candidates
                if chord2 == innerChord2 && candidates.contains(Int32(i)) { return }
                guard filter.accepts(records[i].rank) else { return }
                let e = entry(i, query: query, qe)
                guard e.distance - (e.exact ? 0 : bound) <= limit else { return }
                if n < entries.count { entries[n] = e }
                n += 1
            }
        }
        if n > entries.count { return n }
        let kept = resolve(entries, count: n, keep: k, limit: limit, query: query)
        result.reserveCapacity(kept)
        for i in 0..<kept { result.append(Neighbor(rank: entries[i].rank, distance: entries[i].distance)) }
        return nil
    }
}

/// The k smallest squared chords seen so far, sorted ascending, with their tree positions; in
/// caller-provided (stack) memory, so a query allocates nothing but its result.
struct CandidateList {
    let chord2: UnsafeMutableBufferPointer<Double>
    let positions: UnsafeMutableBufferPointer<Int32>
    private(set) var count = 0
    /// Smallest squared chord (or subtree box distance) of any matching point the search examined
    /// and left out, or evicted: no point outside the list is nearer. Only a squared chord that could
    /// matter is recorded; points failing the filters are not.
    var unexplored2 = Double.infinity

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
            guard c2 < chord2[i - 1] else {
                unexplored2 = min(unexplored2, c2)
                return
            }
            unexplored2 = min(unexplored2, chord2[i - 1])
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
