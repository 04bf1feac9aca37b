import Foundation
import GeoTypes
import Overblik
import Testing
import TestSupport
@testable import Routing

/// The packed segment grid, the foot that solves an end point only when it can win, the batch
/// (multi-threaded) snapping and lookups, and the one-record-per-node labelling all give exactly
/// the answers of the searches they replaced.
@Suite("Snap index and parallel coverage give the answers of the plain searches")
struct SnapIndexTests {
    /// The foot as first written: both end points solved up front, then the steps.
    static func originalFoot(of point: Coordinate, on a: Coordinate, _ b: Coordinate, length: Double)
        -> (along: Double, foot: Coordinate, metres: Double) {
        let start = Geodesic.inverse(from: a, to: b)
        let pa = ECEFPoint(a), pb = ECEFPoint(b), pp = ECEFPoint(point)
        let ux = pb.x - pa.x, uy = pb.y - pa.y, uz = pb.z - pa.z
        let uu = ux * ux + uy * uy + uz * uz
        let t = uu > 0 ? ((pp.x - pa.x) * ux + (pp.y - pa.y) * uy + (pp.z - pa.z) * uz) / uu : 0
        var s = min(max(t, 0), 1) * length
        var best = (along: 0.0, foot: a, metres: Geodesic.distance(from: point, to: a))
        let atEnd = Geodesic.distance(from: point, to: b)
        if atEnd < best.metres { best = (length, b, atEnd) }
        for _ in 0..<30 {
            let here = Geodesic.destination(from: a, azimuth: start.initialAzimuth, distance: s)
            let toPoint = Geodesic.inverse(from: here.point, to: point)
            if toPoint.distance < best.metres { best = (s, here.point, toPoint.distance) }
            guard toPoint.distance > 0 else { break }
            let angle = (toPoint.initialAzimuth - here.finalAzimuth) * (Double.pi / 180)
            let next = min(max(s + toPoint.distance * cos(angle), 0), length)
            if abs(next - s) < 1e-4 { break }
            s = next
        }
        return best
    }

    /// The first lower bound: the 3D distance to the chord (both ends in double precision) less
    /// the sagitta and 1 mm.
    static func chordBound(_ p: ECEFPoint, _ network: RoadNetwork, _ ecef: [ECEFPoint], _ s: Int) -> Double {
        let a = ecef[Int(network.segmentFrom[s])], b = ecef[Int(network.segmentTo[s])]
        let ux = b.x - a.x, uy = b.y - a.y, uz = b.z - a.z
        let uu = ux * ux + uy * uy + uz * uz
        let t = uu > 0 ? min(max(((p.x - a.x) * ux + (p.y - a.y) * uy + (p.z - a.z) * uz) / uu, 0), 1) : 0
        let dx = p.x - (a.x + t * ux), dy = p.y - (a.y + t * uy), dz = p.z - (a.z + t * uz)
        let length = network.segmentMetres[s]
        return (dx * dx + dy * dy + dz * dz).squareRoot() - length * length / (8 * 6.33e6) - 0.001
    }

    /// No grid: every segment of the network ranked by the first chord bound, refined with the
    /// original foot until the bound passes the best; nil past 1 km. Ties go to the lowest segment.
    static func exhaustiveSnap(_ point: Coordinate, _ network: RoadNetwork, _ ecef: [ECEFPoint]) -> RoadSnap? {
        let p = ECEFPoint(point)
        let ranked = (0..<network.segmentCount).map { (chordBound(p, network, ecef, $0), $0) }.sorted { $0 < $1 }
        var best: RoadSnap? = nil
        for (bound, s) in ranked {
            if let best, bound > best.leg { break }
            let a = network.coordinates[Int(network.segmentFrom[s])], b = network.coordinates[Int(network.segmentTo[s])]
            let f = originalFoot(of: point, on: a, b, length: network.segmentMetres[s])
            if best == nil || f.metres < best!.leg || (f.metres == best!.leg && s < best!.segment) {
                best = RoadSnap(segment: UInt32(s), along: f.along, foot: f.foot, leg: f.metres)
            }
        }
        return best.flatMap { $0.leg <= EdgeSnapper.maximumLeg ? $0 : nil }
    }

