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
/// A uniform grid of about 1 km cells lists the segments whose padded bounding box meets each cell.
/// A query takes the segments of the cells within 1 km, ranks them by a lower bound (3D distance to
/// the chord minus the chord's sagitta), and refines with the exact geodesic foot in that order
/// until the bound passes the best exact distance. Ties go to the lowest segment id.
public struct EdgeSnapper: Sendable {
    /// The longest straight leg a snap may have, metres.
    public static let maximumLeg = 1000.0
    static let cellDegrees = 0.01
    let network: RoadNetwork
    let lonScale: Double
    let cells: [Int64: [UInt32]]
    /// Node positions in ECEF, for the candidates' lower bounds.
    let ecef: [ECEFPoint]

    /// Indexes every segment of `network`.
    /// - Complexity: O(segments) for short segments.
    public init(network: RoadNetwork) {
        self.network = network
        let meanLat = network.coordinates.isEmpty ? 0 : network.coordinates.reduce(0) { $0 + $1.lat } / Double(network.nodeCount)
        lonScale = max(0.05, cos(meanLat * .pi / 180))
        var cells: [Int64: [UInt32]] = [:]
        for s in 0..<network.segmentCount {
            let box = Self.box(network, s)
            let (x0, y0) = Self.cell(lon: box.minLon, lat: box.minLat, lonScale)
            let (x1, y1) = Self.cell(lon: box.maxLon, lat: box.maxLat, lonScale)
            for x in x0...x1 { for y in y0...y1 { cells[Self.key(x, y), default: []].append(UInt32(s)) } }
        }
        self.cells = cells
        ecef = network.coordinates.map(ECEFPoint.init)
    }

    /// The snap of `point`, or nil when no segment lies within ``maximumLeg``.
    ///
    /// The search looks within 100 m first and widens fourfold (up to ``maximumLeg``) only while
    /// nothing is found that near: a segment outside the cells of a radius, or with a lower bound
    /// above it, is farther than the radius, so a snap within the radius is the nearest of all
    /// (ties included) and the answer equals one search over the whole ``maximumLeg``.
    public func snap(_ point: Coordinate) -> RoadSnap? {
        var radius = min(100, Self.maximumLeg)
        while true {
            if let best = snap(point, within: radius), best.leg <= radius { return best }
            if radius >= Self.maximumLeg { return nil }
            radius = min(radius * 4, Self.maximumLeg)
        }
    }

    /// The nearest snap among the segments whose lower bound is at most `radius` (its leg may
    /// exceed `radius`); nil when there is none.
    func snap(_ point: Coordinate, within radius: Double) -> RoadSnap? {
        let margin = radius + 10
        let dLat = margin / 110_000, dLon = dLat / max(0.01, cos(point.lat * .pi / 180))
        let (x0, y0) = Self.cell(lon: point.lon - dLon, lat: point.lat - dLat, lonScale)
        let (x1, y1) = Self.cell(lon: point.lon + dLon, lat: point.lat + dLat, lonScale)
        var candidates: [UInt32] = []
        for x in x0...x1 { for y in y0...y1 { if let list = cells[Self.key(x, y)] { candidates += list } } }
        candidates.sort()
        let p = ECEFPoint(point)
        var ranked: [(bound: Double, segment: UInt32)] = []
        var previous: UInt32? = nil
        for s in candidates where s != previous {
            previous = s
            let bound = lowerBound(p, Int(s))
            if bound <= radius { ranked.append((bound, s)) }
        }
        ranked.sort { ($0.bound, $0.segment) < ($1.bound, $1.segment) }
        var best: RoadSnap? = nil
        for (bound, s) in ranked {
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

    static func cell(lon: Double, lat: Double, _ lonScale: Double) -> (Int, Int) {
        (Int((lon * lonScale / cellDegrees).rounded(.down)), Int((lat / cellDegrees).rounded(.down)))
    }

    static func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: y))) }
}
