/// A predicate on point ranks, as a type so that the search is specialised for it: with
/// ``AcceptAll`` the compiler removes the check entirely instead of calling a closure per point.
protocol RankFilter {
    func accepts(_ rank: Int32) -> Bool
}

/// Accepts every rank (the query has no predicate).
struct AcceptAll: RankFilter {
    @inline(__always)
    func accepts(_ rank: Int32) -> Bool { true }
}

/// Wraps a caller's closure.
struct ClosureFilter: RankFilter {
    let body: (Int32) -> Bool

    @inline(__always)
    func accepts(_ rank: Int32) -> Bool { body(rank) }
}
