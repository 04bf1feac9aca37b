/// A point found by a ``GeodesicIndex`` query: its rank (position in the caller's id-sorted array)
/// and its exact geodesic distance from the query point.
public struct Neighbor: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Position of the point in the array the index was built from (the caller sorts by id, so a
    /// smaller rank means a smaller id and wins ties).
    public var rank: Int32
    /// Ellipsoidal geodesic distance on WGS84, metres: Karney's, or the short-line series within
    /// 1e-5 m of it (``ShortGeodesic``); the order of neighbours is always Karney's.
    public var distance: Double

    public init(rank: Int32, distance: Double) {
        self.rank = rank
        self.distance = distance
    }

    /// Orders by distance, then by rank.
    public static func < (lhs: Neighbor, rhs: Neighbor) -> Bool {
        lhs.distance < rhs.distance || (lhs.distance == rhs.distance && lhs.rank < rhs.rank)
    }

    public var description: String { "#\(rank) at \(distance) m" }
}
