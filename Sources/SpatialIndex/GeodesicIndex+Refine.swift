import GeoTypes

/// A point under refinement: its distance, either from the short-line series (within
/// ``ShortGeodesic/errorBound`` of Karney's) or Karney's own (`exact`).
struct RefineEntry {
    var distance: Double
    var rank: Int32
    /// Position in the tree-ordered records.
    var position: Int32
    var exact: Bool
    /// Marked for a Karney distance by ``GeodesicIndex/Storage/resolve(_:count:keep:limit:query:)``.
    var pending = false

    @inline(__always)
    static func < (l: RefineEntry, r: RefineEntry) -> Bool {
        l.distance < r.distance || (l.distance == r.distance && l.rank < r.rank)
    }
}

extension GeodesicIndex.Storage {
    /// The distance of record `i` from the query: the chord series when the chord is short enough
    /// (error ≤ ``ShortGeodesic/errorBound``), else Karney's (exact).
    @inline(__always)
    func entry(_ i: Int, query: Coordinate, _ q: ECEFPoint) -> RefineEntry {
        let r = records[i]
        if let s = ShortGeodesic.distance(q, points[i]) {
            return RefineEntry(distance: s, rank: r.rank, position: Int32(i), exact: false)
        }
        return RefineEntry(distance: Geodesic.distance(from: query, to: r.coordinate), rank: r.rank,
                           position: Int32(i), exact: true)
    }

    /// Puts `e[0..<n]` into exact (Karney distance, rank) order and returns how many of the first
    /// `keep` have Karney distance ≤ `limit`.
    ///
    /// Series distances are within E = ``ShortGeodesic/errorBound`` of Karney's, so two entries whose
    /// values differ by more than 2E are already in Karney order. Sorting by value and cutting the
    /// list wherever consecutive values are more than 2E apart leaves runs ("chains"); order across
    /// chains is exact, so only chains that begin among the first `keep` need Karney distances, and
    /// entries within E of `limit` need one to decide inclusion. Those are recomputed and the list
    /// re-sorted; every other entry keeps its series value (within E of Karney's).
    func resolve(_ e: UnsafeMutableBufferPointer<RefineEntry>, count n: Int, keep: Int, limit: Double,
                 query: Coordinate) -> Int {
        guard n > 0 else { return 0 }
        sortEntries(e, count: n)
        let bound = ShortGeodesic.errorBound
        // Mark on the series values first (chains are defined by them), then recompute.
        var chainStart = 0
        var marked = false
        for i in 0..<n {
            if i > 0 && e[i].distance - e[i - 1].distance > 2 * bound { chainStart = i }
            if chainStart >= keep { break }          // later chains cannot reach the first `keep`
            if chainStart < i {
                e[i - 1].pending = true
                e[i].pending = true
                marked = true
            }
            if abs(e[i].distance - limit) <= bound {
                e[i].pending = true
                marked = true
            }
        }
        var changed = false
        if marked {
            for i in 0..<n where e[i].pending {
                e[i].pending = false
                if !e[i].exact {
                    exactify(&e[i], query: query)
                    changed = true
                }
            }
        }
        if changed { sortEntries(e, count: n) }
        var kept = 0
        while kept < min(n, keep) && e[kept].distance <= limit { kept += 1 }
        return kept
    }

    @inline(__always)
    func exactify(_ x: inout RefineEntry, query: Coordinate) {
        x.distance = Geodesic.distance(from: query, to: records[Int(x.position)].coordinate)
        x.exact = true
    }

    /// Sorts by (distance, rank): insertion sort for the usual handful, the library sort beyond.
    @inline(__always)
    func sortEntries(_ e: UnsafeMutableBufferPointer<RefineEntry>, count n: Int) {
        if n <= 32 {
            for i in 1..<max(n, 1) {
                let x = e[i]
                var j = i
                while j > 0 && x < e[j - 1] {
                    e[j] = e[j - 1]
                    j -= 1
                }
                e[j] = x
            }
        } else {
            var slice = UnsafeMutableBufferPointer(rebasing: e[0..<n])
            slice.sort { $0 < $1 }
        }
    }
}
