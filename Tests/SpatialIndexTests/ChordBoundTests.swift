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
