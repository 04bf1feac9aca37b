import GeoTypes
import Overblik
import Testing
import TestSupport
@testable import Routing

/// Batch snapping in spatial order, and coverage that snaps while the labelling search runs, give
/// every point the answer it gets alone.
@Suite("Spatial order and snapping during the labelling keep every answer")
struct SpatialOrderTests {
    @Test("the Hilbert key walks every cell of the square once, each step to a neighbouring cell", arguments: [1, 2, 5])
    func hilbertVisitsNeighbours(_ bits: Int) {
        let side = 1 << bits
        var cellAt = [(x: Int, y: Int)?](repeating: nil, count: side * side)
        for x in 0..<side {
            for y in 0..<side {
                let d = Int(EdgeSnapper.hilbert(x: UInt32(x), y: UInt32(y), bits: bits))
                #expect(d < side * side && cellAt[d] == nil, "(\(x), \(y)) -> \(d)")
                if d < side * side { cellAt[d] = (x, y) }
            }
        }
        for d in 1..<(side * side) {
            guard let a = cellAt[d - 1], let b = cellAt[d] else { Issue.record("cell \(d) unvisited"); continue }
            #expect(abs(a.x - b.x) + abs(a.y - b.y) == 1, "step \(d)")
        }
    }

    @Test("the Hilbert key is the classic rotating construction's", arguments: [1, 3, 6])
    func hilbertIsClassic(_ bits: Int) {
        let side = UInt32(1) << bits
        for x in 0..<side {
            for y in 0..<side {
                // The textbook loop: quadrant digits from the top, rotating the coordinates.
                var (rxy, d, s) = ((x: x, y: y), UInt32(0), side >> 1)
                while s > 0 {
                    let rx: UInt32 = rxy.x & s != 0 ? 1 : 0, ry: UInt32 = rxy.y & s != 0 ? 1 : 0
                    d += s * s * ((3 * rx) ^ ry)
                    if ry == 0 {
                        if rx == 1 { rxy = (side - 1 - rxy.x, side - 1 - rxy.y) }
                        rxy = (rxy.y, rxy.x)
                    }
                    s >>= 1
                }
                #expect(EdgeSnapper.hilbert(x: x, y: y, bits: bits) == d, "(\(x), \(y))")
            }
        }
    }

    @Test("the radix sort orders by key and keeps equal keys in index order", arguments: [10, 22, 32])
    func radixSortIsStable(_ keyBits: Int) {
        var generator = SeededGenerator(seed: 31)
        let top = UInt64(1) << UInt64(keyBits)
        var values = (0..<5_000).map { (UInt64.random(in: 0..<top, using: &generator) % 1_000) << 32 | UInt64($0) }
        values += (0..<5_000).map { UInt64.random(in: 0..<top, using: &generator) << 32 | UInt64(5_000 + $0) }
        let expected = values.sorted()
        RadixSort.byUpperHalf(&values, keyBits: keyBits)
        #expect(values == expected)
    }

    @Test("the spatial order of many points is a permutation that puts neighbours together",
          .enabled(if: HelsinkiNetworkTests.available))
    func orderIsPermutation() throws {
        let network = try #require(HelsinkiNetworkTests.networks?.networks[.walk])
        let snapper = EdgeSnapper(network: network)
        var generator = SeededGenerator(seed: 32)
        let lons = network.coordinates.map(\.lon), lats = network.coordinates.map(\.lat)
        let points = (0..<6_000).map { _ in
            Coordinate(lon: .random(in: lons.min()!...lons.max()!, using: &generator), lat: .random(in: lats.min()!...lats.max()!, using: &generator))
        }
        let order = snapper.spatialOrder(points)
        #expect(order.sorted() == (0..<UInt32(points.count)).map { $0 })
        // Consecutive points in the order are far nearer each other than in the random input.
        func meanStep(_ indices: [Int]) -> Double {
            zip(indices, indices.dropFirst()).map { Geodesic.distance(from: points[$0], to: points[$1]) }.reduce(0, +) / Double(indices.count - 1)
        }
        #expect(meanStep(order.map { Int($0) }) * 5 < meanStep(Array(points.indices)))
    }

    @Test("coverage lookups snapped while the labelling runs, in spatial order, equal one point at a time",
          .enabled(if: HelsinkiNetworkTests.available),
          arguments: [(TravelMode.car, false), (.car, true), (.walk, false), (.walk, true)])
    func overlappedEqualsSequential(_ mode: TravelMode, _ holdLookups: Bool) throws {
        let network = try #require(HelsinkiNetworkTests.networks?.networks[mode])
        let snapper = EdgeSnapper(network: network)
        var generator = SeededGenerator(seed: 34)
        let points = SnapIndexTests.points(network, random: 5_000, seed: 35).shuffled(using: &generator)
        #expect(points.count >= EdgeSnapper.spatialOrderMinimum)
        let sources = RoadTargets(snaps: points.prefix(40).map { snapper.snap($0) }, network: network)
        let reference = RoadRouter(network: network)
        let labels = reference.label(sources: sources, metric: .time)
        let expected = points.map { snapper.snap($0).flatMap { reference.nearest(for: $0, labels: labels, sources: sources) } }
        let got = snapper.nearestSources(points, router: RoadRouter(network: network), sources: sources, metric: .time,
                                         threads: 2, holdLookups: holdLookups)
        #expect(got.labels.source == labels.source && got.labels.metres == labels.metres && got.labels.seconds == labels.seconds)
        #expect(got.hits == expected)
        #expect(snapper.nearestSources(points, router: RoadRouter(network: network), sources: sources, metric: .time).hits == expected)
        #expect(snapper.nearestSources(points, labels: labels, sources: sources, threads: 2) == expected)
        #expect(expected.compactMap { $0 }.count > 1_000 && expected.contains(nil))
    }
}
