#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import GeoTypes

/// Where a point meets a road network: the nearest point on the nearest segment.
public struct RoadSnap: Sendable, Hashable {
    /// The segment of the network the point snaps to.
    public var segment: UInt32
    /// Metres along the segment from its `from` node to the foot point.
    public var along: Double
    /// The foot point.
    public var foot: Coordinate
    /// The straight leg from the point to the foot, metres (geodesic).
    public var leg: Double

    public init(segment: UInt32, along: Double, foot: Coordinate, leg: Double) {
        self.segment = segment
        self.along = along
        self.foot = foot
        self.leg = leg
    }
}

/// Snaps points to the nearest point of any segment of a network (DESIGN.md: geodesic, to 1 cm;
/// a straight leg over 1 km means unreachable).
///
/// A packed uniform grid (``SegmentGrid``, about one segment per cell) lists the segments whose
/// padded bounding box meets each cell. A query takes the segments of the cells within its radius,
/// keeps those whose lower bound (3D distance to the chord minus the chord's sagitta) is within it,
/// and refines them with the exact geodesic foot in the order of that bound until the bound passes
/// the best exact distance. Ties go to the lowest segment id. The answer is the same as refining
/// every segment of the network in that order (the grid only leaves out segments whose bound
/// exceeds the radius).
public struct EdgeSnapper: Sendable {
    /// The longest straight leg a snap may have, metres.
    public static let maximumLeg = 1000.0
    let network: RoadNetwork
    let grid: SegmentGrid
    /// Node positions in ECEF, for the candidates' lower bounds.
    let ecef: [ECEFPoint]

    /// Indexes every segment of `network`.
    /// - Complexity: O(segments) for short segments.
    public init(network: RoadNetwork) {
        self.network = network
        grid = SegmentGrid(network: network)
        ecef = network.coordinates.map(ECEFPoint.init)
    }

    /// A segment whose lower bound is within a search radius.
    typealias Candidate = (bound: Double, segment: UInt32)

    /// The snap of `point`, or nil when no segment lies within ``maximumLeg``.
    ///
    /// The search looks within 100 m first and widens fourfold (up to ``maximumLeg``) only while
    /// nothing is found that near: a segment outside the cells of a radius, or with a lower bound
    /// above it, is farther than the radius, so a snap within the radius is the nearest of all
    /// (ties included) and the answer equals one search over the whole ``maximumLeg``.
    public func snap(_ point: Coordinate) -> RoadSnap? {
        var scratch: [Candidate] = []
        return snap(point, scratch: &scratch)
    }

    /// ``snap(_:)`` with a reusable candidate buffer (one per thread).
    func snap(_ point: Coordinate, scratch: inout [Candidate]) -> RoadSnap? {
        var radius = min(100, Self.maximumLeg)
        while true {
            if let best = snap(point, within: radius, scratch: &scratch), best.leg <= radius { return best }
            if radius >= Self.maximumLeg { return nil }
            radius = min(radius * 4, Self.maximumLeg)
        }
    }

    /// The nearest snap among the segments whose lower bound is at most `radius` (its leg may
    /// exceed `radius`); nil when there is none.
    func snap(_ point: Coordinate, within radius: Double) -> RoadSnap? {
        var scratch: [Candidate] = []
        return snap(point, within: radius, scratch: &scratch)
    }

    func snap(_ point: Coordinate, within radius: Double, scratch ranked: inout [Candidate]) -> RoadSnap? {
        guard let cells = grid.cells(around: point, metres: radius) else { return nil }
        ranked.removeAll(keepingCapacity: true)
        let p = ECEFPoint(point)
        grid.start.withUnsafeBufferPointer { start in
        grid.items.withUnsafeBufferPointer { items in
            for y in cells.y0...cells.y1 {
                let row = y * grid.columns
                for i in Int(start[row + cells.x0])..<Int(start[row + cells.x1 + 1]) {
                    let s = items[i]
                    let bound = lowerBound(p, Int(s))
                    if bound <= radius { ranked.append((bound, s)) }
                }
            }
        }}
        // A segment listed in several cells comes once per cell, with the same bound: adjacent here.
        ranked.sort { ($0.bound, $0.segment) < ($1.bound, $1.segment) }
        var best: RoadSnap? = nil
        var previous: UInt32? = nil
        for (bound, s) in ranked where s != previous {
            previous = s
            if let best, bound > best.leg { break }
            let seg = Int(s)
            let a = network.coordinates[Int(network.segmentFrom[seg])], b = network.coordinates[Int(network.segmentTo[seg])]
            let f = GeodesicFoot.foot(of: point, on: a, b, length: network.segmentMetres[seg])
            if best == nil || f.metres < best!.leg || (f.metres == best!.leg && s < best!.segment) {
                best = RoadSnap(segment: s, along: f.along, foot: f.foot, leg: f.metres)
            }
        }
        return best
    }

    /// A lower bound on the geodesic distance from `p` to segment `s`: the 3D distance to its chord
    /// less the chord's sagitta (L²/8R with R ≥ 6.33e6 m) and 1 mm.
    func lowerBound(_ p: ECEFPoint, _ s: Int) -> Double {
        let a = ecef[Int(network.segmentFrom[s])], b = ecef[Int(network.segmentTo[s])]
        let ux = b.x - a.x, uy = b.y - a.y, uz = b.z - a.z
        let uu = ux * ux + uy * uy + uz * uz
        let t = uu > 0 ? min(max(((p.x - a.x) * ux + (p.y - a.y) * uy + (p.z - a.z) * uz) / uu, 0), 1) : 0
        let dx = p.x - (a.x + t * ux), dy = p.y - (a.y + t * uy), dz = p.z - (a.z + t * uz)
        let length = network.segmentMetres[s]
        return (dx * dx + dy * dy + dz * dz).squareRoot() - length * length / (8 * 6.33e6) - 0.001
    }

    static func box(_ network: RoadNetwork, _ s: Int) -> (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        let a = network.coordinates[Int(network.segmentFrom[s])], b = network.coordinates[Int(network.segmentTo[s])]
        let length = network.segmentMetres[s]
        // The geodesic may bulge past its end points' latitudes by about its sagitta.
        let pad = (length * length / (4 * 6.33e6) + 1) / 110_000
        let padLon = pad / max(0.01, cos(max(abs(a.lat), abs(b.lat)) * .pi / 180))
        return (min(a.lon, b.lon) - padLon, min(a.lat, b.lat) - pad, max(a.lon, b.lon) + padLon, max(a.lat, b.lat) + pad)
    }
}
