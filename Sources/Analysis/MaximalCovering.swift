/// Tuning for ``MaximalCovering/solve(_:p:options:)``.
public struct SitingOptions: Sendable, Hashable {
    /// Improve the greedy solution by best-improvement 1-swaps (fast interchange).
    public var localSearch: Bool = true
    /// Rounds of iterated local search after the first local optimum (0 disables it; needs
    /// ``localSearch``).
    public var perturbationRounds: Int = 100
    /// Effort limit of the iterated local search: coverage entries its updates may visit, in
    /// multiples of the instance's entries (deterministic, unlike a time limit).
    public var perturbationWork: Double = 120
    /// Run a second iterated local search when the relative gap to the bound still exceeds this
    /// (0 disables it).
    public var adaptiveGap: Double = 0.003
    /// Maximum subgradient iterations of the Lagrangian upper bound (0 disables the bound).
    public var lagrangianIterations: Int = 3_000
    /// Budget of the Lagrangian bound in seconds of the solving thread's CPU time (nil: iterations only).
    public var lagrangianSeconds: Double? = 2
    /// Stop the bound once `(UB − LB) / UB` is at most this.
    public var targetGap: Double = 1e-5
    /// Run the exact branch and bound when C(useful candidates, p) is at most this.
    public var exactCombinationLimit: Double = 2e6
    /// Give up the exact search after this many nodes (the result then is not proved optimal).
    public var nodeLimit: Int = 5_000_000

    public init(localSearch: Bool = true, perturbationRounds: Int = 100, perturbationWork: Double = 120,
                adaptiveGap: Double = 0.003, lagrangianIterations: Int = 3_000,
                targetGap: Double = 1e-5, exactCombinationLimit: Double = 2e6, nodeLimit: Int = 5_000_000,
                lagrangianSeconds: Double? = 2) {
        self.lagrangianSeconds = lagrangianSeconds
        self.localSearch = localSearch
        self.perturbationRounds = perturbationRounds
        self.perturbationWork = perturbationWork
        self.adaptiveGap = adaptiveGap
        self.targetGap = targetGap
        self.lagrangianIterations = lagrangianIterations
        self.exactCombinationLimit = exactCombinationLimit
        self.nodeLimit = nodeLimit
    }
}

/// One chosen site with what it adds.
public struct SiteChoice: Hashable, Sendable, Codable {
    /// Candidate index.
    public var candidate: Int
    /// Objective value it adds given the sites before it in the list (rural-weighted).
    public var gain: Double
    /// Residents it newly covers given the sites before it (unweighted).
    public var newlyCovered: Double

    public init(candidate: Int, gain: Double, newlyCovered: Double) {
        self.candidate = candidate
        self.gain = gain
        self.newlyCovered = newlyCovered
    }

    enum CodingKeys: String, CodingKey {
        case candidate, gain
        case newlyCovered = "newly_covered"
    }
}

/// The answer of a siting run.
public struct SitingSolution: Hashable, Sendable, Codable {
    /// The chosen sites, in greedy order within the final set (each gain is marginal to the sites
    /// before it, so the gains add up to ``value``). Fewer than p when no further candidate adds
    /// anything.
    public var sites: [SiteChoice]
    /// Objective value newly covered (rural-weighted): the lower bound.
    public var value: Double
    /// Residents newly covered.
    public var coveredPopulation: Double
    /// Residents covered by existing facilities.
    public var alreadyCoveredPopulation: Double
    /// Demand points that no candidate reaches (and no existing facility covers).
    public var uncoverable: [Int]
    public var uncoverablePopulation: Double
    /// Value of the plain greedy solution before local search.
    public var greedyValue: Double
    /// Improving swaps made by local search.
    public var swaps: Int
    /// Upper bound on the optimal value (Lagrangian relaxation or exact search).
    public var upperBound: Double
    /// `(upperBound − value) / upperBound`; 0 when the upper bound is 0.
    public var gap: Double
    /// Whether ``value`` is proved optimal (exact search completed or the bound closed).
    public var provedOptimal: Bool

    enum CodingKeys: String, CodingKey {
        case sites, value
        case coveredPopulation = "covered_population"
        case alreadyCoveredPopulation = "already_covered_population"
        case uncoverable
        case uncoverablePopulation = "uncoverable_population"
        case greedyValue = "greedy_value"
        case swaps
        case upperBound = "upper_bound"
        case gap
        case provedOptimal = "proved_optimal"
    }
}

