import Foundation
import GeoTypes
import Routing

extension RoadsSuite {
    /// With `OVERBLIK_BENCH_ROADS_CHECK=1`: the coverage answers again with Karney's foot on every
    /// segment (the reference the short-line foot is proven against), compared point by point with
    /// the answers `hits` (short feet): how many points changed facility or reachability, and the
    /// largest change of the road cost. Also the network's longest segment (the short foot covers
    /// segments up to 2 km).
    static func karneyCheck(_ network: RoadNetwork, population: [Coordinate], hits: [RoadHit?], router: RoadRouter,
                            targets: RoadTargets) -> Result? {
        guard ProcessInfo.processInfo.environment["OVERBLIK_BENCH_ROADS_CHECK"] == "1" else { return nil }
        let start = nowNanoseconds(), cpu = processCPUNanoseconds()
        let karney = EdgeSnapper(network: network, karneyFeet: true)
        let (_, exact) = karney.nearestSources(population, router: router, sources: targets, metric: .time)
        let wall = Double(nowNanoseconds() - start) / 1e9, cpuSeconds = Double(processCPUNanoseconds() - cpu) / 1e9
        var otherFacility = 0, otherReach = 0, metres = 0.0, seconds = 0.0
        for (h, e) in zip(hits, exact) {
            switch (h, e) {
            case let (h?, e?):
                if h.target != e.target { otherFacility += 1 }
                metres = max(metres, abs(h.cost.metres - e.cost.metres))
                seconds = max(seconds, abs(h.cost.seconds - e.cost.seconds))
            case (nil, nil): break
            default: otherReach += 1
            }
        }
        let longest = network.segmentMetres.max() ?? 0
        let over = network.segmentMetres.filter { $0 > 2_000 }.count
        return Result(case_: "coverage, Karney's feet (check)", nodes: network.nodeCount, arcs: network.arcCount, seconds: wall, cpuSeconds: cpuSeconds,
                      note: "\(population.count) points: \(otherFacility) with another facility, \(otherReach) with other reachability; "
                          + "largest |difference| \(String(format: "%.3g", metres)) m, \(String(format: "%.3g", seconds)) s; "
                          + "longest segment \(fixed(longest, 1)) m, \(over) over 2 km")
    }
}
