import TestSupport
import Foundation
import Testing
@testable import Analysis

/// Timings and gaps on large seeded instances. Prints, never asserts on time.
/// Run serially so that CPU time belongs to one measurement:
/// `OVERBLIK_MEASURE=1 swift test -c release -Xswiftc -enable-testing --no-parallel --filter AnalysisMeasurements`
/// (`OVERBLIK_EXPORT=DIR` also writes the p = 5 instances as text, one demand point per line:
/// value, then the candidates reaching it, for checking against an external MILP solver.)
@Suite("Analysis measurements", .enabled(if: ProcessInfo.processInfo.environment["OVERBLIK_MEASURE"] != nil))
struct AnalysisMeasurements {
    /// CPU seconds of this process (user + system). On a shared, loaded machine this tracks the work
    /// done better than wall time; for single-threaded code it is the uncontended run time.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Wall and CPU seconds of `body`.
    static func time(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpu = cpuSeconds()
        try body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds() - cpu)
    }

    @Test("Siting on 10 000 demand points and 1 000 candidates", arguments: [(UInt64(1), 5), (1, 10), (1, 20), (2, 5), (2, 10), (2, 20)])
    func siting(seed: UInt64, p: Int) throws {
        let instance = RandomInstance(seed: seed, demand: 10_000, candidates: 1_000, clusters: 60)
        let rows = instance.coverage(rural: 5_000, urban: 2_000)
        let problem = try CoverageProblem(candidatesReaching: rows, weights: instance.weights, rural: instance.rural,
                                          ruralMultiplier: 1.5)
        if let dir = ProcessInfo.processInfo.environment["OVERBLIK_EXPORT"], p == 5 {
            var text = ""
            for i in 0 ..< problem.demandCount {
                text += "\(problem.values[i])" + problem.candidatesReaching.row(i).map { " \($0)" }.joined() + "\n"
            }
            try text.write(toFile: "\(dir)/mclp-seed\(seed).txt", atomically: true, encoding: .utf8)
        }
        var s: SitingSolution!
        let t = Self.time { s = MaximalCovering.solve(problem, p: p) }
        var greedy: [Int] = []
        let tg = Self.time { greedy = MaximalCovering.greedy(problem, p: p, start: []) }
        let tl = Self.time { _ = MaximalCovering.localSearch(problem, sites: &greedy) }
        print(String(format: "MEASURE siting seed=%d p=%d entries=%d wall=%.3fs cpu=%.3fs (greedy %.3fs, local search %.3fs) value=%.1f greedy=%.1f swaps=%d UB=%.1f gap=%.4f%% proved=%@",
                     Int(seed), p, rows.entryCount, t.wall, t.cpu, tg.cpu, tl.cpu, s.value, s.greedyValue, s.swaps,
                     s.upperBound, 100 * s.gap, s.provedOptimal ? "yes" : "no"))
        #expect(s.value <= s.upperBound * (1 + 1e-12))
    }

    @Test("Exact siting by branch and bound on mid-sized instances", arguments: [(UInt64(3), 30, 5), (4, 40, 5), (5, 60, 4)])
    func exact(seed: UInt64, candidates: Int, p: Int) throws {
        let instance = RandomInstance(seed: seed, demand: 2_000, candidates: candidates, clusters: 20)
        let problem = try CoverageProblem(candidatesReaching: instance.coverage(rural: 3_000, urban: 1_200), weights: instance.weights)
        var s: SitingSolution!
        let t = Self.time { s = MaximalCovering.solve(problem, p: p, options: SitingOptions(lagrangianIterations: 0)) }
        var bnb: [Int]?
        let tb = Self.time { bnb = MaximalCovering.branchAndBound(problem, p: p, incumbent: [], nodeLimit: .max) }
        print(String(format: "MEASURE exact candidates=%d p=%d C=%.0f wall=%.3fs cpu=%.3fs value=%.1f of %.1f proved=%@; B&B from scratch cpu=%.3fs value=%.1f",
                     candidates, p, MaximalCovering.combinations(candidates, p), t.wall, t.cpu, s.value,
                     problem.values.reduce(0, +), s.provedOptimal ? "yes" : "no", tb.cpu, problem.coveredValue(of: bnb ?? [])))
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
            let t = Self.time { r = analysis.run(threads: threads) { i in NearestFacility(facility: 0, metres: metres[i]) } }
            print(String(format: "MEASURE coverage n=%d threads=%d wall=%.3fs cpu=%.3fs (%.2fM points per CPU second)",
                         n, threads, t.wall, t.cpu, Double(n) / t.cpu / 1e6))
            #expect(r.report.total.points == n)
        }
    }

    @Test("Weighted quantile selection on 1 000 000 items")
    func selection() {
        var rng = SeededGenerator(seed: 3)
        let items = (0 ..< 1_000_000).map { _ in
            WeightedDistance(metres: Double.random(in: 0 ... 12_000, using: &rng), weight: Double(Int.random(in: 1 ... 5, using: &rng)))
        }
        let total = items.reduce(0) { $0 + $1.weight }
        var copy = items
        var median: Double?, p90: Double?
        let t = Self.time {
            (median, p90) = copy.withUnsafeMutableBufferPointer { WeightedQuantile.select($0, q1: 0.5, q2: 0.9, totalWeight: total) }
        }
        print(String(format: "MEASURE selection n=1000000 wall=%.4fs cpu=%.4fs median=%.1f p90=%.1f", t.wall, t.cpu, median ?? -1, p90 ?? -1))
    }
}
