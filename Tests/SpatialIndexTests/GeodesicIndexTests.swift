import TestSupport
import Testing
import GeoTypes
@testable import SpatialIndex

@Suite("GeodesicIndex equals an exhaustive Karney scan")
struct GeodesicIndexTests {
    @Test("k nearest equal brute force on seeded instances", arguments: Scenario.allCases)
    func nearestMatchesBruteForce(_ scenario: Scenario) {
        let points = scenario.points(count: 1500, seed: 42)
        let index = GeodesicIndex(points: points)
        var rng = SeededGenerator(seed: 99)
        for trial in 0..<40 {
            let q = trial.isMultiple(of: 3) ? points[trial] : scenario.point(&rng)
            let all = BruteForce.all(points, from: q, masks: nil, required: 0, accept: { _ in true })
            for k in [1, 5, 37] {
                #expect(same(index.nearest(to: q, k: k), Array(all.prefix(k))), "\(scenario) query \(q) k \(k)")
            }
        }
    }

    @Test("Building the root's halves on two threads gives the same index, byte for byte",
          arguments: [(Scenario.global, 33), (Scenario.aalborgClusters, 5_000), (Scenario.duplicates, 40_000)])
    func parallelBuildSameBytes(_ scenario: Scenario, count: Int) {
        let points = scenario.points(count: count, seed: 5)
        var rng = SeededGenerator(seed: 6)
        let masks = points.indices.map { _ in UInt64.random(in: 0 ..< 16, using: &rng) }
        let serial = GeodesicIndex(points: points, attributes: masks, parallelFrom: .max)
        let parallel = GeodesicIndex(points: points, attributes: masks, parallelFrom: 0)
        #expect(serial.packed(pointsPerPart: 4_096) == parallel.packed(pointsPerPart: 4_096))
        let q = scenario.point(&rng)
        #expect(same(parallel.nearest(to: q, k: 7), BruteForce.nearest(points, to: q, k: 7)))
    }

