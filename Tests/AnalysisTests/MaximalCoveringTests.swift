import TestSupport
import Foundation
import Testing
@testable import Analysis

@Suite("Maximal covering siting")
struct MaximalCoveringTests {
    /// Candidates 0 = X {0,1,2,3}, 1 = Y {0,1,4}, 2 = Z {2,3,5}: greedy takes X, optimum is Y + Z.
    static func trap() throws -> CoverageProblem {
        let demandRows = [[0, 1], [0, 1], [0, 2], [0, 2], [1], [2]]
        return try CoverageProblem(candidatesReaching: SparseRows(rows: demandRows, columnCount: 3),
                                   weights: [1, 1, 1, 1, 1, 1])
    }

    @Test("Local search repairs the classic greedy trap")
    func localSearchRepairsGreedy() throws {
        let problem = try Self.trap()
        #expect(MaximalCovering.greedy(problem, p: 2, start: []) == [0, 1])
        let s = MaximalCovering.solve(problem, p: 2, options: SitingOptions(lagrangianIterations: 0, exactCombinationLimit: 0))
        #expect(s.greedyValue == 5)
        #expect(s.value == 6)
        #expect(s.swaps == 1)
        #expect(Set(s.sites.map(\.candidate)) == [1, 2])
        #expect(s.sites.map(\.gain) == [3, 3])
    }

    @Test("Already covered demand gains nothing, uncoverable demand is reported, rural weighting steers the choice")
    func coveredUncoverableAndRural() throws {
        // Demand 0 (10 urban) by c0; demand 1 (6 rural) by c1; demand 2 (50, already covered) by c0, c1;
        // demand 3 (7) by nobody.
        let rows = try SparseRows(rows: [[0], [1], [0, 1], []], columnCount: 2)
        let plain = try CoverageProblem(candidatesReaching: rows, weights: [10, 6, 50, 7],
                                        alreadyCovered: [false, false, true, false], rural: [false, true, false, true])
        let a = MaximalCovering.solve(plain, p: 1)
        #expect(a.sites == [SiteChoice(candidate: 0, gain: 10, newlyCovered: 10)])
        #expect(a.uncoverable == [3] && a.uncoverablePopulation == 7)
        #expect(a.alreadyCoveredPopulation == 50)
        #expect(a.provedOptimal && a.gap == 0)
        let weighted = try CoverageProblem(candidatesReaching: rows, weights: [10, 6, 50, 7],
                                           alreadyCovered: [false, false, true, false], rural: [false, true, false, true],
                                           ruralMultiplier: 2)
        let b = MaximalCovering.solve(weighted, p: 1)
        #expect(b.sites == [SiteChoice(candidate: 1, gain: 12, newlyCovered: 6)])
    }

    @Test("p larger than the useful candidates stops when nothing more adds value")
    func stopsEarly() throws {
        let problem = try Self.trap()
        let s = MaximalCovering.solve(problem, p: 10)
        #expect(s.value == 6 && s.sites.count == 2 && s.provedOptimal, "\(s)")
        #expect(MaximalCovering.solve(problem, p: 0).sites.isEmpty)
    }

    @Test("Solutions round-trip through JSON with snake_case keys")
    func json() throws {
        let s = MaximalCovering.solve(try Self.trap(), p: 2)
        let data = try JSONEncoder().encode(s)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"newly_covered\"") && text.contains("\"upper_bound\"") && text.contains("\"proved_optimal\""))
        #expect(try JSONDecoder().decode(SitingSolution.self, from: data) == s)
        let c = SetCovering.solve(try Self.trap())
        #expect(try JSONDecoder().decode(CoverAllSolution.self, from: JSONEncoder().encode(c)) == c)
    }

    @Test("Equal gains go to the lowest candidate index")
    func ties() throws {
        // Candidates 0..3 all reach demand 0 only; 2 and 3 also reach demand 1.
        let rows = try SparseRows(rows: [[3, 2, 1, 0], [3, 2]], columnCount: 4)
        let problem = try CoverageProblem(candidatesReaching: rows, weights: [5, 5])
        #expect(MaximalCovering.greedy(problem, p: 1, start: []) == [2])
        #expect(MaximalCovering.solve(problem, p: 1).sites.map(\.candidate) == [2])
        let cover = SetCovering.solve(problem)
        #expect(cover.sites.map(\.candidate) == [2])
    }

    @Test("Empty instance gives an empty solution")
    func empty() throws {
        let problem = try CoverageProblem(candidatesReaching: SparseRows(rows: [], columnCount: 0), weights: [])
        let s = MaximalCovering.solve(problem, p: 3)
        #expect(s.sites.isEmpty && s.value == 0 && s.upperBound == 0 && s.gap == 0)
    }

    @Test("Exact search, heuristic and Lagrangian bound agree with brute force on random small instances",
          arguments: 1 ... 40)
    func randomSmall(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919)
        let instance = RandomInstance(seed: UInt64(seed), demand: Int.random(in: 20 ... 80, using: &rng),
                                      candidates: Int.random(in: 5 ... 16, using: &rng), clusters: 6)
        let rows = instance.coverage(rural: 6_000, urban: 3_000)
        let covered = instance.weights.indices.map { _ in Int.random(in: 0 ..< 6, using: &rng) == 0 }
        let problem = try CoverageProblem(candidatesReaching: rows, weights: instance.weights, alreadyCovered: covered,
                                          rural: instance.rural, ruralMultiplier: seed % 3 == 0 ? 2 : 1)
        let p = Int.random(in: 1 ... 5, using: &rng)
        let optimum = bruteForceBest(problem, p: p)
        let tolerance = 1e-9 * max(1, optimum)

        let exact = MaximalCovering.solve(problem, p: p)
        #expect(exact.provedOptimal)
        #expect(abs(exact.value - optimum) <= tolerance)
        #expect(abs(exact.sites.reduce(0) { $0 + $1.gain } - exact.value) <= tolerance)
        #expect(abs(problem.coveredValue(of: exact.sites.map(\.candidate)) - exact.value) <= tolerance)
        #expect(exact.sites.count <= p)

        let bnb = try #require(MaximalCovering.branchAndBound(problem, p: p, incumbent: [], nodeLimit: .max))
        #expect(abs(problem.coveredValue(of: bnb) - optimum) <= tolerance)

        let heuristic = MaximalCovering.solve(problem, p: p, options: SitingOptions(exactCombinationLimit: 0))
        #expect(heuristic.value <= optimum + tolerance)
        #expect(heuristic.upperBound >= optimum - tolerance, "the Lagrangian bound must not cut the optimum")
        #expect(heuristic.greedyValue <= heuristic.value + tolerance)
    }

    @Test("On random set systems, where greedy and 1-swaps can miss, the exact search finds the optimum",
          arguments: 1 ... 60)
    func randomSetSystems(seed: Int) throws {
        let problem = try randomSetSystem(seed: UInt64(seed))
        for p in 1 ... 4 {
            let optimum = bruteForceBest(problem, p: p)
            let s = MaximalCovering.solve(problem, p: p)
            #expect(s.provedOptimal && abs(s.value - optimum) < 1e-9, "p = \(p)")
            let bnb = try #require(MaximalCovering.branchAndBound(problem, p: p, incumbent: [], nodeLimit: .max))
            #expect(abs(problem.coveredValue(of: bnb) - optimum) < 1e-9)
            let bound = MaximalCovering.lagrangianBound(problem, p: p, lowerBound: 0, iterations: 300)
            #expect(bound.upper >= optimum - 1e-9 && bound.bestValue <= optimum + 1e-9)
        }
    }
}
