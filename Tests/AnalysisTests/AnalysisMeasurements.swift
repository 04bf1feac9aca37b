import Foundation
import Testing
@testable import Analysis

/// Timings and gaps on large seeded instances. Prints, never asserts on time.
/// Run: `OVERBLIK_MEASURE=1 swift test -c release --filter AnalysisMeasurements`
@Suite("Analysis measurements", .enabled(if: ProcessInfo.processInfo.environment["OVERBLIK_MEASURE"] != nil))
struct AnalysisMeasurements {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test("Siting on 10 000 demand points and 1 000 candidates", arguments: [(UInt64(1), 5), (1, 10), (1, 20), (2, 5), (2, 10), (2, 20)])
    func siting(seed: UInt64, p: Int) throws {
        let instance = RandomInstance(seed: seed, demand: 10_000, candidates: 1_000, clusters: 60)
        var rows: SparseRows!
        let tCover = Self.seconds { rows = instance.coverage(rural: 5_000, urban: 2_000) }
        let problem = try CoverageProblem(candidatesReaching: rows, weights: instance.weights, rural: instance.rural,
                                          ruralMultiplier: 1.5)
        if let dir = ProcessInfo.processInfo.environment["OVERBLIK_EXPORT"], p == 5 {
            // One line per demand point: value, then the candidates reaching it (for an external MILP check).
            var text = ""
            for i in 0 ..< problem.demandCount {
                text += "\(problem.values[i])" + problem.candidatesReaching.row(i).map { " \($0)" }.joined() + "\n"
            }
            try text.write(toFile: "\(dir)/mclp-seed\(seed).txt", atomically: true, encoding: .utf8)
        }
        var s: SitingSolution!
        let t = Self.seconds { s = MaximalCovering.solve(problem, p: p, options: SitingOptions(exactCombinationLimit: 0)) }
        print(String(format: "MEASURE siting seed=%d p=%d entries=%d time=%.3fs (coverage sets %.2fs) value=%.1f greedy=%.1f swaps=%d UB=%.1f gap=%.4f%% proved=%@",
                     Int(seed), p, rows.entryCount, t, tCover, s.value, s.greedyValue, s.swaps, s.upperBound, 100 * s.gap,
                     s.provedOptimal ? "yes" : "no"))
        #expect(s.value <= s.upperBound * (1 + 1e-12))
        // Phase times.
        var g: [Int] = [], ls = g
        let tg = Self.seconds { g = MaximalCovering.greedy(problem, p: p, start: []) }
        ls = g
        let tl = Self.seconds { _ = MaximalCovering.localSearch(problem, sites: &ls) }
        var lag: LagrangianOutcome!
        let tb = Self.seconds { lag = MaximalCovering.lagrangianBound(problem, p: p, lowerBound: problem.coveredValue(of: ls), iterations: 400) }
        print(String(format: "MEASURE phases p=%d greedy=%.3fs local=%.3fs lagrangian=%.3fs UB=%.1f heuristicLB=%.1f",
                     p, tg, tl, tb, lag.upper, lag.bestValue))
    }

    @Test("Coverage classification of 1 000 000 points")
    func classification() throws {
        var rng = SeededGenerator(seed: 9)
        let n = 1_000_000
        let districts = (0 ..< 80).map { DistrictInfo(code: "D\($0)", name: "", rural: $0 % 3 != 0) }
        let weights = (0 ..< n).map { _ in Double(Int.random(in: 0 ... 5, using: &rng)) }
        let ds = (0 ..< n).map { _ in Int32(Int.random(in: -1 ..< 80, using: &rng)) }
        let metres = (0 ..< n).map { _ in Double.random(in: 0 ... 12_000, using: &rng) }
        let analysis = try CoverageAnalysis(districts: districts, points: try DemandPoints(weights: weights, districts: ds),
                                            facilityDistricts: [], reaches: [Reach(.within(metres: 5_000)),
                                                                             Reach(.byClass(ruralMetres: 5_000, urbanMetres: 2_000))])
        for threads in [1, 2] {
            var r: CoverageResult!
            let t = Self.seconds { r = analysis.run(threads: threads) { i in NearestFacility(facility: 0, metres: metres[i]) } }
            print(String(format: "MEASURE coverage n=%d threads=%d time=%.3fs rate=%.2fM points/s", n, threads, t, Double(n) / t / 1e6))
            #expect(r.report.total.points == n)
            let facility = r.nearestFacility, nearest = r.nearestMetres
            let t2 = try Self.seconds { _ = try analysis.run(nearestFacility: facility, nearestMetres: nearest, threads: threads) }
            print(String(format: "MEASURE coverage from arrays n=%d threads=%d time=%.3fs", n, threads, t2))
        }
    }
}
