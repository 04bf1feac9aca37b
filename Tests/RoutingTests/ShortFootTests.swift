import Foundation
import GeoTypes
import Overblik
import Testing
import TestSupport
@testable import Routing

/// The short-line foot (chord on the surface, ECEF arithmetic) against Karney's exact solver:
/// the leg within ``GeodesicFoot/shortLegBound`` (0.01 mm) and the along-track distance and foot
/// within ``GeodesicFoot/shortFootBound`` (0.1 mm), for segments up to
/// ``GeodesicFoot/shortMaximumLength`` and legs up to 1.5 km.
@Suite("The short-line foot agrees with Karney's geodesic foot")
struct ShortFootTests {
    /// Where roads are snapped: the equator, Denmark's south and north, Helsinki, Lapland, and a
    /// southern latitude (no poles, no antimeridian: the short foot is not meant for them).
    static let latitudes: [Double] = [0, 0.4, -33.9, 54.6, 55.7, 57.7, 60.2, 66.5, 70.0]

    /// The exact foot by Karney's direct and inverse problems, Newton on the along-track offset
    /// until the step is below 1 nm (the production iteration stops at 0.1 mm), the ends compared.
    static func karneyFoot(of point: Coordinate, on a: Coordinate, _ b: Coordinate, length: Double)
        -> (along: Double, foot: Coordinate, metres: Double) {
        let azimuth = Geodesic.inverse(from: a, to: b).initialAzimuth
        let pa = ECEFPoint(a), pb = ECEFPoint(b), pp = ECEFPoint(point)
        let ux = pb.x - pa.x, uy = pb.y - pa.y, uz = pb.z - pa.z
        let uu = ux * ux + uy * uy + uz * uz
        var s = uu > 0 ? min(max(((pp.x - pa.x) * ux + (pp.y - pa.y) * uy + (pp.z - pa.z) * uz) / uu, 0), 1) * length : 0
        var best = (along: 0.0, foot: a, metres: Geodesic.distance(from: point, to: a))
        let atB = Geodesic.distance(from: point, to: b)
        if atB < best.metres { best = (length, b, atB) }
        for _ in 0..<60 {
            let here = Geodesic.destination(from: a, azimuth: azimuth, distance: s)
            let toPoint = Geodesic.inverse(from: here.point, to: point)
            if toPoint.distance < best.metres { best = (s, here.point, toPoint.distance) }
            guard toPoint.distance > 0 else { break }
            let next = min(max(s + toPoint.distance * cos((toPoint.initialAzimuth - here.finalAzimuth) * .pi / 180), 0), length)
            if abs(next - s) < 1e-9 { break }
            s = next
        }
        return best
    }

    /// One line of the table: a segment from latitude `lat` at azimuth `azimuth` of `length`
    /// metres, and a point `offset` metres to its side from the place `fraction` of the way along
    /// (before `a` or past `b` for fractions outside 0...1).
    struct Line: CustomTestStringConvertible, Sendable {
        var lat: Double, azimuth: Double, length: Double, fraction: Double, offset: Double
        var testDescription: String { "lat \(lat) az \(azimuth) L \(length) m at \(fraction) off \(offset) m" }

        func points() -> (a: Coordinate, b: Coordinate, length: Double, point: Coordinate) {
            let a = Coordinate(lon: 10.5 + lat / 7, lat: lat)
            let b = Geodesic.direct(from: a, azimuth: azimuth, distance: length)
            let here = Geodesic.destination(from: a, azimuth: azimuth, distance: fraction * length)
            let point = Geodesic.direct(from: here.point, azimuth: here.finalAzimuth + 90, distance: offset)
            return (a, b, Geodesic.distance(from: a, to: b), point)
        }
    }

    /// Adversarial lines: lengths from 0 to the longest short segment, points on the segment, at
    /// its ends, beyond them, and up to 1.5 km to the side, along meridians, parallels and
    /// diagonals, at every latitude of the table.
    static let adversarial: [Line] = latitudes.flatMap { lat in
        [0.0, 45, 90, 137, 180, -63].flatMap { azimuth in
            [(0.0, 0.5, 10.0), (0.01, 0.5, 0.003), (1, 0.3, 0), (25, 1, 0), (25, -0.4, 3), (120, 0.5, 0), (120, 0.5, 1e-4),
             (400, 0.999, 700), (1_000, 0.5, 1_000), (1_000, 1.3, 50), (1_500, 0.02, 1_500), (2_000, 0.5, 0),
             (2_000, 0.5, 999), (2_000, 0.97, 20), (2_000, -0.1, 1_200)].map { (length, fraction, offset) in
                Line(lat: lat, azimuth: azimuth, length: length, fraction: fraction, offset: offset)
            }
        }
    }

