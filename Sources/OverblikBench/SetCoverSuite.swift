import Analysis
import Foundation
import GeoTypes
import SpatialIndex

/// `overblik-bench setcover`: exact set covering (`site --cover-all`) on seeded Aalborg-like instances.
///
///   overblik-bench setcover [--sizes 5000,10000] [--seed N] [--seconds 60] [--dump DIR]
///
/// Per size (default 5 000 demand points), reach (3 km and 2 km) and seed (the run's seed and the
/// next four): the demand points and a tenth as many candidates drawn from the synthetic city. The baseline in the same run is the
/// greedy cover with redundant sites dropped (the solver's first incumbent); the case reports the
/// proved optimum (or the best cover, the bound and the gap at the time limit, `--seconds`, default
/// 60), nodes, seconds and the greedy's excess over the optimum. `--dump DIR` writes every instance as
/// `setcover-SIZE-REACH-SEED.json` (`{"candidates": n, "rows": [[j, ...], ...]}`, the rows to cover) for
/// `Tools/setcover_highs.py`.
enum SetCoverSuite: BenchSuite {
    static let name = "setcover"
    static let summary = "exact set covering (cover-all) on seeded 5 000 x 500 instances, against the greedy baseline"

    struct Case: Encodable {
        var seed: UInt64
        var reachMetres: Double
        var demand: Int
        var candidates: Int
        var entries: Int
        var greedy: Int
        var greedySeconds: Double
        var sites: Int
        var lowerBound: Int
        var proved: Bool
        var nodes: Int
        var seconds: Double
        var stopReason: String?
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        let explicit = CommandLine.arguments.contains { $0.hasPrefix("--sizes") }
        let limit = options.seconds ?? 60
        report.tableHeader(["seed", "demand x cand", "reach", "greedy", "optimum/best", "bound", "proved", "nodes", "seconds", "greedy s"])
        for demandCount in explicit ? options.sizes : [5_000] {
        for reach in [3_000.0, 2_000.0] {
        for k in 0 ..< 5 {
            let seed = options.seed &+ UInt64(k)
            let city = AalborgSynthetic(seed: seed)
            var rng = SplitMix64(seed: seed)
            let demand = (0 ..< demandCount).map { _ in city.point(using: &rng) }
            let candidates = (0 ..< max(1, demandCount / 10)).map { _ in city.point(using: &rng) }
            let index = GeodesicIndex(points: candidates)
            let rows = try SparseRows.build(rowCount: demand.count, columnCount: candidates.count) { i in
                index.within(radius: reach, of: demand[i]).map { Int($0.rank) }
            }
            let problem = try CoverageProblem(candidatesReaching: rows, weights: [Double](repeating: 1, count: demand.count))
            if let dir = options.dump { try dump(problem, name: "\(demandCount)-\(Int(reach))m-\(seed)", directory: dir) }
            let g0 = nowNanoseconds()
            let greedy = SetCovering.greedyCover(problem)
            let greedySeconds = Double(nowNanoseconds() - g0) / 1e9
            let s = SetCovering.solve(problem, options: CoverAllOptions(timeLimitSeconds: limit))
            let c = Case(seed: seed, reachMetres: reach, demand: demand.count, candidates: candidates.count, entries: rows.entryCount,
                         greedy: greedy.count, greedySeconds: greedySeconds, sites: s.sites.count, lowerBound: s.lowerBound,
                         proved: s.provedOptimal, nodes: s.nodes, seconds: s.seconds, stopReason: s.stopReason)
            report.emit(c)
            report.tableRow([String(seed), "\(demand.count) x \(candidates.count)", "\(Int(reach)) m", String(greedy.count), String(s.sites.count),
                             String(s.lowerBound), s.provedOptimal ? "yes" : "no (\(s.stopReason ?? "?"))", String(s.nodes),
                             fixed(s.seconds, 3), fixed(greedySeconds, 3)])
        }
        }
        }
    }

    /// The rows to cover (positive weight, reachable) as JSON for the HiGHS script.
    static func dump(_ problem: CoverageProblem, name: String, directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let universe = problem.values.indices.filter { problem.values[$0] > 0 && problem.candidatesReaching.rowLength($0) > 0 }
        let rows = universe.map { i in "[" + problem.candidatesReaching.row(i).map { String($0) }.joined(separator: ",") + "]" }
        let text = "{\"candidates\": \(problem.candidateCount), \"rows\": [" + rows.joined(separator: ",") + "]}\n"
        let path = URL(fileURLWithPath: directory).appendingPathComponent("setcover-\(name).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
