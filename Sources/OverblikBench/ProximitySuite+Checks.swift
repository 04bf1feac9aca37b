import Foundation
import GeoTypes
import Analysis

extension ProximitySuite {
    /// Cost of one exact geodesic distance on Aalborg-scale pairs (the index's refinement step).
    struct KarneyResult: Encodable {
        var engine = "karney-distance"
        var pairs: Int
        var nanosecondsPerCall: Double
    }

    /// The chord lower bound checked on many random pairs in release: chord <= geodesic always.
    struct ChordBoundResult: Encodable {
        var engine = "chord-bound-check"
        var pairs: Int
        var violations: Int
        /// Smallest geodesic - chord seen, metres (must be >= 0 up to rounding).
        var minimumSlackMetres: Double
    }

    static func measureKarney(world: AalborgSynthetic, seed: UInt64, report: BenchReport) {
        var rng = SplitMix64(seed: seed ^ 0x4B41)
        let pairs = (0..<200_000).map { _ in (world.point(using: &rng), world.point(using: &rng)) }
        var sink = 0.0
        let t0 = nowNanoseconds()
        for (a, b) in pairs { sink += Geodesic.distance(from: a, to: b) }
        let ns = Double(nowNanoseconds() - t0) / Double(pairs.count)
        precondition(sink > 0)
        report.emit(KarneyResult(pairs: pairs.count, nanosecondsPerCall: ns))
        printError("karney distance (Aalborg pairs): \(fixed(ns, 0)) ns/call")
    }

    /// Checks chord <= geodesic on `count` pairs: half global (uniform on the sphere), half local.
    static func checkChordBound(count: Int, seed: UInt64, report: BenchReport) {
        var rng = SplitMix64(seed: seed ^ 0xC402D)
        var violations = 0
        var minSlack = Double.infinity
        let a = Geodesic.equatorialRadius, f = Geodesic.flattening, e2 = f * (2 - f)
        func ecef(_ c: Coordinate) -> (Double, Double, Double) {
            let phi = c.lat * .pi / 180, lam = c.lon * .pi / 180
            let n = a / (1 - e2 * sin(phi) * sin(phi)).squareRoot()
            return (n * cos(phi) * cos(lam), n * cos(phi) * sin(lam), n * (1 - e2) * sin(phi))
        }
        func randomPoint() -> Coordinate {
            Coordinate(lon: .random(in: -180...180, using: &rng), lat: asin(.random(in: -1...1, using: &rng)) * 180 / .pi)
        }
        for i in 0..<count {
            let p = randomPoint()
            let q: Coordinate
            if i.isMultiple(of: 2) {
                q = randomPoint()
            } else {
                let spread = [0.001, 0.1, 3][i % 3]
                q = Coordinate(lon: max(-180, min(180, p.lon + .random(in: -spread...spread, using: &rng))),
                               lat: max(-90, min(90, p.lat + .random(in: -spread...spread, using: &rng))))
            }
            let (x1, y1, z1) = ecef(p), (x2, y2, z2) = ecef(q)
            let chord = ((x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2) + (z1 - z2) * (z1 - z2)).squareRoot()
            let slack = Geodesic.distance(from: p, to: q) - chord
            minSlack = min(minSlack, slack)
            if slack < -1e-6 { violations += 1 }
        }
        report.emit(ChordBoundResult(pairs: count, violations: violations, minimumSlackMetres: minSlack))
        printError("chord bound: \(count) random pairs, \(violations) violations, min slack \(minSlack) m")
    }
}
