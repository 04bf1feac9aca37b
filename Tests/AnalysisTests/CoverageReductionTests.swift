import TestSupport
import Testing
@testable import Analysis

@Suite("Maximal covering: reduced instance, iterated local search, bounds")
struct CoverageReductionTests {
    /// A geographic instance with already-covered points, rural weights and duplicated demand rows
    /// (so demand classes merge and candidates get dominated), or a random set system.
    static func instance(seed: Int) throws -> CoverageProblem {
        if seed % 2 == 0 { return try randomSetSystem(seed: UInt64(seed) &+ 1_000) }
        var rng = SeededGenerator(seed: UInt64(seed) &* 104_729)
        let instance = RandomInstance(seed: UInt64(seed) &+ 77, demand: Int.random(in: 10 ... 60, using: &rng),
                                      candidates: Int.random(in: 4 ... 14, using: &rng), clusters: 4)
        let rows = instance.coverage(rural: 6_000, urban: 3_000)
        // Duplicate some demand rows with other weights.
        var lists = (0 ..< rows.rowCount).map { rows.row($0).map { Int($0) } }
        var weights = instance.weights
        var rural = instance.rural
        for _ in 0 ..< Int.random(in: 0 ... 10, using: &rng) where !lists.isEmpty {
            let k = Int.random(in: 0 ..< lists.count, using: &rng)
            lists.append(lists[k].shuffled(using: &rng))
            weights.append(Double(Int.random(in: 0 ... 30, using: &rng)) / 4)
            rural.append(Bool.random(using: &rng))
        }
        let covered = weights.indices.map { _ in Int.random(in: 0 ..< 5, using: &rng) == 0 }
        return try CoverageProblem(candidatesReaching: SparseRows(rows: lists, columnCount: rows.columnCount), weights: weights,
                                   alreadyCovered: covered, rural: rural, ruralMultiplier: seed % 3 == 0 ? 2 : 1)
    }

    @Test("The reduced instance gives every set of kept candidates its original value, and the same optimum",
          arguments: 1 ... 40)
    func sameValues(seed: Int) throws {
        let problem = try Self.instance(seed: seed)
        let reduction = CoverageReduction(problem)
        let reduced = reduction.problem
        #expect(reduction.candidates == reduction.candidates.sorted())
        #expect(reduced.candidateCount == reduction.candidates.count && reduced.candidateCount <= problem.candidateCount)
        #expect(reduced.demandCount <= problem.demandCount)
        // No two demand classes share a candidate set; no class is empty or of zero value.
        var seen = Set<[Int32]>()
        for i in 0 ..< reduced.demandCount {
            #expect(reduced.values[i] > 0 && reduced.candidatesReaching.rowLength(i) > 0)
            #expect(seen.insert(reduced.candidatesReaching.row(i).sorted()).inserted)
        }
        var rng = SeededGenerator(seed: UInt64(seed) &* 13)
        let tolerance = 1e-9 * max(1, problem.values.reduce(0, +))
        for _ in 0 ..< 20 where reduced.candidateCount > 0 {
            let local = (0 ..< reduced.candidateCount).filter { _ in Bool.random(using: &rng) }
            let original = local.map { reduction.candidates[$0] }
            #expect(abs(reduced.coveredValue(of: local) - problem.coveredValue(of: original)) <= tolerance)
        }
        for p in 1 ... 4 {
            #expect(abs(bruteForceBest(reduced, p: p) - bruteForceBest(problem, p: p)) <= tolerance, "p = \(p)")
        }
    }

    @Test("Identical candidates keep the lowest index; candidates reaching only covered or no demand are dropped")
    func dominanceTies() throws {
        // c0 reaches {0}; c1 and c2 reach {0, 1}; c3 reaches only the already covered point 2; c4 nothing.
        let rows = try SparseRows(rows: [[0, 2, 1], [2, 1], [3]], columnCount: 5)
        let problem = try CoverageProblem(candidatesReaching: rows, weights: [4, 3, 9], alreadyCovered: [false, false, true])
        let reduction = CoverageReduction(problem)
        #expect(reduction.candidates == [1])
        #expect(reduction.problem.demandCount == 1 && reduction.problem.values == [7])
        let s = MaximalCovering.solve(problem, p: 2)
        #expect(s.sites.map(\.candidate) == [1] && s.value == 7 && s.provedOptimal)
        let empty = CoverageReduction(try CoverageProblem(candidatesReaching: SparseRows(rows: [[], []], columnCount: 2), weights: [1, 2]))
        #expect(empty.candidates.isEmpty && empty.problem.demandCount == 0)
    }

