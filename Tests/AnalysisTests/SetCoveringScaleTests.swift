import TestSupport
import Testing
@testable import Analysis

@Suite("Set covering at planning scale")
struct SetCoveringScaleTests {
    @Test("A seeded 5 000 x 500 instance is covered with a proved minimum, and the cover covers everyone reachable",
          arguments: [(UInt64(20_261_127), 3_000.0, 2_000.0), (20_261_128, 2_500, 1_500)])
    func provedAtScale(_ c: (UInt64, Double, Double)) throws {
        let instance = RandomInstance(seed: c.0, demand: 5_000, candidates: 500, clusters: 40)
        let problem = try CoverageProblem(candidatesReaching: instance.coverage(rural: c.1, urban: c.2), weights: instance.weights)
        var options = CoverAllOptions()
        options.timeLimitSeconds = 120   // a safety net for a loaded machine; a proof is expected well before
        let s = SetCovering.solve(problem, options: options)
        #expect(s.provedOptimal, "stopped: \(s.stopReason ?? "-") with \(s.sites.count), bound \(s.lowerBound)")
        #expect(s.sites.count == s.lowerBound)
        let universe = problem.values.indices.filter { problem.values[$0] > 0 && problem.candidatesReaching.rowLength($0) > 0 }
        let covered = Set(s.sites.flatMap { problem.demandsReached.row($0.candidate).map(Int.init) })
        #expect(universe.allSatisfy(covered.contains))
    }
}