    /// The deviations of the short foot from the exact foot on one line: leg, along, foot point;
    /// nil when the short foot declines (the point farther than ``GeodesicFoot/shortConditioning``
    /// lengths of a segment: the snapper takes Karney's foot then).
    static func deviation(_ line: Line) -> (leg: Double, along: Double, foot: Double)? {
        let (a, b, length, point) = line.points()
        let exact = karneyFoot(of: point, on: a, b, length: length)
        let declines = Geodesic.distance(from: point, to: a) > length * GeodesicFoot.shortConditioning + 0.001
        guard let short = GeodesicFoot.shortFoot(of: ECEFPoint(point), on: a, ECEFPoint(a), b, ECEFPoint(b), length: length) else {
            #expect(declines, "\(line.testDescription): declined")
            return nil
        }
        return (abs(short.metres - exact.metres), abs(short.along - exact.along), Geodesic.distance(from: short.foot, to: exact.foot))
    }

    @Test("on adversarial lines the short leg is within 0.01 mm and the foot within 0.1 mm of Karney's",
          arguments: adversarial)
    func adversarialLines(_ line: Line) {
        guard let d = Self.deviation(line) else { return }
        #expect(d.leg <= GeodesicFoot.shortLegBound, "leg off by \(d.leg) m")
        #expect(d.along <= GeodesicFoot.shortFootBound && d.foot <= GeodesicFoot.shortFootBound, "along \(d.along) m, foot \(d.foot) m")
    }

    @Test("on random lines at every latitude of the table the short foot is within the bounds", arguments: latitudes)
    func randomLines(_ latitude: Double) {
        var generator = SeededGenerator(seed: UInt64(abs(latitude) * 1_000) &+ 77)
        var worst = (leg: 0.0, along: 0.0, foot: 0.0), worstLine = "", declined = 0
        for i in 0..<400 {
            // Lengths uniform to the limit, and log-uniform from 1 cm so that short segments appear.
            let length = i % 2 == 0 ? Double.random(in: 0...GeodesicFoot.shortMaximumLength, using: &generator)
                : exp(.random(in: log(0.01)...log(GeodesicFoot.shortMaximumLength), using: &generator))
            let line = Line(lat: latitude + .random(in: -0.3...0.3, using: &generator), azimuth: .random(in: -180..<180, using: &generator),
                            length: length, fraction: .random(in: -0.2...1.2, using: &generator),
                            offset: i % 3 == 0 ? .random(in: -1...1, using: &generator) : .random(in: -1_500...1_500, using: &generator))
            guard let d = Self.deviation(line) else {
                declined += 1
                continue
            }
            if d.along > worst.along || d.leg > worst.leg { worstLine = line.testDescription }
            worst = (max(worst.leg, d.leg), max(worst.along, d.along), max(worst.foot, d.foot))
        }
        print("short foot at latitude \(latitude): largest deviation from Karney's: leg \(worst.leg) m, along \(worst.along) m, foot \(worst.foot) m; \(declined) of 400 declined")
        // Declined: only tiny segments with a point hundreds of metres off (few of the 400).
        #expect(declined < 80, "\(declined) declined")
        #expect(worst.leg <= GeodesicFoot.shortLegBound, "largest leg deviation \(worst.leg) m")
        #expect(worst.along <= GeodesicFoot.shortFootBound && worst.foot <= GeodesicFoot.shortFootBound,
                "largest along deviation \(worst.along) m, foot \(worst.foot) m (\(worstLine))")
    }

    @Test("on the Helsinki networks short feet snap as Karney's feet do, to the same segment unless two are within the bound",
          .enabled(if: HelsinkiNetworkTests.available), arguments: TravelMode.allCases)
    func helsinkiSnapsAgree(_ mode: TravelMode) throws {
        let network = try #require(HelsinkiNetworkTests.networks?.networks[mode])
        let short = EdgeSnapper(network: network), karney = EdgeSnapper(network: network, karneyFeet: true)
        var otherSegment = 0, compared = 0
        for p in SnapIndexTests.points(network, random: 300, seed: 21) {
            let s = short.snap(p), k = karney.snap(p)
            #expect((s == nil) == (k == nil), "\(mode) \(p)")
            guard let s, let k else { continue }
            compared += 1
            // Karney's production foot stops its Newton steps at 0.1 mm, so its along-track
            // distance and foot are compared within that, its leg within the leg bound.
            #expect(abs(s.leg - k.leg) <= GeodesicFoot.shortLegBound, "\(mode) \(p): leg \(s.leg) against \(k.leg)")
            if s.segment == k.segment {
                #expect(abs(s.along - k.along) <= GeodesicFoot.shortFootBound, "\(mode) \(p): along \(s.along) against \(k.along)")
                #expect(Geodesic.distance(from: s.foot, to: k.foot) <= GeodesicFoot.shortFootBound, "\(mode) \(p)")
            } else {
                // A different segment only on a tie within the bound (points on a node, mostly):
                // Karney's leg to the short foot's segment is as short.
                otherSegment += 1
                let a = network.coordinates[Int(network.segmentFrom[Int(s.segment)])], b = network.coordinates[Int(network.segmentTo[Int(s.segment)])]
                let exact = Self.karneyFoot(of: p, on: a, b, length: network.segmentMetres[Int(s.segment)])
                #expect(abs(exact.metres - k.leg) <= 2 * GeodesicFoot.shortLegBound, "\(mode) \(p): segment \(s.segment) against \(k.segment)")
            }
        }
        #expect(compared > 100, "\(compared) points snapped")
    }
}
