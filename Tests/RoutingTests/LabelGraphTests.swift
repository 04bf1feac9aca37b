import GeoTypes
import Testing
import TestSupport
@testable import Routing

/// The labelling's graph (nodes renumbered along a Hilbert curve, arcs in one record, the next
/// node's arcs fetched ahead) gives the labels of the general search on the network's own ids,
/// even where most keys tie and the order of settling decides each node's source.
@Suite("The labelling graph keeps the general search's labels")
struct LabelGraphTests {
    /// A `side` × `side` grid of 100 m links at 10 m/s (so that costs are whole numbers and most
    /// keys tie), its node ids shuffled (so that the Hilbert order differs from them), a few
    /// links one-way and a few missing.
    static func tiedGrid(side: Int, seed: UInt64) -> RoadNetwork {
        var generator = SeededGenerator(seed: seed)
        let ids = (0..<UInt32(side * side)).shuffled(using: &generator)
        var coordinates = [Coordinate](repeating: Coordinate(lon: 0, lat: 0), count: side * side)
        for r in 0..<side {
            for c in 0..<side { coordinates[Int(ids[r * side + c])] = Coordinate(lon: 10 + Double(c) * 0.0016, lat: 55 + Double(r) * 0.0009) }
        }
        var from: [UInt32] = [], to: [UInt32] = [], directions: [UInt8] = []
        for r in 0..<side {
            for c in 0..<side {
                for (dr, dc) in [(0, 1), (1, 0)] where r + dr < side && c + dc < side {
                    let roll = Int.random(in: 0..<100, using: &generator)
                    guard roll >= 3 else { continue }
                    from.append(ids[r * side + c])
                    to.append(ids[(r + dr) * side + c + dc])
                    directions.append(roll < 8 ? 1 : roll < 12 ? 2 : 3)
                }
            }
        }
        return RoadNetwork(mode: .car, coordinates: coordinates, segmentFrom: from, segmentTo: to,
                           segmentMetres: [Double](repeating: 100, count: from.count),
                           segmentSpeed: [Double](repeating: 10, count: from.count), segmentDirections: directions)
    }

    @Test("on a grid where most keys tie every node gets the cost, other cost and source of the 4-ary search",
          arguments: [1 as UInt64, 2, 3])
    func tiesAsTheGeneralSearch(_ seed: UInt64) {
        let network = Self.tiedGrid(side: 60, seed: seed)
        var generator = SeededGenerator(seed: seed ^ 0xF00D)
        // Sources at segment ends and midpoints, with legs of whole metres: equal costs everywhere.
        let snaps: [RoadSnap?] = (0..<40).map { _ in
            let s = Int.random(in: 0..<network.segmentCount, using: &generator)
            return RoadSnap(segment: UInt32(s), along: [0, 50, 100][Int.random(in: 0..<3, using: &generator)],
                            foot: network.coordinates[Int(network.segmentFrom[s])], leg: Double(Int.random(in: 0..<3, using: &generator)) * 10)
        }
        let sources = RoadTargets(snaps: snaps, network: network)
        let router = RoadRouter(network: network)
        for (metric, toward, limit) in [(RoadMetric.time, true, Double.infinity), (.distance, false, .infinity), (.distance, true, 700.0)] {
            var expected = (metres: [Double](repeating: .infinity, count: network.nodeCount), seconds: [Double](repeating: .infinity, count: network.nodeCount),
                            source: [Int32](repeating: -1, count: network.nodeCount))
            let seeds = snaps.enumerated().flatMap { i, snap in
                (toward ? network.arrivals(snap!) : network.departures(snap!)).map { (seed: $0, origin: Int32(i)) }
            }
            router.search(seeds: seeds, metric: metric, reverse: toward, limit: limit) { v, _, cost, origin in
                (expected.metres[Int(v)], expected.seconds[Int(v)], expected.source[Int(v)]) = (cost.metres, cost.seconds, origin)
                return true
            }
            let labels = router.label(sources: sources, metric: metric, towardSources: toward, limit: limit)
            #expect(labels.source == expected.source, "\(metric) toward \(toward) limit \(limit)")
            #expect(labels.metres.map(\.bitPattern) == expected.metres.map(\.bitPattern) && labels.seconds.map(\.bitPattern) == expected.seconds.map(\.bitPattern))
            // Many sources (most nodes have another at the same cost); the limit leaves nodes out.
            #expect(Set(labels.source).count > 20 && (!limit.isFinite || labels.source.contains(-1)))
        }
    }

    @Test("the graph lists every arc of every node once, renumbered, with the network's costs and order")
    func layout() {
        let network = Self.tiedGrid(side: 12, seed: 7)
        let router = RoadRouter(network: network)
        let graph = router.labelGraph(metric: .time, reverse: true)
        let (key, other) = router.costs(metric: .time, reverse: true)
        #expect(graph.order.sorted() == (0..<UInt32(network.nodeCount)).map { $0 })
        #expect(graph.order != (0..<UInt32(network.nodeCount)).map { $0 })
        for u in 0..<network.nodeCount {
            let v = Int(graph.order[u])
            #expect(graph.rank[v] == UInt32(u))
            let old = Int(network.inStart[v])..<Int(network.inStart[v + 1]), new = Int(graph.start[u])..<Int(graph.start[u + 1])
            #expect(old.count == new.count && graph.first(u) == (new.isEmpty ? .max : UInt32(new.lowerBound)))
            for (a, b) in zip(old, new) {
                let arc = graph.arcs[b], head = arc.head & ~LabelArc.lastOfNode
                #expect(graph.order[Int(head)] == network.inTail[a] && arc.key == key[a] && arc.other == other[a])
                #expect((arc.head & LabelArc.lastOfNode != 0) == (b == new.upperBound - 1) && arc.first == graph.first(Int(head)))
            }
        }
    }
}
