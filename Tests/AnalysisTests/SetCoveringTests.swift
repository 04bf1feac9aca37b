import TestSupport
import Testing
@testable import Analysis

/// Brute force: the smallest number of candidates that reach every point of positive value that
/// some candidate reaches.
private func bruteMinimumCover(_ problem: CoverageProblem) -> Int {
    let universe = problem.values.indices.filter { problem.values[$0] > 0 && problem.candidatesReaching.rowLength($0) > 0 }
    let n = problem.candidateCount
    guard !universe.isEmpty else { return 0 }
    // Each candidate's reach as a bit set over the universe (at most 64 points in these tests).
    precondition(universe.count <= 64)
    let bit = Dictionary(uniqueKeysWithValues: universe.enumerated().map { ($0.element, UInt64(1) << UInt64($0.offset)) })
    let reach = (0 ..< n).map { j in problem.demandsReached.row(j).reduce(UInt64(0)) { $0 | (bit[Int($1)] ?? 0) } }
    let all = universe.count == 64 ? UInt64.max : (UInt64(1) << UInt64(universe.count)) - 1
    var best = Int.max
    for mask in 1 ..< (1 << n) where mask.nonzeroBitCount < best {
        var covered: UInt64 = 0
        for j in 0 ..< n where mask & (1 << j) != 0 { covered |= reach[j] }
        if covered == all { best = mask.nonzeroBitCount }
    }
    return best
}

@Suite("Set covering (cover-all)")
struct SetCoveringTests {
    @Test("Everyone reachable is covered with the fewest sites; the unreachable are reported")
    func handCase() throws {
        // Candidates: 0 {0,1}, 1 {1,2}, 2 {2,3}, 3 {0,1,2}; point 4 has no candidate; point 5 already covered.
        let rows = try SparseRows(rows: [[0, 3], [0, 1, 3], [1, 2, 3], [2], [], [0]], columnCount: 4)
        let problem = try CoverageProblem(candidatesReaching: rows, weights: [1, 1, 1, 1, 9, 1],
                                          alreadyCovered: [false, false, false, false, false, true])
        let s = SetCovering.solve(problem)
        #expect(Set(s.sites.map(\.candidate)) == [2, 3] || Set(s.sites.map(\.candidate)) == [0, 2])
        #expect(s.sites.count == 2 && s.provedOptimal && s.lowerBound == 2)
        #expect(s.uncoverable == [4] && s.uncoverablePopulation == 9)
        #expect(s.coveredPopulation == 4)
    }

    @Test("Nothing to cover needs no site")
    func nothingToCover() throws {
        let problem = try CoverageProblem(candidatesReaching: SparseRows(rows: [[], [0]], columnCount: 1),
                                          weights: [3, 0])
        let s = SetCovering.solve(problem)
        #expect(s.sites.isEmpty && s.lowerBound == 0 && s.provedOptimal && s.uncoverable == [0])
    }

    @Test("Greedy, bounds and exact search agree with brute force on random small instances", arguments: 1 ... 40)
    func randomSmall(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 104_729)
        let instance = RandomInstance(seed: UInt64(seed) + 1_000, demand: Int.random(in: 15 ... 60, using: &rng),
                                      candidates: Int.random(in: 4 ... 13, using: &rng), clusters: 5)
        let rows = instance.coverage(rural: 7_000, urban: 4_000)
        let problem = try CoverageProblem(candidatesReaching: rows, weights: instance.weights)
        let optimum = bruteMinimumCover(problem)
        let s = SetCovering.solve(problem)
        #expect(s.provedOptimal)
        #expect(s.sites.count == optimum)
        #expect(s.lowerBound == optimum)
        let universe = problem.values.indices.filter { problem.values[$0] > 0 && problem.candidatesReaching.rowLength($0) > 0 }
        let covered = Set(s.sites.flatMap { problem.demandsReached.row($0.candidate).map(Int.init) })
        #expect(universe.allSatisfy(covered.contains))
        // Stopped at the root, the bounds still bracket the optimum.
        let heuristic = SetCovering.solve(problem, options: CoverAllOptions(nodeLimit: 1))
        #expect(heuristic.lowerBound <= optimum && heuristic.sites.count >= optimum)
        #expect(SetCovering.packingBound(problem, universe: universe) <= optimum)
    }

    @Test("On random set systems, where greedy is sometimes one site too many, the exact search finds the minimum",
          arguments: 1 ... 60)
    func randomSetSystems(seed: Int) throws {
        let problem = try randomSetSystem(seed: UInt64(seed))
        let optimum = bruteMinimumCover(problem)
        let s = SetCovering.solve(problem)
        #expect(s.provedOptimal && s.sites.count == optimum && s.lowerBound == optimum)
        let heuristic = SetCovering.solve(problem, options: CoverAllOptions(nodeLimit: 1))
        #expect(heuristic.lowerBound <= optimum && optimum <= heuristic.sites.count)
        #expect(heuristic.provedOptimal == (heuristic.sites.count == heuristic.lowerBound))
    }
}
