import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import GeoTypes

/// Regions the short-line series is checked in: where it is used (Denmark) and where its
/// assumptions are most strained (poles, Greenland's high latitudes, the antimeridian seam).
enum PairRegion: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case denmark, greenland, equator, poles, antimeridian, global

    var testDescription: String { rawValue }

    func start(_ rng: inout SeededGenerator) -> Coordinate {
        switch self {
        case .denmark: return Coordinate(lon: .random(in: 8...15.2, using: &rng), lat: .random(in: 54.5...57.8, using: &rng))
        case .greenland: return Coordinate(lon: .random(in: -73...(-12), using: &rng), lat: .random(in: 59...84, using: &rng))
        case .equator: return Coordinate(lon: .random(in: -180...180, using: &rng), lat: .random(in: -1...1, using: &rng))
        case .poles:
            let sign: Double = Bool.random(using: &rng) ? 1 : -1
            return Coordinate(lon: .random(in: -180...180, using: &rng), lat: sign * .random(in: 88...90, using: &rng))
        case .antimeridian:
            let lon = Double.random(in: 178...182, using: &rng)
            return Coordinate(lon: lon > 180 ? lon - 360 : lon, lat: .random(in: -70...70, using: &rng))
        case .global:
            return Coordinate(lon: .random(in: -180...180, using: &rng), lat: asin(.random(in: -1...1, using: &rng)) * 180 / .pi)
        }
    }

    /// A second point at a random azimuth; the length is drawn three ways in turn (uniform to 105 km,
    /// log-uniform from 1 cm, uniform to 2 km) so short, typical and near-threshold lines all appear.
    func pair(_ rng: inout SeededGenerator, _ i: Int) -> (Coordinate, Coordinate) {
        let p = start(&rng)
        let s: Double
        switch i % 3 {
        case 0: s = .random(in: 0...105_000, using: &rng)
        case 1: s = exp(.random(in: log(0.01)...log(105_000), using: &rng))
        default: s = .random(in: 0...2_000, using: &rng)
        }
        return (p, Geodesic.direct(from: p, azimuth: .random(in: -180..<180, using: &rng), distance: s))
    }
}


@Suite("Short-line geodesic distance from the chord")
struct ShortGeodesicTests {
    /// 6 regions x 200 000 pairs (1.2 million) in debug; the proximity benchmark checks more in release.
    @Test("Series is within the error bound of Karney up to the chord threshold", arguments: PairRegion.allCases)
    func withinBound(_ region: PairRegion) {
        var rng = SeededGenerator(seed: 0x5107 &+ UInt64(region.rawValue.count))
        var worst = 0.0, used = 0, declined = 0
        for i in 0..<200_000 {
            let (p, q) = region.pair(&rng, i)
            let karney = Geodesic.distance(from: p, to: q)
            guard let fast = ShortGeodesic.distance(ECEFPoint(p), ECEFPoint(q)) else {
                declined += 1
                // Declines only above the threshold (the chord is at most the geodesic).
                #expect(karney > ShortGeodesic.maximumChord, "\(p) \(q): declined at \(karney) m")
                continue
            }
            used += 1
            let error = abs(fast - karney)
            worst = max(worst, error)
            if error > ShortGeodesic.errorBound {
                Issue.record("\(region) \(p) -> \(q): series \(fast) m, Karney \(karney) m, off by \(error) m")
            }
        }
        #expect(used > 150_000)
        #expect(declined > 0)
        // The bound has a 10x margin over the derived error; the worst case seen must respect it too.
        #expect(worst < ShortGeodesic.errorBound / 10, "\(region): worst deviation \(worst) m")
    }

    @Test("Degenerate and seam cases", arguments: [
        (Coordinate(lon: 9.9, lat: 57.0), Coordinate(lon: 9.9, lat: 57.0)),
        (Coordinate(lon: 0, lat: 90), Coordinate(lon: 120, lat: 89.9)),
        (Coordinate(lon: 45, lat: -90), Coordinate(lon: -45, lat: -89.5)),
        (Coordinate(lon: 179.99, lat: 0), Coordinate(lon: -179.99, lat: 0)),
        (Coordinate(lon: 10, lat: 0), Coordinate(lon: 10, lat: 0.5)),
        (Coordinate(lon: 10, lat: 57), Coordinate(lon: 11, lat: 57)),
        (Coordinate(lon: 180, lat: 60), Coordinate(lon: -180, lat: 60)),
    ])
    func degenerate(_ c: (Coordinate, Coordinate)) throws {
        let fast = try #require(ShortGeodesic.distance(ECEFPoint(c.0), ECEFPoint(c.1)))
        #expect(abs(fast - Geodesic.distance(from: c.0, to: c.1)) <= ShortGeodesic.errorBound)
        #expect(abs(ShortGeodesic.distance(from: c.0, to: c.1) - fast) == 0)
    }

    @Test("Long lines fall back to Karney")
    func longLines() {
        let a = Coordinate(lon: 9.9, lat: 57.0), b = Coordinate(lon: 12.57, lat: 55.68)
        #expect(ShortGeodesic.distance(ECEFPoint(a), ECEFPoint(b)) == nil)
        #expect(ShortGeodesic.distance(from: a, to: b) == Geodesic.distance(from: a, to: b))
    }
}
