/// Tuning for ``SetCovering/solve(_:options:)``.
public struct CoverAllOptions: Sendable, Hashable {
    /// Subgradient iterations of the Lagrangian lower bound (0 disables it).
    public var lagrangianIterations: Int = 300
    /// Run the exact search when at most this many candidates can cover anything.
    public var exactCandidateLimit: Int = 64
    /// Give up the exact search after this many nodes.
    public var nodeLimit: Int = 2_000_000

    public init(lagrangianIterations: Int = 300, exactCandidateLimit: Int = 64, nodeLimit: Int = 2_000_000) {
        self.lagrangianIterations = lagrangianIterations
        self.exactCandidateLimit = exactCandidateLimit
        self.nodeLimit = nodeLimit
    }
}

/// The answer of a cover-all run.
public struct CoverAllSolution: Hashable, Sendable, Codable {
    /// The sites in greedy order within the final set, each with what it adds given the ones before.
    public var sites: [SiteChoice]
    /// Residents newly covered (everyone reachable who was not already covered).
    public var coveredPopulation: Double
    /// No cover uses fewer sites than this.
    public var lowerBound: Int
    /// Whether `sites.count` is proved minimal.
    public var provedOptimal: Bool
    /// Site count of the greedy cover before redundancy elimination.
    public var greedyCount: Int
    /// Demand points that no candidate reaches and no existing facility covers (not a failure).
    public var uncoverable: [Int]
    public var uncoverablePopulation: Double

    enum CodingKeys: String, CodingKey {
        case sites
        case coveredPopulation = "covered_population"
        case lowerBound = "lower_bound"
        case provedOptimal = "proved_optimal"
        case greedyCount = "greedy_count"
        case uncoverable
        case uncoverablePopulation = "uncoverable_population"
    }
}

/// Set covering ("cover-all"): the fewest candidate sites that reach every resident any candidate
/// can reach. Demand already covered by existing facilities and demand with weight 0 need no site.
///
/// Method: lazy greedy by the number of still-uncovered demand points reached (ties: more value,
/// then lowest index), then redundancy elimination. Lower bound: the larger of a disjoint packing
/// (demand points no two of which share a candidate each need their own site) and the rounded-up
/// Lagrangian bound `L(u) = Σ u_i + Σ_j min(0, 1 − Σ_{i ∈ M_j} u_i)` maximised by subgradient
/// steps. Small instances are solved exactly by iterative-deepening branch and bound that always
/// branches on the uncovered point with the fewest candidates.
public enum SetCovering {
    /// Finds a small cover of all coverable demand.
    /// - Complexity: greedy O(entries · log candidates); each Lagrangian iteration O(entries).
    public static func solve(_ problem: CoverageProblem, options: CoverAllOptions = CoverAllOptions()) -> CoverAllSolution {
        let universe = problem.values.indices.filter { problem.values[$0] > 0 && problem.candidatesReaching.rowLength($0) > 0 }
        let greedySites = greedy(problem)
        var sites = MaximalCovering.withoutRedundant(problem, sites: greedySites)
        var lower = universe.isEmpty ? 0 : max(1, packingBound(problem, universe: universe))
        if options.lagrangianIterations > 0, lower < sites.count {
            lower = max(lower, lagrangianBound(problem, universe: universe, upper: sites.count,
                                               iterations: options.lagrangianIterations))
        }
        var proved = lower >= sites.count
        if !proved, MaximalCovering.usefulCandidates(problem) <= options.exactCandidateLimit {
            switch exactCover(problem, universe: universe, from: lower, below: sites.count, nodeLimit: options.nodeLimit) {
            case let .found(better):
                sites = better
                lower = sites.count
                proved = true
            case .noneSmaller:
                lower = sites.count
                proved = true
            case .aborted:
                break
            }
        }
        let sequenced = MaximalCovering.sequence(problem, sites: sites)
        return CoverAllSolution(
            sites: sequenced, coveredPopulation: sequenced.reduce(0) { $0 + $1.newlyCovered },
            lowerBound: lower, provedOptimal: proved, greedyCount: greedySites.count,
            uncoverable: problem.uncoverable, uncoverablePopulation: problem.uncoverable.reduce(0) { $0 + problem.weights[$1] })
    }

    /// Lazy greedy by uncovered count, until everything coverable is covered.
    static func greedy(_ problem: CoverageProblem) -> [Int] {
        let values = problem.values
        let totalValue = values.reduce(0, +)
        var covered = [Bool](repeating: false, count: problem.demandCount)
        // Key: count of uncovered points + value / (total + 1): the count decides, value breaks ties.
        func key(_ j: Int) -> Double {
            var count = 0, value = 0.0
            for i in problem.demandsReached.row(j) where !covered[Int(i)] && values[Int(i)] > 0 {
                count += 1; value += values[Int(i)]
            }
            return count == 0 ? 0 : Double(count) + value / (totalValue + 1)
        }
        var heap = GainHeap((0 ..< problem.candidateCount).map { GainHeap.Entry(gain: key($0), candidate: Int32($0)) })
        var chosen: [Int] = []
        while var entry = heap.pop() {
            entry.gain = key(Int(entry.candidate))
            if let next = heap.top, next.ranksAbove(entry) { heap.push(entry); continue }
            guard entry.gain > 0 else { break }
            chosen.append(Int(entry.candidate))
            for i in problem.demandsReached.row(Int(entry.candidate)) { covered[Int(i)] = true }
        }
        return chosen
    }

    /// Disjoint packing: points taken in order of fewest candidates, each only if it shares no
    /// candidate with a point already taken. Each taken point needs a site of its own.
    static func packingBound(_ problem: CoverageProblem, universe: [Int]) -> Int {
        let reaching = problem.candidatesReaching
        let order = universe.sorted { reaching.rowLength($0) < reaching.rowLength($1) || (reaching.rowLength($0) == reaching.rowLength($1) && $0 < $1) }
        var used = [Bool](repeating: false, count: problem.candidateCount)
        var count = 0
        for i in order where !reaching.row(i).contains(where: { used[Int($0)] }) {
            count += 1
            for j in reaching.row(i) { used[Int(j)] = true }
        }
        return count
    }
}