    @Test("Heuristic value, reported bound and enumerated optimum are ordered; the solve is deterministic",
          arguments: 1 ... 40)
    func boundsHoldTheOptimum(seed: Int) throws {
        let problem = try Self.instance(seed: seed)
        let tolerance = 1e-9 * max(1, problem.values.reduce(0, +))
        for p in 1 ... 4 {
            let optimum = bruteForceBest(problem, p: p)
            let options = SitingOptions(lagrangianIterations: 200, exactCombinationLimit: 0)
            let s = MaximalCovering.solve(problem, p: p, options: options)
            #expect(s.value <= optimum + tolerance && s.upperBound >= optimum - tolerance, "p = \(p): \(s.value) \(s.upperBound) \(optimum)")
            #expect(!s.provedOptimal || abs(s.value - optimum) <= tolerance)
            #expect(abs(problem.coveredValue(of: s.sites.map(\.candidate)) - s.value) <= tolerance)
            #expect(MaximalCovering.solve(problem, p: p, options: options) == s)
            // The bound on the reduced instance holds the original optimum too.
            let reduced = CoverageReduction(problem).problem
            let bound = MaximalCovering.lagrangianBound(reduced, p: p, lowerBound: 0, iterations: 150)
            #expect(bound.upper >= optimum - tolerance && bound.bestValue <= optimum + tolerance)
        }
    }

    @Test("Iterated local search never loses value, stays below the optimum and is deterministic", arguments: 1 ... 30)
    func iteratedLocalSearch(seed: Int) throws {
        let problem = try Self.instance(seed: seed)
        let tolerance = 1e-9 * max(1, problem.values.reduce(0, +))
        for p in 2 ... 4 {
            var sites = MaximalCovering.greedy(problem, p: p, start: [])
            _ = MaximalCovering.localSearch(problem, sites: &sites)
            var value = problem.coveredValue(of: sites)
            let start = value
            var again = sites, againValue = value
            _ = MaximalCovering.iteratedLocalSearch(problem, sites: &sites, value: &value, rounds: 30)
            _ = MaximalCovering.iteratedLocalSearch(problem, sites: &again, value: &againValue, rounds: 30)
            #expect(sites == again && value == againValue)
            #expect(value >= start - tolerance && value <= bruteForceBest(problem, p: p) + tolerance)
            #expect(abs(problem.coveredValue(of: sites) - value) <= tolerance)
            #expect(Set(sites).count == sites.count)
        }
    }

    @Test("Lagrangian fixing never removes a candidate of a solution better than the incumbent", arguments: 1 ... 40)
    func fixingKeepsBetterSolutions(seed: Int) throws {
        let problem = try Self.instance(seed: seed)
        let n = problem.candidateCount
        let total = problem.values.reduce(0, +)
        let tolerance = 1e-9 * max(1, total)
        let integral = problem.values.allSatisfy { $0 == $0.rounded() }
        for p in 1 ... 3 where p < n {
            let start = MaximalCovering.greedy(problem, p: p, start: [])
            let lower = problem.coveredValue(of: start)
            let bound = MaximalCovering.lagrangianBound(problem, p: p, lowerBound: lower, iterations: 60 * (seed % 3 + 1))
            guard !bound.gains.isEmpty else { continue }
            let eligible = Set(MaximalCovering.eligibleCandidates(gains: bound.gains, upper: bound.upper, p: p, lowerBound: lower,
                                                                   integral: integral, tolerance: tolerance))
            // Every combination worth more than the incumbent uses eligible candidates only.
            var combo = Array(0 ..< p)
            while true {
                if problem.coveredValue(of: combo) > lower + tolerance {
                    #expect(combo.allSatisfy(eligible.contains), "p = \(p), \(combo) beats \(lower)")
                }
                var t = p - 1
                while t >= 0, combo[t] == n - p + t { t -= 1 }
                if t < 0 { break }
                combo[t] += 1
                for u in (t + 1) ..< p { combo[u] = combo[u - 1] + 1 }
            }
            let found = MaximalCovering.searchEligible(problem, p: p, eligible: eligible.sorted(), incumbentValue: lower,
                                                       options: SitingOptions())
            let best = max(lower, found.sites.map { problem.coveredValue(of: $0) } ?? lower)
            if found.proved { #expect(abs(best - bruteForceBest(problem, p: p)) <= tolerance, "p = \(p)") }
        }
    }
}
