import Foundation
import TestSupport
import Testing
@testable import Analysis

/// HiGHS's LP relaxation and MIP optimum of a maximal covering instance (`Tools/mclp_highs.py`).
enum HiGHSCovering {
    static let script = TestSupport.packageRoot.appendingPathComponent("Tools/mclp_highs.py").path

    /// The LP bound and the proved MIP optimum of `problem` with `p` sites (objective: its values).
    static func solve(_ problem: CoverageProblem, p: Int) throws -> (lp: Double, optimum: Double) {
        let rows = (0 ..< problem.demandCount).map { i in
            "[" + problem.candidatesReaching.row(i).map { String($0) }.joined(separator: ",") + "]"
        }
        let weights = problem.values.map { String($0) }.joined(separator: ",")
        let file = try TestSupport.writeTemporary("{\"candidates\": \(problem.candidateCount), \"weights\": [\(weights)], \"rows\": ["
                                                  + rows.joined(separator: ",") + "]}", name: "mclp.json")
        let r = try TestSupport.run(HiGHS.python, [script, file.path, String(p), "--lp", "--time-limit", "120"])
        guard r.status == 0, let line = r.stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let lp = json["lp_bound"] as? Double, let optimum = json["objective"] as? Double,
              json["status"] as? String == "Optimal" else {
            throw HiGHS.HiGHSFailure(output: r.stdout + r.stderr)
        }
        return (lp, optimum)
    }
}

@Suite("Maximal covering bound against HiGHS")
struct MaximalCoveringBoundTests {
    /// Seeded clustered instances with wide reaches and many sites, where the LP bound lies above the
    /// optimum and the old 400-step subgradient stopped 0.03-1.8 % above the LP bound:
    /// (seed, demand points, candidates, p, rural multiplier).
    static let cases: [(UInt64, Int, Int, Int, Double)] = [
        (1, 1_500, 250, 25, 1), (2, 1_500, 250, 30, 1.5), (3, 1_200, 300, 20, 1), (6, 1_500, 250, 22, 1.5),
        (7, 1_200, 300, 28, 1), (8, 1_500, 300, 18, 1),
    ]

    @Test("The Lagrangian bound is within 0.05 % of the LP bound and never below the optimum",
          .enabled(if: HiGHS.available, "highspy is not installed in .venv (Tools/setup.sh --with-test-tools)"),
          arguments: cases)
    func boundMatchesLP(_ c: (UInt64, Int, Int, Int, Double)) throws {
        let (seed, demand, candidates, p, multiplier) = c
        let instance = RandomInstance(seed: seed + 90_000, demand: demand, candidates: candidates, clusters: 30)
        var rng = SeededGenerator(seed: seed)
        let covered = instance.weights.indices.map { _ in Int.random(in: 0 ..< 8, using: &rng) == 0 }
        let problem = try CoverageProblem(candidatesReaching: instance.coverage(rural: 7_000, urban: 3_500),
                                          weights: instance.weights, alreadyCovered: covered, rural: instance.rural,
                                          ruralMultiplier: multiplier)
        let highs = try HiGHSCovering.solve(problem, p: p)
        let heuristic = MaximalCovering.solve(problem, p: p, options: SitingOptions(lagrangianIterations: 3_000, exactCombinationLimit: 0, lagrangianSeconds: nil))
        let bound = MaximalCovering.lagrangianBound(problem, p: p, lowerBound: heuristic.value,
                                                    incumbent: heuristic.sites.map(\.candidate),
                                                    iterations: 3_000)
        let tolerance = 1e-6 * highs.lp
        // Every Lagrangian value bounds the LP relaxation from above (the subproblem is integral).
        #expect(bound.upper >= highs.lp - tolerance)
        #expect(bound.upper <= highs.lp * (1 + 5e-4), "bound \(bound.upper) vs LP \(highs.lp)")
        #expect(bound.upper >= highs.optimum - tolerance)
        // What site prints: never below the optimum, never looser than the LP bound allows.
        #expect(heuristic.upperBound >= highs.optimum - tolerance)
        #expect(heuristic.upperBound <= highs.lp * (1 + 5e-4))
        #expect(heuristic.value <= highs.optimum + tolerance)
    }
}