/// The maximal covering location problem (Church & ReVelle 1974): choose p candidate sites that
/// maximise the demand value they newly cover.
///
/// Method: the instance is first reduced (``CoverageReduction``: dominated candidates dropped,
/// demand points with the same candidate set merged; same value for every kept set, same optimum).
/// Then lazy greedy (a priority queue of marginal gains, re-evaluated only when on top), then
/// best-improvement 1-swap local search in the fast-interchange style (per pass: gains of every
/// outside candidate, losses of every chosen site and the pairwise corrections, all from coverage
/// counts in O(entries + p · candidates)), then iterated local search (a few sites moved at random
/// with a fixed seed, repaired by 1-swaps, kept when better: 1-swaps alone stall several per cent
/// below the optimum on dense instances). An upper bound comes from the Lagrangian relaxation of
/// the coverage constraints `y_i <= Σ_{j reaches i} x_j`: for multipliers `0 <= λ_i <= v_i`,
/// `L(λ) = Σ_i (v_i − λ_i) + top-p of Σ_{i ∈ N_j} λ_i`, minimised by subgradient steps scaled by
/// each multiplier's range (Held-Karp step sizes with halving); at its minimum it equals the LP
/// relaxation bound. Each subproblem's p sites are also tried as a solution. The reduced gains at
/// the best multipliers then fix out the candidates that cannot be in a better solution, and the
/// survivors are searched again (exactly when their combinations are few, which proves optimality;
/// by iterated local search when they hold at most a quarter of the entries). Small
/// instances (C(useful candidates, p) <= the limit) are solved exactly by branch and bound.
/// Deterministic: the same instance gives the same sites (ties to the lowest candidate index).
public enum MaximalCovering {
    /// Chooses up to `p` sites.
    /// - Parameters:
    ///   - problem: the instance.
    ///   - p: number of sites (>= 0).
    ///   - options: tuning.
    /// - Returns: the sites with their gains, the bound and the gap.
    /// - Complexity: reduction O(entries · log entries) plus the dominance tests; greedy
    ///   O(entries · log candidates) in practice; each local-search pass and each Lagrangian
    ///   iteration O(entries + p · candidates) on the reduced instance.
    public static func solve(_ problem: CoverageProblem, p: Int, options: SitingOptions = SitingOptions()) -> SitingSolution {
        let p = max(0, p)
        // Solve the reduced instance (same value for every set of kept candidates, same optimum).
        let reduction = CoverageReduction(problem)
        let reduced = reduction.problem
        let core = solveReduced(reduced, p: p, options: options)
        let original = { (local: [Int]) in local.map { reduction.candidates[$0] } }
        let sites = original(core.sites)
        let value = problem.coveredValue(of: sites)
        let upper = core.proved ? value : max(core.upper, value)
        let sequenced = sequence(problem, sites: withoutRedundant(problem, sites: sites))
        let alreadyCovered = problem.weights.indices.reduce(0.0) { $0 + (problem.alreadyCovered[$1] ? problem.weights[$1] : 0) }
        return SitingSolution(
            sites: sequenced, value: value, coveredPopulation: sequenced.reduce(0) { $0 + $1.newlyCovered },
            alreadyCoveredPopulation: alreadyCovered, uncoverable: problem.uncoverable,
            uncoverablePopulation: problem.uncoverable.reduce(0) { $0 + problem.weights[$1] },
            greedyValue: problem.coveredValue(of: original(core.greedy)), swaps: core.swaps, upperBound: upper,
            gap: upper > 0 ? max(0, (upper - value) / upper) : 0, provedOptimal: core.proved)
    }

    /// Greedy, local search, Lagrangian bound and (small instances) exact search on one instance.
    static func solveReduced(_ problem: CoverageProblem, p: Int, options: SitingOptions)
        -> (sites: [Int], greedy: [Int], swaps: Int, upper: Double, proved: Bool) {
        let greedySites = greedy(problem, p: p, start: [])
        var sites = greedySites
        var swaps = 0
        if options.localSearch { swaps = localSearch(problem, sites: &sites) }
        var value = problem.coveredValue(of: sites)
        let total = problem.values.indices.reduce(0.0) { $0 + (problem.candidatesReaching.rowLength($1) > 0 ? problem.values[$1] : 0) }
        var upper = total
        let tolerance = 1e-9 * max(1, total)
        if options.localSearch {
            swaps += iteratedLocalSearch(problem, sites: &sites, value: &value, rounds: options.perturbationRounds, stopAt: total,
                                         work: options.perturbationWork)
        }
        if options.lagrangianIterations > 0, value < total - tolerance {
            let bound = lagrangianBound(problem, p: p, lowerBound: value, incumbent: sites,
                                        iterations: options.lagrangianIterations, seconds: options.lagrangianSeconds,
                                        targetGap: options.targetGap)
            upper = min(upper, bound.upper)
            // With integral values the optimum is an integer: round the bound down.
            if problem.values.allSatisfy({ $0 == $0.rounded() }) { upper = min(upper, (upper + tolerance).rounded(.down)) }
            if bound.bestValue > value + tolerance {
                sites = bound.bestSites
                if options.localSearch { swaps += localSearch(problem, sites: &sites) }
                value = problem.coveredValue(of: sites)
            }
            // Lagrangian fixing: search again among the candidates that could still beat the incumbent.
            if value < upper - tolerance, !bound.gains.isEmpty {
                let integral = problem.values.allSatisfy { $0 == $0.rounded() }
                let eligible = eligibleCandidates(gains: bound.gains, upper: bound.upper, p: p, lowerBound: value,
                                                  integral: integral, tolerance: tolerance)
                if eligible.count < problem.candidateCount {
                    let found = searchEligible(problem, p: p, eligible: eligible, incumbentValue: value, options: options)
                    if let better = found.sites {
                        sites = better
                        value = problem.coveredValue(of: sites)
                    }
                    if found.proved { upper = value }
                }
            }
        }
        // Adaptive effort: while the gap to the bound is still large, search on from the best
        // solution with another seed (deterministic: the limit is work, not time).
        if options.localSearch, options.adaptiveGap > 0, value < upper * (1 - options.adaptiveGap) - tolerance {
            swaps += iteratedLocalSearch(problem, sites: &sites, value: &value, rounds: options.perturbationRounds,
                                         stopAt: upper, work: options.perturbationWork, seed: 0xD1B5_4A32_D192_ED03)
        }
        var proved = value >= upper - tolerance
        if !proved, combinations(usefulCandidates(problem), p) <= options.exactCombinationLimit {
            if let exact = branchAndBound(problem, p: p, incumbent: sites, nodeLimit: options.nodeLimit) {
                sites = exact
                value = problem.coveredValue(of: sites)
                upper = value
                proved = true
            }
        }
        return (sites, greedySites, swaps, proved ? value : upper, proved)
    }

