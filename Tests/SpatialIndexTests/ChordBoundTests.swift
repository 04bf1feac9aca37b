import TestSupport
import Testing
import GeoTypes
@testable import SpatialIndex

@Suite("Chord lower bound")
struct ChordBoundTests {
    /// The index prunes with the straight-line (ECEF) distance; it must never exceed the geodesic.
    /// 6 x 60 000 pairs here; the benchmark checks millions in release (the proof is in ChordBound.swift; this guards the implementation).
    @Test("Chord never exceeds the Karney distance", arguments: Scenario.allCases)
    func chordIsLowerBound(_ scenario: Scenario) {
        var rng = SeededGenerator(seed: 2026)
        var worstSlack = Double.infinity
        for _ in 0..<30_000 {
            let p = scenario.point(&rng), q = Scenario.global.point(&rng)
            let near = scenario.point(&rng)
            for other in [q, near] {
                let a = ChordBound.ecef(p), b = ChordBound.ecef(other)
                let chord = ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z)).squareRoot()
                let s = Geodesic.distance(from: p, to: other)
                worstSlack = min(worstSlack, s - chord)
                #expect(chord - ChordBound.margin <= s, "\(p) \(other): chord \(chord) > geodesic \(s)")
            }
        }
        #expect(worstSlack > -ChordBound.margin)
    }

    @Test("ECEF of known points", arguments: [
        (Coordinate(lon: 0, lat: 0), 6_378_137.0, 0.0, 0.0),
        (Coordinate(lon: 90, lat: 0), 0.0, 6_378_137.0, 0.0),
        (Coordinate(lon: 0, lat: 90), 0.0, 0.0, 6_356_752.314245),
    ])
    func ecef(_ c: (Coordinate, Double, Double, Double)) {
        let e = ChordBound.ecef(c.0)
        #expect(abs(e.x - c.1) < 1e-6 && abs(e.y - c.2) < 1e-6 && abs(e.z - c.3) < 1e-6, "\(e)")
    }
}

@Suite("Single-precision node boxes")
struct BoxTests {
    @Test("Outward rounding keeps every coordinate inside its Float bounds")
    func outwardRounding() {
        var rng = SeededGenerator(seed: 17)
        for _ in 0..<100_000 {
            let v = Double.random(in: -6_400_000...6_400_000, using: &rng)
            #expect(Double(GeodesicIndex.Box.down(v)) <= v && v <= Double(GeodesicIndex.Box.up(v)), "\(v)")
        }
    }

    @Test("A box built from points has distance 0 to each of them")
    func containsPoints() {
        var box = GeodesicIndex.Box()
        let points = Scenario.global.points(count: 500, seed: 9).map(ChordBound.ecef)
        for p in points { box.extend(p.x, p.y, p.z) }
        #expect(points.allSatisfy { box.distanceSquared($0.x, $0.y, $0.z) == 0 })
    }

    @Test("The index stays under 64 bytes per point")
    func footprint() {
        let index = GeodesicIndex(points: Scenario.aalborgClusters.points(count: 50_000, seed: 1))
        #expect(Double(index.memoryFootprint) / 50_000 < 64)
    }
}
