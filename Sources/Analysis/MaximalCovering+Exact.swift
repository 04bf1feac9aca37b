extension MaximalCovering {
    /// Exact maximal covering by depth-first branch and bound over combinations.
    ///
    /// Candidates that can add value are ordered by their gain on the empty solution, descending;
    /// a node fixes a prefix choice and branches on the next candidate to add. Bounds (valid by
    /// submodularity: a site never adds more than its gain on a smaller solution):
    /// - cheap, at every node: current value + the next r initial gains in order (r sites left);
    /// - strong, at nodes with at least 2 sites left: current value + the r largest marginal gains
    ///   among the remaining candidates.
    /// A node is pruned when its bound cannot beat the incumbent, so the search proves optimality.
    /// - Returns: optimal sites, or nil when the node limit was hit first.
    static func branchAndBound(_ problem: CoverageProblem, p: Int, incumbent: [Int], nodeLimit: Int) -> [Int]? {
        let values = problem.values
        var covered = [Int32](repeating: 0, count: problem.demandCount)
        func gain(_ j: Int) -> Double {
            var g = 0.0
            for i in problem.demandsReached.row(j) where covered[Int(i)] == 0 { g += values[Int(i)] }
            return g
        }
        var order: [(candidate: Int, gain: Double)] = []
        for j in 0 ..< problem.candidateCount {
            let g = gain(j)
            if g > 0 { order.append((j, g)) }
        }
        order.sort { a, b in a.gain > b.gain || (a.gain == b.gain && a.candidate < b.candidate) }
        let candidates: [Int] = order.map { $0.candidate }
        let n = candidates.count
        if n <= p { return candidates }
        var prefix = [0.0]
        for entry in order { prefix.append(prefix[prefix.count - 1] + entry.gain) }
        let total = prefix[n]
        let tolerance = 1e-12 * max(1, total)

        var best = problem.coveredValue(of: incumbent)
        var bestSites = incumbent
        var chosen: [Int] = []
        var nodes = 0
        var aborted = false
        var marginal = [Double](repeating: 0, count: n)

        func add(_ j: Int) -> Double {
            var g = 0.0
            for i in problem.demandsReached.row(j) {
                if covered[Int(i)] == 0 { g += values[Int(i)] }
                covered[Int(i)] += 1
            }
            return g
        }
        func remove(_ j: Int) { for i in problem.demandsReached.row(j) { covered[Int(i)] -= 1 } }

        func search(from start: Int, value: Double) {
            nodes += 1
            if nodes > nodeLimit { aborted = true; return }
            if value > best + tolerance { best = value; bestSites = chosen }
            let r = p - chosen.count
            guard r > 0, start < n else { return }
            if value + prefix[min(n, start + r)] - prefix[start] <= best + tolerance { return }
            if r >= 2, n - start > r {
                for k in start ..< n { marginal[k - start] = gain(candidates[k]) }
                var slice = Array(marginal[0 ..< (n - start)])
                slice.sort(by: >)
                if value + slice.prefix(r).reduce(0, +) <= best + tolerance { return }
            }
            for k in start ..< n {
                if value + prefix[min(n, k + r)] - prefix[k] <= best + tolerance { break }
                let j = candidates[k]
                let g = add(j)
                chosen.append(j)
                if g > 0 { search(from: k + 1, value: value + g) }
                chosen.removeLast()
                remove(j)
                if aborted { return }
            }
        }
        search(from: 0, value: 0)
        return aborted ? nil : bestSites
    }
}
