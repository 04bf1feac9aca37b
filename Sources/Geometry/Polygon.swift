/// A polygon as plain values: one exterior ring and zero or more holes, each a closed ring.
///
/// The validating initialiser checks the rules a ring must obey on its own (closed, at least four
/// vertices, finite coordinates); ``problems()`` adds the rules between segments and rings, and
/// `Geometry.problems(of:)` adds GEOS's own checks.
///
/// ```swift
/// let square = try Polygon(exterior: [PlanarXY(x: 0, y: 0), PlanarXY(x: 10, y: 0),
///                                     PlanarXY(x: 10, y: 10), PlanarXY(x: 0, y: 0)])
/// ```
public struct Polygon<Vertex: PolygonVertex>: Hashable, Sendable {
    /// The outer boundary, closed (first vertex == last vertex).
    public private(set) var exterior: [Vertex]
    /// Holes, each closed.
    public private(set) var holes: [[Vertex]]

    /// Creates a polygon, checking each ring: closed, at least 4 vertices, finite coordinates.
    /// - Throws: ``InvalidPolygonError`` listing every ring-level problem with its ring and vertex.
    public init(exterior: [Vertex], holes: [[Vertex]] = []) throws(InvalidPolygonError) {
        var problems: [PolygonProblem] = []
        for (index, ring) in ([exterior] + holes).enumerated() {
            problems += Self.ringProblems(ring, ring: index, polygon: 0)
        }
        guard problems.isEmpty else { throw InvalidPolygonError(problems: problems) }
        self.exterior = exterior
        self.holes = holes
    }

    /// Creates a polygon without any checks (for rings already validated, e.g. read back from GEOS).
    public init(uncheckedExterior exterior: [Vertex], holes: [[Vertex]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// All rings: the exterior first, then the holes.
    public var rings: [[Vertex]] { [exterior] + holes }

    /// The envelope of the exterior ring.
    public var envelope: Envelope { Envelope(of: exterior)! }

    /// The signed area of a ring by the shoelace formula: positive when counter-clockwise.
    /// - Complexity: O(n).
    public static func signedArea(of ring: [Vertex]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        let x0 = ring[0].x, y0 = ring[0].y  // shift for numeric stability on UTM-sized values
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            sum += (a.x - x0) * (b.y - y0) - (b.x - x0) * (a.y - y0)
        }
        return sum / 2
    }

    /// The planar area (exterior minus holes) in the square of the vertex unit, computed in Swift.
    public var area: Double {
        abs(Self.signedArea(of: exterior)) - holes.reduce(0) { $0 + abs(Self.signedArea(of: $1)) }
    }

    /// The ring-level problems of one ring (closure, count, finiteness).
    static func ringProblems(_ ring: [Vertex], ring index: Int, polygon: Int) -> [PolygonProblem] {
        var problems: [PolygonProblem] = []
        for (v, p) in ring.enumerated() where !(p.x.isFinite && p.y.isFinite) {
            problems.append(PolygonProblem(.nonFinite, polygon: polygon, ring: index, vertex: v))
        }
        if ring.count < 4 {
            problems.append(PolygonProblem(.tooFewPoints(count: ring.count), polygon: polygon, ring: index,
                                           vertex: max(ring.count - 1, 0)))
        }
        if let first = ring.first, let last = ring.last, first != last {
            problems.append(PolygonProblem(.unclosedRing, polygon: polygon, ring: index, vertex: ring.count - 1,
                                           x: last.x, y: last.y))
        }
        return problems
    }
}

/// Several polygons forming one area (a district with islands, say).
public struct MultiPolygon<Vertex: PolygonVertex>: Hashable, Sendable {
    /// The parts.
    public var polygons: [Polygon<Vertex>]

    public init(_ polygons: [Polygon<Vertex>]) { self.polygons = polygons }

    /// The envelope of all parts, nil when there are none.
    public var envelope: Envelope? {
        polygons.map(\.envelope).reduce(nil) { acc, e in acc.map { $0.union(e) } ?? e }
    }

    /// The planar area of all parts, computed in Swift (assumes the parts do not overlap).
    public var area: Double { polygons.reduce(0) { $0 + $1.area } }
}