    /// Lazy greedy: adds up to `p` sites to `start`, each with the largest marginal gain (ties to the
    /// lowest index); stops early when nothing adds value.
    static func greedy(_ problem: CoverageProblem, p: Int, start: [Int]) -> [Int] {
        var covered = [Bool](repeating: false, count: problem.demandCount)
        var chosen = start
        for j in start { for i in problem.demandsReached.row(j) { covered[Int(i)] = true } }
        func gain(_ j: Int) -> Double {
            var g = 0.0
            for i in problem.demandsReached.row(j) where !covered[Int(i)] { g += problem.values[Int(i)] }
            return g
        }
        let startSet = Set(start)
        var heap = GainHeap((0 ..< problem.candidateCount).compactMap { j in
            startSet.contains(j) ? nil : GainHeap.Entry(gain: gain(j), candidate: Int32(j))
        })
        while chosen.count < p, var entry = heap.pop() {
            let fresh = gain(Int(entry.candidate))
            entry.gain = fresh
            if let next = heap.top, next.ranksAbove(entry) {
                heap.push(entry)   // stale: re-insert with its current gain
                continue
            }
            guard fresh > 0 else { break }
            chosen.append(Int(entry.candidate))
            for i in problem.demandsReached.row(Int(entry.candidate)) { covered[Int(i)] = true }
        }
        return chosen
    }

    /// Removes sites whose removal loses no value (every demand they reach of positive value is
    /// reached by another kept site), last-chosen first.
    static func withoutRedundant(_ problem: CoverageProblem, sites: [Int]) -> [Int] {
        var count = [Int32](repeating: 0, count: problem.demandCount)
        for j in sites { for i in problem.demandsReached.row(j) { count[Int(i)] += 1 } }
        var kept = sites
        for j in sites.reversed() {
            let needed = problem.demandsReached.row(j).contains { problem.values[Int($0)] > 0 && count[Int($0)] == 1 }
            guard !needed else { continue }
            for i in problem.demandsReached.row(j) { count[Int(i)] -= 1 }
            kept.removeAll { $0 == j }
        }
        return kept
    }

    /// Orders a set of sites greedily and reports each one's marginal gain.
    static func sequence(_ problem: CoverageProblem, sites: [Int]) -> [SiteChoice] {
        var covered = [Bool](repeating: false, count: problem.demandCount)
        var remaining = sites
        var out: [SiteChoice] = []
        while !remaining.isEmpty {
            var best = 0, bestGain = -1.0, bestResidents = 0.0
            for (k, j) in remaining.enumerated() {
                var g = 0.0, r = 0.0
                for i in problem.demandsReached.row(j) where !covered[Int(i)] && problem.values[Int(i)] > 0 {
                    g += problem.values[Int(i)]; r += problem.weights[Int(i)]
                }
                if g > bestGain || (g == bestGain && j < remaining[best]) { best = k; bestGain = g; bestResidents = r }
            }
            let j = remaining.remove(at: best)
            for i in problem.demandsReached.row(j) { covered[Int(i)] = true }
            out.append(SiteChoice(candidate: j, gain: bestGain, newlyCovered: bestResidents))
        }
        return out
    }

    /// Candidates that reach at least one demand point of positive value.
    static func usefulCandidates(_ problem: CoverageProblem) -> Int {
        (0 ..< problem.candidateCount).reduce(0) { n, j in
            n + (problem.demandsReached.row(j).contains { problem.values[Int($0)] > 0 } ? 1 : 0)
        }
    }

    /// C(n, k) as a Double (saturating at infinity).
    static func combinations(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 1 }   // fewer useful candidates than p: take them all
        let k = min(k, n - k)
        var c = 1.0
        for t in 0 ..< k { c = c * Double(n - t) / Double(t + 1) }
        return c
    }
}

