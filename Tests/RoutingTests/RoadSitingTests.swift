import Analysis
import Foundation
import GeoTypes
import Overblik
import Testing
import TestSupport

/// `site` and `access` by road on Helsinki (ODbL), against sets and catchments rebuilt by brute
/// force from `near --by` (a bounded search forward from each point, independent of the labelling
/// from the facilities that `site` and `access` use).
@Suite("Siting and accessibility by road through the facade")
struct RoadSitingTests {
    /// Per demand point, facility id → cost by road in seconds (no entry: unreachable).
    static func bruteForceTimes(_ overblik: Overblik, points: [Coordinate], mode: String) throws -> [[String: Double]] {
        let question = try RoadQuestion(by: mode, rank: "time")
        return points.enumerated().map { i, p in
            let place = ResolvedPlace(kind: .coordinate, name: "p\(i)", location: p)
            let hits = (try? overblik.near(place, NearQuery(limit: 1_000), by: question).hits) ?? []
            return Dictionary(hits.map { ($0.id, $0.roadMin! * 60) }, uniquingKeysWith: { a, _ in a })
        }
    }

    @Test("site -p 2 by car reaches as many residents as the best pair of candidates by brute force",
          .enabled(if: RoadQuestionsTests.available))
    func siteByCar() throws {
        let (overblik, points) = try RoadQuestionsTests().store()
        let (road, reaches) = try RoadQuestion.reaches(by: "car", within: ["90s"])
        var query = SiteQuery(filter: FacilityFilter(kinds: [.library]), reach: reaches[0], source: .population,
                              candidates: .facilities(FacilityFilter()), p: 2)
        query.road = road
        let outcome = try overblik.site(query)
        #expect(outcome.metric == "road_time" && outcome.travel == "car")

        let times = try Self.bruteForceTimes(overblik, points: points, mode: "car")
        // Rounding of near's minutes (0.06 s) must not decide any pair.
        #expect(times.allSatisfy { $0.values.allSatisfy { abs($0 - 90) > 0.1 } })
        let facilities = try overblik.catalog().facilities
        let libraries = Set(facilities.filter { $0.kind == .library }.map(\.id))
        let candidates = facilities.map(\.id).filter { !libraries.contains($0) }.sorted()
        let already = times.map { t in t.contains { libraries.contains($0.key) && $0.value <= 90 } }
        func covered(_ sites: [String]) -> Int {
            times.indices.filter { i in !already[i] && sites.contains { times[i][$0].map { $0 <= 90 } ?? false } }.count
        }
        var best = 0
        for a in candidates.indices { for b in candidates.indices where b > a { best = max(best, covered([candidates[a], candidates[b]])) } }
        #expect(best > 0)
        #expect(outcome.alreadyCoveredPopulation == Double(already.filter { $0 }.count))
        #expect(outcome.newlyCoveredPopulation == Double(best))
        #expect(Double(covered(outcome.sites.map(\.id))) == outcome.newlyCoveredPopulation)
        #expect(outcome.provedOptimal)
    }

    @Test("access by walking time has the 2SFCA ratios and mean of brute-force walking times",
          .enabled(if: RoadQuestionsTests.available))
    func accessByWalk() throws {
        let (overblik, points) = try RoadQuestionsTests().store()
        let (road, reaches) = try RoadQuestion.reaches(by: "walk", within: ["10min"])
        var query = AccessibilityQuery(reach: reaches[0], source: .population)
        query.road = road
        let outcome = try overblik.accessibility(query)
        #expect(outcome.metric == "road_time" && outcome.travel == "walk")
        #expect(outcome.catchmentS == 600 && outcome.catchmentM == nil)
        #expect(outcome.facilities.contains { $0.supply > 0 })

        let times = try Self.bruteForceTimes(overblik, points: points, mode: "walk")
        func weight(_ seconds: Double?) -> Double {
            guard let seconds, seconds <= 600 else { return 0 }
            return DistanceDecay.gaussian.weight(metres: seconds, catchmentMetres: 600)
        }
        var ratio: [String: Double] = [:]
        for f in outcome.facilities {
            let demand = times.reduce(0.0) { $0 + weight($1[f.id]) }
            ratio[f.id] = demand > 0 ? f.supply / demand : 0
            #expect(abs(f.ratio - ratio[f.id]!) <= 1e-3 * max(1e-9, ratio[f.id]!), "\(f.id)")
        }
        let access = times.map { t in outcome.facilities.reduce(0.0) { $0 + (ratio[$1.id] ?? 0) * weight(t[$1.id]) } }
        let mean = access.reduce(0, +) / Double(access.count)
        #expect(mean > 0)
        #expect(abs((outcome.total ?? -1) - mean) <= 1e-3 * mean)
    }
}
