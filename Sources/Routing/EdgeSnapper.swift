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
    /// Each segment's chord in ECEF, for the candidates' lower bounds: one record per segment,
    /// so a candidate costs one memory access rather than five.
    let chords: [SegmentChord]
    /// Each node's ECEF position (the `to` end of a refined segment, without trigonometry).
    let nodes: [ECEFPoint]
    /// Whether every foot takes Karney's iteration, also on segments the short foot covers.
    let karneyFeet: Bool

    /// Indexes every segment of `network`. Feet on segments up to 2 km come from the short-line
    /// foot (``GeodesicFoot/shortFoot(of:on:_:_:_:length:)``, within 0.01 mm of Karney's leg and
    /// 0.1 mm of its foot), longer ones from Karney's iteration; `karneyFeet` takes Karney's
    /// iteration for every segment (the reference the short foot is checked against).
    /// - Complexity: O(segments) for short segments.
    public init(network: RoadNetwork, karneyFeet: Bool = false) {
        self.network = network
        self.karneyFeet = karneyFeet
        grid = SegmentGrid(network: network)
        let ecef = network.coordinates.map(ECEFPoint.init)
        chords = (0..<network.segmentCount).map { s in
            SegmentChord(ecef[Int(network.segmentFrom[s])], ecef[Int(network.segmentTo[s])], length: network.segmentMetres[s])
        }
        nodes = ecef
    }

    /// A segment whose lower bound is within a search radius.
    typealias Candidate = (bound: Double, segment: UInt32)

    /// The snap of `point`, or nil when no segment lies within ``maximumLeg``.
    ///
    /// The search starts from the point's own cell (``snapNear(_:_:scratch:)``: the exact leg to
    /// the best segment listed there bounds the answer, and only the cells and segments within
    /// that leg are searched). When that cell lists nothing within ``maximumLeg``, it looks within
    /// 100 m and doubles the radius (up to ``maximumLeg``) while nothing is found that near: a
    /// segment outside the cells of a radius, or with a lower bound above it, is farther than the
    /// radius, so a snap within the radius is the nearest of all (ties included). Either way the
    /// answer equals one search over the whole ``maximumLeg``.
    public func snap(_ point: Coordinate) -> RoadSnap? {
        var scratch = SnapScratch()
        return snap(point, scratch: &scratch)
    }

    /// ``snap(_:)`` with a reusable candidate buffer and azimuth memo (one per thread).
    func snap(_ point: Coordinate, scratch: inout SnapScratch) -> RoadSnap? {
        let p = ECEFPoint(point)
        if let near = snapNear(point, p, scratch: &scratch) { return near }
        var radius = min(100, Self.maximumLeg)
        while true {
            if let best = snap(point, p, within: radius, scratch: &scratch), best.leg <= radius { return best }
            if radius >= Self.maximumLeg { return nil }
            radius = min(radius * 2, Self.maximumLeg)
        }
    }

    /// The nearest snap among the segments whose lower bound is at most `radius` (its leg may
    /// exceed `radius`); nil when there is none.
    func snap(_ point: Coordinate, within radius: Double) -> RoadSnap? {
        var scratch = SnapScratch()
        return snap(point, ECEFPoint(point), within: radius, scratch: &scratch)
    }

    /// Gathers the candidates within `radius` and refines them without sorting: first the one of
    /// least (bound, segment), then every other whose bound is within the best leg found so far.
    /// The best leg only shrinks, so every candidate whose bound is within the final leg is
    /// refined, and the minimum by (leg, segment) over them is the one refining all candidates in
    /// bound order gives (a candidate's exact leg is never below its bound).
    func snap(_ point: Coordinate, _ p: ECEFPoint, within radius: Double, scratch: inout SnapScratch) -> RoadSnap? {
        guard let cells = grid.cells(around: point, metres: radius) else { return nil }
        var ranked = scratch.candidates
        scratch.candidates = []
        defer { scratch.candidates = ranked }
        ranked.removeAll(keepingCapacity: true)
        var first: Candidate = (.infinity, .max)
        grid.start.withUnsafeBufferPointer { start in
        grid.items.withUnsafeBufferPointer { items in
            for y in cells.y0...cells.y1 {
                let row = y * grid.columns
                for i in Int(start[row + cells.x0])..<Int(start[row + cells.x1 + 1]) {
                    let s = items[i]
                    let bound = lowerBound(p, Int(s))
                    guard bound <= radius else { continue }
                    ranked.append((bound, s))
                    if bound < first.bound || (bound == first.bound && s < first.segment) { first = (bound, s) }
                }
            }
        }}
        guard first.segment != .max else { return nil }
        return refineRest(point, p, ranked, from: refine(point, p, first.segment, &scratch), &scratch)
    }

    /// The best of `best` (a refined candidate) and every candidate of `ranked` whose bound is
    /// within the best leg found so far, by (leg, segment); each segment is refined once (a
    /// segment listed in several cells comes once per cell).
    @inline(__always)
    func refineRest(_ point: Coordinate, _ p: ECEFPoint, _ ranked: [Candidate], from best: Refined,
                    _ scratch: inout SnapScratch) -> RoadSnap {
        var best = best
        // Segments refined so far: few.
        var refined: (UInt32, UInt32, UInt32) = (best.segment, .max, .max)
        var more: [UInt32] = []
        for (bound, s) in ranked where bound <= best.leg && s != best.segment {
            if s == refined.0 || s == refined.1 || s == refined.2 || more.contains(s) { continue }
            if refined.1 == .max { refined.1 = s } else if refined.2 == .max { refined.2 = s } else { more.append(s) }
            let f = refine(point, p, s, &scratch)
            if f.leg < best.leg || (f.leg == best.leg && s < best.segment) { best = f }
        }
        return RoadSnap(segment: best.segment, along: best.along, foot: best.foot.coordinate, leg: best.leg)
    }

    /// A refined candidate: its snap with the foot as a ``GeodesicFoot/Place`` (only the winner's
    /// longitude and latitude are computed).
    struct Refined {
        var segment: UInt32
        var along: Double
        var foot: GeodesicFoot.Place
        var leg: Double
    }

    /// The snap of `point` (ECEF `p`) on segment `s` (the geodesic foot): the short foot on a
    /// segment of at most ``GeodesicFoot/shortMaximumLength`` (when it is well conditioned), else
    /// Karney's. The ECEF position
    /// of the segment's `from` node is the one its chord record holds (computed by the same
    /// function from the same coordinate), and the start azimuth comes from the scratch's memo.
    @inline(__always)
    func refine(_ point: Coordinate, _ p: ECEFPoint, _ s: UInt32, _ scratch: inout SnapScratch) -> Refined {
        let seg = Int(s)
        let to = Int(network.segmentTo[seg])
        let a = network.coordinates[Int(network.segmentFrom[seg])], b = network.coordinates[to]
        let chord = chords.withUnsafeBufferPointer { $0[seg] }
        let length = network.segmentMetres[seg]
        if !karneyFeet && length <= GeodesicFoot.shortMaximumLength,
           let f = GeodesicFoot.shortFootPlace(of: p, on: a, ECEFPoint(x: chord.ax, y: chord.ay, z: chord.az), b,
                                               nodes.withUnsafeBufferPointer { $0[to] }, length: length) {
            return Refined(segment: s, along: f.along, foot: f.foot, leg: f.metres)
        }
        let azimuth = scratch.azimuth(of: s) { Geodesic.inverse(from: a, to: b).initialAzimuth }
        let f = GeodesicFoot.foot(of: point, p, on: a, ECEFPoint(x: chord.ax, y: chord.ay, z: chord.az), b,
                                  azimuth: azimuth, length: length)
        return Refined(segment: s, along: f.along, foot: .coordinate(f.foot), leg: f.metres)
    }

    /// A lower bound on the geodesic distance from `p` to segment `s` (see ``SegmentChord``).
    @inline(__always)
    func lowerBound(_ p: ECEFPoint, _ s: Int) -> Double {
        chords.withUnsafeBufferPointer { $0[s].lowerBound(p) }
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

/// A segment's chord in ECEF (end `a` exact, the vector to `b` in single precision) and the slack
/// that turns the 3D distance to it into a lower bound on the geodesic distance to the segment.
///
/// The geodesic is a curve of curvature at most 1/6.33e6 m⁻¹ (the ellipsoid's largest), so it lies
/// within its sagitta L²/8R of the chord; the stored vector is off by at most 1.1e-7·L (single
/// precision), which moves the chord by no more; 1 mm covers the rest of the rounding. The slack
/// is the sum of the three, rounded up. Any valid lower bound gives the same snaps (the snapper
/// refines every segment whose bound is within the best exact distance); this one only has to be
/// cheap and close.
struct SegmentChord {
    let ax: Double, ay: Double, az: Double
    let ux: Float, uy: Float, uz: Float
    let slack: Float

    init(_ a: ECEFPoint, _ b: ECEFPoint, length: Double) {
        (ax, ay, az) = (a.x, a.y, a.z)
        (ux, uy, uz) = (Float(b.x - a.x), Float(b.y - a.y), Float(b.z - a.z))
        slack = Float(length * length / (8 * 6.33e6) + 1.1e-7 * length + 0.001).nextUp
    }

    /// The 3D distance from `p` to the stored chord less the slack.
    @inline(__always)
    func lowerBound(_ p: ECEFPoint) -> Double {
        let ux = Double(self.ux), uy = Double(self.uy), uz = Double(self.uz)
        let px = p.x - ax, py = p.y - ay, pz = p.z - az
        let uu = ux * ux + uy * uy + uz * uz
        let t = uu > 0 ? min(max((px * ux + py * uy + pz * uz) / uu, 0), 1) : 0
        let dx = px - t * ux, dy = py - t * uy, dz = pz - t * uz
        return (dx * dx + dy * dy + dz * dz).squareRoot() - Double(slack)
    }
}
