import TestSupport
import Testing
@testable import Analysis

@Suite("Maximal covering: incremental swap state and adaptive search")
struct SwapStateTests {
    @Test("After random swaps every swap value equals the recomputed change, and the value the covered value",
          arguments: 1 ... 30)
    func incrementalMatchesRecomputation(seed: Int) throws {
        let problem = try CoverageReductionTests.instance(seed: seed)
        let n = problem.candidateCount
        let tolerance = 1e-9 * max(1, problem.values.reduce(0, +))
        var rng = SeededGenerator(seed: UInt64(seed) &* 7_919)
        for p in 1 ... 4 where p < n {
            let state = SwapState(problem, sites: Array((0 ..< n).shuffled(using: &rng).prefix(p)))
            for _ in 0 ..< 12 {
                let r = Int.random(in: 0 ..< p, using: &rng)
                let outside = (0 ..< n).filter { state.position($0) < 0 }
                state.swap(r, outside.randomElement(using: &rng)!)
                #expect(Set(state.sites).count == p)
                #expect(state.sites.indices.allSatisfy { state.position(state.sites[$0]) == $0 })
                #expect(abs(state.value - problem.coveredValue(of: state.sites)) <= tolerance)
                let before = problem.coveredValue(of: state.sites)
                for q in 0 ..< p {
                    for a in 0 ..< n where state.position(a) < 0 {
                        var trial = state.sites
                        trial[q] = a
                        let change = problem.coveredValue(of: trial) - before
                        #expect(abs(state.delta(q, a) - change) <= tolerance, "p = \(p), swap \(q) for \(a)")
                    }
                }
            }
            // A descent ends in a 1-swap local optimum; restore goes back to any set.
            let start = state.sites
            _ = state.descend(tolerance: tolerance)
            let optimum = problem.coveredValue(of: state.sites)
            for q in 0 ..< p {
                for a in 0 ..< n where state.position(a) < 0 {
                    var trial = state.sites
                    trial[q] = a
                    #expect(problem.coveredValue(of: trial) <= optimum + tolerance)
                }
            }
            state.restore(start)
            #expect(Set(state.sites) == Set(start) && abs(state.value - problem.coveredValue(of: start)) <= tolerance)
        }
    }

    @Test("Heuristic path with the adaptive second search: value <= enumerated optimum <= bound, deterministic",
          arguments: 1 ... 30)
    func adaptiveSearchWithinBounds(seed: Int) throws {
        let problem = try CoverageReductionTests.instance(seed: seed)
        let tolerance = 1e-9 * max(1, problem.values.reduce(0, +))
        // No exact search, a tiny work limit, and the second search whenever any gap remains.
        let options = SitingOptions(perturbationRounds: 25, perturbationWork: Double(seed % 4) * 3,
                                    adaptiveGap: 1e-12, exactCombinationLimit: 0)
        for p in 1 ... 4 {
            let optimum = bruteForceBest(problem, p: p)
            let s = MaximalCovering.solve(problem, p: p, options: options)
            #expect(s.value <= optimum + tolerance && s.upperBound >= optimum - tolerance, "p = \(p): \(s.value) \(s.upperBound) \(optimum)")
            #expect(abs(problem.coveredValue(of: s.sites.map(\.candidate)) - s.value) <= tolerance)
            #expect(s.value >= s.greedyValue - tolerance)
            #expect(MaximalCovering.solve(problem, p: p, options: options) == s)
        }
    }
}
