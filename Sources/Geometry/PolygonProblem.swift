/// One thing wrong with a polygon, located by polygon, ring and vertex.
///
/// Ring 0 is the exterior ring, ring 1... are the holes in the order given. `polygon` is the part
/// index inside a ``MultiPolygon`` (0 for a lone ``Polygon``). `vertex` is the index of the first
/// vertex of the offending segment, or of the offending vertex itself.
public struct PolygonProblem: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Hashable, Sendable {
        /// The ring's last vertex differs from its first.
        case unclosedRing
        /// The ring has fewer than four vertices (a closed triangle needs four).
        case tooFewPoints(count: Int)
        /// A coordinate is NaN or infinite.
        case nonFinite
        /// The vertex repeats the one before it (a zero-length segment).
        case duplicateConsecutivePoint
        /// The segment starting at `vertex` crosses or touches the segment starting at
        /// `otherVertex` of ring `otherRing` (same polygon) where it must not.
        case selfIntersection(otherRing: Int, otherVertex: Int)
        /// A hole lies (partly) outside the exterior ring.
        case holeOutsideShell
        /// A problem GEOS found (for example nested holes or a disconnected interior), with its reason.
        case geos(reason: String)
    }

    /// What is wrong.
    public var kind: Kind
    /// Part index inside a MultiPolygon (0 for a lone polygon).
    public var polygon: Int
    /// 0 = exterior, 1... = holes.
    public var ring: Int
    /// Index of the offending vertex, or of the first vertex of the offending segment.
    public var vertex: Int
    /// Where it happens, in the polygon's plane, when known.
    public var x: Double?
    public var y: Double?

    public init(_ kind: Kind, polygon: Int = 0, ring: Int, vertex: Int, x: Double? = nil, y: Double? = nil) {
        self.kind = kind
        self.polygon = polygon
        self.ring = ring
        self.vertex = vertex
        self.x = x
        self.y = y
    }

    /// Problems ordered by polygon, ring, vertex, then text (a stable, readable report order).
    public static func sortedForReport(_ problems: [PolygonProblem]) -> [PolygonProblem] {
        problems.sorted { ($0.polygon, $0.ring, $0.vertex, $0.description) < ($1.polygon, $1.ring, $1.vertex, $1.description) }
    }

    public var description: String {
        let place = "polygon \(polygon) ring \(ring) vertex \(vertex)"
            + ((x != nil && y != nil) ? " at (\(x!), \(y!))" : "")
        switch kind {
        case .unclosedRing: return "\(place): ring is not closed (last vertex differs from first)"
        case let .tooFewPoints(count): return "\(place): ring has \(count) vertices, at least 4 are needed"
        case .nonFinite: return "\(place): coordinate is not a finite number"
        case .duplicateConsecutivePoint: return "\(place): vertex repeats the previous one"
        case let .selfIntersection(otherRing, otherVertex):
            return "\(place): segment intersects segment at ring \(otherRing) vertex \(otherVertex)"
        case .holeOutsideShell: return "\(place): hole lies outside the exterior ring"
        case let .geos(reason): return "\(place): \(reason)"
        }
    }
}

/// A polygon failed validation; carries every problem found, not just the first.
public struct InvalidPolygonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// All problems, ordered by polygon, ring and vertex.
    public var problems: [PolygonProblem]

    public init(problems: [PolygonProblem]) { self.problems = problems }

    public var description: String {
        "invalid polygon (\(problems.count) problem\(problems.count == 1 ? "" : "s")): "
            + problems.map(\.description).joined(separator: "; ")
    }
}