    @Test("Attribute masks and predicates filter inside the search", arguments: Scenario.allCases)
    func filtered(_ scenario: Scenario) {
        let points = scenario.points(count: 2000, seed: 7)
        var rng = SeededGenerator(seed: 8)
        // Bit 0 on ~10 %, bit 1 on ~50 %: required 0b11 matches ~5 %.
        let masks: [UInt64] = points.indices.map { _ in
            (UInt64.random(in: 0..<10, using: &rng) == 0 ? 1 : 0) | (Bool.random(using: &rng) ? 2 : 0)
        }
        let index = GeodesicIndex(points: points, attributes: masks)
        for _ in 0..<30 {
            let q = scenario.point(&rng)
            let odd: (Int32) -> Bool = { $0 % 2 == 1 }
            #expect(same(index.nearest(to: q, k: 5, requiring: 3), BruteForce.nearest(points, to: q, k: 5, masks: masks, required: 3)))
            #expect(same(index.nearest(to: q, k: 5, requiring: 1, where: odd),
                         BruteForce.nearest(points, to: q, k: 5, masks: masks, required: 1, accept: odd)))
            var reused = [Neighbor]()
            index.nearest(to: q, k: 5, requiring: 1, into: &reused, where: odd)
            #expect(same(reused, BruteForce.nearest(points, to: q, k: 5, masks: masks, required: 1, accept: odd)))
            let d = index.nearestDistance(to: q, requiring: 3)
            let want = BruteForce.nearest(points, to: q, k: 1, masks: masks, required: 3).first?.distance
            #expect((d == nil) == (want == nil))
            if let d, let want { #expect(abs(d - want) <= ShortGeodesic.errorBound) }
        }
    }

    @Test("Radius queries equal brute force, inclusive of the boundary", arguments: Scenario.allCases)
    func withinMatchesBruteForce(_ scenario: Scenario) {
        let points = scenario.points(count: 1500, seed: 3)
        let index = GeodesicIndex(points: points)
        var rng = SeededGenerator(seed: 4)
        for trial in 0..<30 {
            let q = scenario.point(&rng)
            let radius = [0.0, 500, 5_000, 50_000, 400_000][trial % 5]
            #expect(same(index.within(radius: radius, of: q), BruteForce.within(points, radius: radius, of: q)),
                    "\(scenario) \(q) r \(radius)")
            // The exact distance of some point as radius: that point must be included.
            let target = points[trial * 37 % points.count]
            let exact = Geodesic.distance(from: q, to: target)
            let got = index.within(radius: exact, of: q)
            #expect(same(got, BruteForce.within(points, radius: exact, of: q)))
            #expect(got.contains { $0.rank == Int32(trial * 37 % points.count) })
            // nearest with a radius agrees as well.
            #expect(same(index.nearest(to: q, k: 10, within: exact), BruteForce.nearest(points, to: q, k: 10, within: exact)))
        }
    }

    @Test("Radius 0 finds exactly the points at the query position, ordered by rank")
    func radiusZero() {
        let points = Scenario.duplicates.points(count: 300, seed: 1)
        let index = GeodesicIndex(points: points)
        let q = points[17]
        let got = index.within(radius: 0, of: q)
        let want = points.indices.filter { points[$0] == q }.map { Neighbor(rank: Int32($0), distance: 0) }
        #expect(got == want)
        #expect(got.count > 1)
    }

    @Test("k larger than the matches returns all matches; no matches returns nothing")
    func smallResults() {
        let points = Scenario.aalborgClusters.points(count: 500, seed: 5)
        let index = GeodesicIndex(points: points)
        let q = Coordinate(lon: 9.92, lat: 57.05)
        let few: (Int32) -> Bool = { $0 == 3 || $0 == 400 || $0 == 250 }
        let got = index.nearest(to: q, k: 10, where: few)
        #expect(same(got, BruteForce.nearest(points, to: q, k: 10, accept: few)))
        #expect(got.count == 3)
        #expect(index.nearest(to: q, k: 10, where: { _ in false }).isEmpty)
        #expect(index.nearest(to: q, k: 10, requiring: 1).isEmpty)   // no attribute masks: all 0
        #expect(index.within(radius: 1e6, of: q, where: { _ in false }).isEmpty)
        #expect(index.nearest(to: q, k: 0).isEmpty)
        #expect(index.nearest(to: q, k: 600).count == 500)
        #expect(GeodesicIndex(points: []).nearest(to: q, k: 3).isEmpty)
        #expect(GeodesicIndex(points: [q]).nearest(to: q, k: 3) == [Neighbor(rank: 0, distance: 0)])
    }

    @Test("Across the antimeridian the nearest points are found on the other side")
    func antimeridian() {
        let points = [Coordinate(lon: 179.999, lat: 0), Coordinate(lon: -179.999, lat: 0), Coordinate(lon: 170, lat: 0)]
        let index = GeodesicIndex(points: points)
        let got = index.nearest(to: Coordinate(lon: -179.9995, lat: 0), k: 2)
        #expect(got.map(\.rank) == [1, 0])
        #expect(got[1].distance < 200)
    }

    /// Points on (nearly) one geodesic circle around the query: their Karney distances differ by less
    /// than the series error, so the series alone cannot order them and Karney must decide.
    @Test("Near-ties are ordered by Karney's distance, then rank", arguments: [
        (Coordinate(lon: 9.92, lat: 57.05), 800.0), (Coordinate(lon: -40, lat: 75), 30_000.0),
        (Coordinate(lon: 179.995, lat: -0.5), 5_000.0), (Coordinate(lon: 10, lat: 89.99), 2_000.0),
    ])
    func nearTies(_ c: (Coordinate, Double)) {
        var rng = SeededGenerator(seed: 11)
        var points = [Coordinate]()
        for i in 0..<400 {
            // Offsets of at most a few micrometres (some exactly 0: true ties broken by rank).
            let offset = i % 5 == 0 ? 0 : Double.random(in: -4e-6...4e-6, using: &rng)
            points.append(Geodesic.direct(from: c.0, azimuth: .random(in: -180..<180, using: &rng), distance: c.1 + offset))
        }
        points.append(contentsOf: points.prefix(20))      // exact duplicates with larger ranks
        let index = GeodesicIndex(points: points)
        for k in [1, 3, 10, 60] {
            let want = BruteForce.nearest(points, to: c.0, k: k)
            let got = index.nearest(to: c.0, k: k)
            #expect(got.map(\.rank) == want.map(\.rank), "k \(k)")
            #expect(same(got, want))
        }
        // A radius at a Karney distance inside the cluster: membership decided exactly.
        let radius = Geodesic.distance(from: c.0, to: points[7])
        #expect(index.within(radius: radius, of: c.0).map(\.rank) == BruteForce.within(points, radius: radius, of: c.0).map(\.rank))
        #expect(index.nearest(to: c.0, k: 500, within: radius).map(\.rank)
                == BruteForce.nearest(points, to: c.0, k: 500, within: radius).map(\.rank))
    }

    /// Sizes around the leaf capacity and powers of two: the implicit tree's depth and the split of
    /// the last level change there, and the memory block switches between small and huge-page layout.
    @Test("Every size near the leaf capacity answers like brute force",
          arguments: [0, 1, 2, 3, 31, 32, 33, 63, 64, 65, 127, 129, 1000, 20_001])
    func sizesAroundLeafCapacity(_ n: Int) {
        let points = Scenario.aalborgClusters.points(count: n, seed: UInt64(n) + 5)
        var rng = SeededGenerator(seed: 77)
        let masks: [UInt64] = points.indices.map { _ in UInt64.random(in: 0..<4, using: &rng) }
        let index = GeodesicIndex(points: points, attributes: masks)
        #expect(index.count == n)
        #expect(index.memoryFootprint >= n * 56)
        for _ in 0..<8 {
            let q = Scenario.aalborgClusters.point(&rng)
            for (k, required) in [(1, UInt64(0)), (7, 0), (40, 0), (5, 3)] {
                #expect(same(index.nearest(to: q, k: k, requiring: required),
                             BruteForce.nearest(points, to: q, k: k, masks: masks, required: required)), "n \(n) k \(k)")
            }
            #expect(same(index.within(radius: 3_000, of: q, requiring: 1),
                         BruteForce.within(points, radius: 3_000, of: q, masks: masks, required: 1)), "n \(n)")
        }
    }
}
