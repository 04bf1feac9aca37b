/// Tuning for ``SetCovering/solve(_:options:)``.
public struct CoverAllOptions: Sendable, Hashable {
    /// Give up the exact search after this many branch-and-bound nodes.
    public var nodeLimit: Int
    /// Give up the exact search after this many seconds (nil: no limit).
    public var timeLimitSeconds: Double?

    public init(nodeLimit: Int = 5_000_000, timeLimitSeconds: Double? = nil) {
        self.nodeLimit = nodeLimit
        self.timeLimitSeconds = timeLimitSeconds
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
    /// Why the search stopped before proving (`time_limit`, `node_limit`); nil when proved.
    public var stopReason: String? = nil
    /// Branch-and-bound nodes explored.
    public var nodes: Int = 0
    /// Wall-clock seconds of the solve.
    public var seconds: Double = 0

    enum CodingKeys: String, CodingKey {
        case sites
        case coveredPopulation = "covered_population"
        case lowerBound = "lower_bound"
        case provedOptimal = "proved_optimal"
        case greedyCount = "greedy_count"
        case uncoverable
        case uncoverablePopulation = "uncoverable_population"
        case stopReason = "stop_reason", nodes, seconds
    }
}

/// Set covering ("cover-all"): the fewest candidate sites that reach every resident any candidate
/// can reach. Demand already covered by existing facilities and demand with weight 0 need no site.
///
/// Method: lazy greedy by the number of still-uncovered demand points reached (ties: more value,
/// then lowest index), then redundancy elimination, as the first incumbent; a disjoint packing
/// (demand points no two of which share a candidate each need their own site) as the first bound.
/// Then, on the instance reduced by row and column dominance (``SetCoverInstance``), an exact
/// depth-first branch and bound with Lagrangian bounds, reduced-cost fixing and a Lagrangian
/// heuristic (``SetCoverSearch``). Stopped by the node or time limit, it returns the best cover,
/// the root's bound and the reason.
public enum SetCovering {
    /// Finds a small cover of all coverable demand.
    /// - Complexity: greedy O(entries · log candidates); each Lagrangian iteration O(entries).
    public static func solve(_ problem: CoverageProblem, options: CoverAllOptions = CoverAllOptions()) -> CoverAllSolution {
        let clock = ContinuousClock()
        let started = clock.now
        let universe = problem.values.indices.filter { problem.values[$0] > 0 && problem.candidatesReaching.rowLength($0) > 0 }
        let greedySites = greedy(problem)
        var sites = MaximalCovering.withoutRedundant(problem, sites: greedySites)  // = greedyCover
        var lower = universe.isEmpty ? 0 : max(1, packingBound(problem, universe: universe))
        var proved = lower >= sites.count
        var stop: String? = nil
        var nodes = 0
        if !proved {
            let instance = SetCoverInstance(problem, universe: universe)
            var search = SetCoverSearch(instance, incumbentSize: sites.count, nodeLimit: options.nodeLimit,
                                        deadline: options.timeLimitSeconds.map { started + .milliseconds(Int64(($0 * 1000).rounded())) })
            search.run()
            if let better = search.best { sites = better.map { instance.columnIDs[Int($0)] } }
            nodes = search.nodes
            stop = search.stopped
            lower = stop == nil ? sites.count : max(lower, min(search.rootBound, sites.count))
            proved = lower >= sites.count
        }
        let sequenced = MaximalCovering.sequence(problem, sites: sites)
        let elapsed = clock.now - started
        var solution = CoverAllSolution(
            sites: sequenced, coveredPopulation: sequenced.reduce(0) { $0 + $1.newlyCovered },
            lowerBound: lower, provedOptimal: proved, greedyCount: greedySites.count,
            uncoverable: problem.uncoverable, uncoverablePopulation: problem.uncoverable.reduce(0) { $0 + problem.weights[$1] })
        solution.stopReason = stop
        solution.nodes = nodes
        solution.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return solution
    }

    /// The greedy cover with redundant sites dropped: the search's first incumbent and the
    /// benchmark's baseline.
    public static func greedyCover(_ problem: CoverageProblem) -> [Int] {
        MaximalCovering.withoutRedundant(problem, sites: greedy(problem))
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
