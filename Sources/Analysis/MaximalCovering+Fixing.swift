extension MaximalCovering {
    /// Lagrangian variable fixing: the candidates that can belong to a solution better than
    /// `lowerBound`.
    ///
    /// With reduced gains `g` at multipliers whose Lagrangian value is `upper`, a solution containing
    /// candidate j is worth at most `upper` when j is among the p largest gains and at most
    /// `upper − g_(p) + g_j` otherwise (the relaxation with j forced in). Candidates whose bound
    /// cannot beat `lowerBound` are left out; with integral values a better solution is worth at least
    /// `lowerBound + 1`.
    /// - Returns: eligible candidate indices, ascending.
    static func eligibleCandidates(gains: [Double], upper: Double, p: Int, lowerBound: Double,
                                   integral: Bool, tolerance: Double) -> [Int] {
        let n = gains.count
        guard p > 0, p < n else { return Array(0 ..< n) }
        let pth = gains.sorted(by: >)[p - 1]
        return (0 ..< n).filter { j in
            let bound = gains[j] >= pth ? upper : upper - pth + gains[j]
            return integral ? bound >= lowerBound + 1 - tolerance : bound > lowerBound + tolerance
        }
    }

    /// Searches the candidates that survive ``eligibleCandidates(gains:upper:p:lowerBound:integral:tolerance:)``:
    /// exactly (branch and bound) when few combinations remain, else by iterated local search when
    /// the fixing removed at least three quarters of the coverage entries.
    /// - Returns: a better solution if one was found, and whether the result (the better solution or,
    ///   failing that, the incumbent) is proved optimal.
    static func searchEligible(_ problem: CoverageProblem, p: Int, eligible: [Int], incumbentValue: Double,
                               options: SitingOptions) -> (sites: [Int]?, proved: Bool) {
        guard !eligible.isEmpty else { return (nil, true) }   // nothing can beat the incumbent
        let restricted = problem.restricted(to: eligible)
        let reduction = CoverageReduction(restricted)
        let small = reduction.problem
        let original = { (local: [Int]) in local.map { eligible[reduction.candidates[$0]] } }
        let tolerance = 1e-9 * max(1, problem.values.reduce(0, +))
        if combinations(usefulCandidates(small), p) <= options.exactCombinationLimit,
           let exact = branchAndBound(small, p: p, incumbent: [], nodeLimit: options.nodeLimit) {
            let sites = original(exact)
            return (problem.coveredValue(of: sites) > incumbentValue + tolerance ? sites : nil, true)
        }
        // A second search pays off (within the time of the first) only when the fixing cut most of
        // the instance away.
        guard options.localSearch, small.candidateCount > p,
              4 * small.candidatesReaching.entryCount <= problem.candidatesReaching.entryCount else { return (nil, false) }
        var sites = greedy(small, p: p, start: [])
        _ = localSearch(small, sites: &sites)
        var value = small.coveredValue(of: sites)
        _ = iteratedLocalSearch(small, sites: &sites, value: &value, rounds: options.perturbationRounds,
                                   work: options.perturbationWork)
        let found = original(sites)
        return (problem.coveredValue(of: found) > incumbentValue + tolerance ? found : nil, false)
    }
}

extension CoverageProblem {
    /// The instance with only the given candidates (ascending original indices; candidate k of the
    /// result is `candidates[k]`), values as weights.
    func restricted(to candidates: [Int]) -> CoverageProblem {
        var local = [Int32](repeating: -1, count: candidateCount)
        for (k, j) in candidates.enumerated() { local[j] = Int32(k) }
        var starts = [0]
        starts.reserveCapacity(demandCount + 1)
        var columns: [Int32] = []
        for i in 0 ..< demandCount {
            for j in candidatesReaching.row(i) where local[Int(j)] >= 0 { columns.append(local[Int(j)]) }
            starts.append(columns.count)
        }
        return CoverageProblem(uncheckedRows: SparseRows(unchecked: starts, columns: columns, columnCount: candidates.count),
                               weights: values)
    }
}
