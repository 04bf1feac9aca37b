import Foundation
import GeoTypes
import Overblik
import Routing
import Testing
import TestSupport

/// Road networks from ../shared/data/osm/helsinki.osm.pbf (© OpenStreetMap contributors, ODbL).
@Suite("Helsinki road networks")
struct HelsinkiNetworkTests {
    static let file = TestSupport.sharedData.map { $0.appendingPathComponent("osm/helsinki.osm.pbf").path }
    static let available = file.map { FileManager.default.fileExists(atPath: $0) } ?? false
    static let networks: RoadNetworks? = available ? try? RoadNetworks.read(osmFile: file!) : nil

    /// A textbook Dijkstra over the segment list (not the router's CSR), with its own heap.
    static func bruteForce(_ network: RoadNetwork, from source: Int, seconds: Bool) -> [Double] {
        var adjacency = [[(Int, Double)]](repeating: [], count: network.nodeCount)
        for s in 0..<network.segmentCount {
            let u = Int(network.segmentFrom[s]), v = Int(network.segmentTo[s])
            let w = seconds ? network.segmentMetres[s] / network.segmentSpeed[s] : network.segmentMetres[s]
            if network.segmentDirections[s] & 1 != 0 { adjacency[u].append((v, w)) }
            if network.segmentDirections[s] & 2 != 0 { adjacency[v].append((u, w)) }
        }
        var dist = [Double](repeating: .infinity, count: network.nodeCount)
        var done = [Bool](repeating: false, count: network.nodeCount)
        var heap: [(Double, Int)] = [(0, source)]
        dist[source] = 0
        func push(_ e: (Double, Int)) {
            heap.append(e)
            var i = heap.count - 1
            while i > 0, heap[(i - 1) / 2].0 > heap[i].0 { heap.swapAt(i, (i - 1) / 2); i = (i - 1) / 2 }
        }
        func pop() -> (Double, Int) {
            let top = heap[0]
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count, heap[l].0 < heap[m].0 { m = l }
                if r < heap.count, heap[r].0 < heap[m].0 { m = r }
                if m == i { break }
                heap.swapAt(i, m); i = m
            }
            return top
        }
        while !heap.isEmpty {
            let (d, u) = pop()
            if done[u] { continue }
            done[u] = true
            for (v, w) in adjacency[u] where d + w < dist[v] {
                dist[v] = d + w
                push((d + w, v))
            }
        }
        return dist
    }

    /// A snap standing exactly on node `v` (leg 0).
    static func onNode(_ network: RoadNetwork, _ v: Int) -> RoadSnap {
        let s = network.outSegment[Int(network.outStart[v])]
        let atFrom = Int(network.segmentFrom[Int(s)]) == v
        return RoadSnap(segment: s, along: atFrom ? 0 : network.segmentMetres[Int(s)], foot: network.coordinates[v], leg: 0)
    }

    @Test("each mode keeps one part with every node able to reach every other", .enabled(if: available),
          arguments: TravelMode.allCases)
    func keptPartIsConnected(_ mode: TravelMode) throws {
        let network = try #require(Self.networks?.networks[mode])
        #expect(network.nodeCount > 1000)
        let dist = Self.bruteForce(network, from: 0, seconds: false)
        #expect(dist.allSatisfy { $0.isFinite })
        let report = try #require(Self.networks?.reports.first { $0.mode == mode })
        #expect(report.keptNodes == network.nodeCount && report.keptNodes <= report.allNodes)
    }

    @Test("labelled distances and times equal a brute-force Dijkstra and never undercut the geodesic",
          .enabled(if: available), arguments: TravelMode.allCases)
    func distancesMatchBruteForce(_ mode: TravelMode) throws {
        let network = try #require(Self.networks?.networks[mode])
        let router = RoadRouter(network: network)
        var generator = SeededGenerator(seed: 20)
        for _ in 0..<3 {
            let source = Int.random(in: 0..<network.nodeCount, using: &generator)
            let targets = RoadTargets(snaps: [Self.onNode(network, source)], network: network)
            for metric in [RoadMetric.distance, .time] {
                let labels = router.label(sources: targets, metric: metric, towardSources: false)
                let brute = Self.bruteForce(network, from: source, seconds: metric == .time)
                let got = metric == .distance ? labels.metres : labels.seconds
                let worst = zip(got, brute).map { abs($0 - $1) }.max() ?? 0
                #expect(worst < 1e-6, "\(mode) \(metric) from node \(source): worst difference \(worst)")
                // With a limit (the median cost), exactly the nodes within it are labelled, alike.
                let reached = got.filter(\.isFinite).sorted()
                let limit = reached[reached.count / 2]
                let bounded = router.label(sources: targets, metric: metric, towardSources: false, limit: limit)
                let boundedGot = metric == .distance ? bounded.metres : bounded.seconds
                let wrong = (0..<network.nodeCount).filter { v in
                    got[v] <= limit ? (boundedGot[v] != got[v] || bounded.source[v] != 0)
                                    : (boundedGot[v] != .infinity || bounded.source[v] != -1)
                }
                #expect(wrong.isEmpty && reached.count > 10, "\(mode) \(metric) limit \(limit): \(wrong.count) nodes differ")
            }
            let labels = router.label(sources: targets, metric: .distance, towardSources: false)
            for v in stride(from: 0, to: network.nodeCount, by: 7) {
                let straight = Geodesic.distance(from: network.coordinates[source], to: network.coordinates[v])
                #expect(labels.metres[v] >= straight - 1e-6)
            }
        }
    }

    @Test("a bounded search finds the same k nearest targets as labelling each one", .enabled(if: available))
    func boundedSearchAgreesWithLabels() throws {
        let network = try #require(Self.networks?.networks[.car])
        let snapper = EdgeSnapper(network: network)
        var generator = SeededGenerator(seed: 7)
        let box = network.coordinates.reduce(into: (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)) {
            $0 = (min($0.0, $1.lon), min($0.1, $1.lat), max($0.2, $1.lon), max($0.3, $1.lat))
        }
        func randomPoint() -> Coordinate {
            Coordinate(lon: .random(in: box.0...box.2, using: &generator), lat: .random(in: box.1...box.3, using: &generator))
        }
        let facilities = (0..<40).map { _ in snapper.snap(randomPoint()) }
        let targets = RoadTargets(snaps: facilities, network: network)
        let router = RoadRouter(network: network)
        for _ in 0..<10 {
            guard let query = snapper.snap(randomPoint()) else { continue }
            let hits = router.nearest(from: query, to: targets, k: 5, metric: .time)
            // Each facility on its own: a label search from the query over all nodes.
            let labels = router.label(sources: RoadTargets(snaps: [query], network: network), metric: .time, towardSources: false)
            var each: [(Double, Int)] = []
            for (i, f) in facilities.enumerated() {
                guard let f else { continue }
                var best = network.direct(from: query, to: f)?.seconds ?? .infinity
                for seed in network.arrivals(f) { best = min(best, labels.seconds[Int(seed.node)] + seed.cost.seconds) }
                each.append((best, i))
            }
            each.sort { $0 < $1 }
            #expect(hits.map(\.target) == each.prefix(5).map(\.1))
            for (hit, expected) in zip(hits, each) { #expect(abs(hit.cost.seconds - expected.0) < 1e-6) }
        }
    }

    @Test("one-way streets bind cars and not walkers", .enabled(if: available))
    func oneWayRespectedByCarNotOnFoot() throws {
        let car = try #require(Self.networks?.networks[.car]), walk = try #require(Self.networks?.networks[.walk])
        let walkNode = Dictionary(walk.coordinates.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let carRouter = RoadRouter(network: car)
        var checked = 0
        for s in 0..<car.segmentCount where car.segmentDirections[s] == 1 && checked < 20 {
            let u = Int(car.segmentFrom[s]), v = Int(car.segmentTo[s])
            guard let wu = walkNode[car.coordinates[u]], let wv = walkNode[car.coordinates[v]] else { continue }
            let back = carRouter.label(sources: RoadTargets(snaps: [Self.onNode(car, v)], network: car),
                                       metric: .distance, towardSources: false)
            #expect(back.metres[u] > car.segmentMetres[s] + 1, "car goes against segment \(s)")
            let onFoot = Self.bruteForce(walk, from: wv, seconds: false)
            #expect(onFoot[wu] <= car.segmentMetres[s] + 1e-6)
            checked += 1
        }
        #expect(checked == 20)
    }
}