    /// Random points over the network's box and 2 km beyond, every 80th node exactly, and points
    /// 3 m off the middle of every 120th segment.
    static func points(_ network: RoadNetwork, random count: Int, seed: UInt64) -> [Coordinate] {
        var generator = SeededGenerator(seed: seed)
        let lons = network.coordinates.map(\.lon), lats = network.coordinates.map(\.lat)
        var points = (0..<count).map { _ in
            Coordinate(lon: .random(in: (lons.min()! - 0.03)...(lons.max()! + 0.03), using: &generator),
                       lat: .random(in: (lats.min()! - 0.02)...(lats.max()! + 0.02), using: &generator))
        }
        points += stride(from: 0, to: network.nodeCount, by: 80).map { network.coordinates[$0] }
        for s in stride(from: 0, to: network.segmentCount, by: 120) {
            let a = network.coordinates[Int(network.segmentFrom[s])], b = network.coordinates[Int(network.segmentTo[s])]
            points.append(Coordinate(lon: (a.lon + b.lon) / 2 + 0.00003, lat: (a.lat + b.lat) / 2 + 0.00002))
        }
        return points
    }

    @Test("the grid and single-precision chord bounds snap every point as the exhaustive search with the original foot does",
          .enabled(if: HelsinkiNetworkTests.available), arguments: TravelMode.allCases)
    func gridEqualsExhaustive(_ mode: TravelMode) throws {
        let network = try #require(HelsinkiNetworkTests.networks?.networks[mode])
        // Karney's feet throughout, as the exhaustive search uses (ShortFootTests compares the
        // short feet with these).
        let snapper = EdgeSnapper(network: network, karneyFeet: true)
        let ecef = network.coordinates.map(ECEFPoint.init)
        var onNode = 0, far = 0
        for p in Self.points(network, random: 80, seed: 11) {
            let got = snapper.snap(p), expected = Self.exhaustiveSnap(p, network, ecef)
            #expect(got == expected, "\(mode) \(p)")
            if got?.leg == 0 { onNode += 1 }
            if got == nil { far += 1 }
        }
        // Points on nodes (ties between the segments meeting there) and beyond 1 km were both tried.
        #expect(onNode > 5 && far > 0, "on a node \(onNode), beyond 1 km \(far)")
    }

    @Test("batch snapping and coverage lookups on two threads equal one point at a time",
          .enabled(if: HelsinkiNetworkTests.available), arguments: [TravelMode.car, .walk])
    func parallelEqualsSequential(_ mode: TravelMode) throws {
        let network = try #require(HelsinkiNetworkTests.networks?.networks[mode])
        let snapper = EdgeSnapper(network: network)
        let router = RoadRouter(network: network)
        let points = Self.points(network, random: 1_200, seed: 12)
        let facilities = Array(points.prefix(30)).map { snapper.snap($0) }
        let sources = RoadTargets(snaps: facilities, network: network)
        let labels = router.label(sources: sources, metric: .time)
        let one = points.map { snapper.snap($0) }
        #expect(snapper.snap(points, threads: 2) == one)
        let sequential = one.map { $0.flatMap { router.nearest(for: $0, labels: labels, sources: sources) } }
        #expect(snapper.nearestSources(points, labels: labels, sources: sources, threads: 2) == sequential)
        #expect(snapper.nearestSources(points, labels: labels, sources: sources, threads: 1) == sequential)
        #expect(sequential.compactMap { $0 }.count > 300)
    }

    @Test("the labelling search gives every node the cost and source of the general search",
          .enabled(if: HelsinkiNetworkTests.available), arguments: TravelMode.allCases)
    func labellingEqualsGeneralSearch(_ mode: TravelMode) throws {
        let network = try #require(HelsinkiNetworkTests.networks?.networks[mode])
        let snapper = EdgeSnapper(network: network)
        let router = RoadRouter(network: network)
        let sources = RoadTargets(snaps: Self.points(network, random: 40, seed: 13).prefix(40).map { snapper.snap($0) }, network: network)
        for (metric, toward, limit) in [(RoadMetric.time, true, Double.infinity), (.distance, false, .infinity), (.time, true, 20.0)] {
            var seeds: [(seed: RoadSeed, origin: Int32)] = []
            for (i, snap) in sources.snaps.enumerated() {
                guard let snap else { continue }
                for seed in toward ? network.arrivals(snap) : network.departures(snap) { seeds.append((seed, Int32(i))) }
            }
            var metres = [Double](repeating: .infinity, count: network.nodeCount), seconds = metres
            var source = [Int32](repeating: -1, count: network.nodeCount)
            router.search(seeds: seeds, metric: metric, reverse: toward, limit: limit) { v, _, c, label in
                (metres[Int(v)], seconds[Int(v)], source[Int(v)]) = (c.metres, c.seconds, label)
                return true
            }
            let labels = router.label(sources: sources, metric: metric, towardSources: toward, limit: limit)
            #expect(labels.metres == metres && labels.seconds == seconds && labels.source == source, "\(mode) \(metric) limit \(limit)")
            #expect(source.contains(-1) == limit.isFinite)
        }
    }
}
