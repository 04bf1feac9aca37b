extension MaximalCovering {
    /// Best-improvement 1-swap local search (fast interchange). Replaces one chosen site by one
    /// outside candidate while that strictly increases the covered value.
    ///
    /// Per pass, from the coverage count `c_i` of every demand point (number of chosen sites that
    /// reach it): `gain[a] = Σ v_i` over `i` reached by `a` with `c_i = 0`; `loss[r] = Σ v_i` over `i`
    /// reached only by chosen site `r`; `extra[r][a] = Σ v_i` over `i` reached only by `r` and also by
    /// `a`. Swapping `r` for `a` changes the value by `gain[a] − loss[r] + extra[r][a]`.
    /// - Returns: the number of swaps made.
    /// - Complexity: per pass O(demand + entries of rows with `c_i <= 1` + p · candidates).
    static func localSearch(_ problem: CoverageProblem, sites: inout [Int], maxSwaps: Int = 10_000) -> Int {
        let n = problem.candidateCount, m = problem.demandCount, p = sites.count
        guard p > 0, p < n else { return 0 }
        let values = problem.values
        let reaching = problem.candidatesReaching
        let total = values.reduce(0, +)
        let tolerance = 1e-12 * max(1, total)
        var count = [Int32](repeating: 0, count: m)
        var position = [Int](repeating: -1, count: n)   // index in `sites`, or -1
        for (k, j) in sites.enumerated() {
            position[j] = k
            for i in problem.demandsReached.row(j) { count[Int(i)] += 1 }
        }
        var gain = [Double](repeating: 0, count: n)
        var loss = [Double](repeating: 0, count: p)
        var extra = [Double](repeating: 0, count: p * n)
        var owner = [Int32](repeating: 0, count: m)
        var swaps = 0
        while swaps < maxSwaps {
            for k in 0 ..< n { gain[k] = 0 }
            for k in 0 ..< p { loss[k] = 0 }
            for k in 0 ..< extra.count { extra[k] = 0 }
            // The one chosen site reaching each point of count 1, from the chosen sites' rows.
            for (r, j) in sites.enumerated() {
                for i in problem.demandsReached.row(j) where count[Int(i)] == 1 { owner[Int(i)] = Int32(r) }
            }
            reaching.columns.withUnsafeBufferPointer { columns in
            reaching.rowStarts.withUnsafeBufferPointer { starts in
            extra.withUnsafeMutableBufferPointer { extra in
            gain.withUnsafeMutableBufferPointer { gain in
                for i in 0 ..< m where values[i] > 0 && count[i] <= 1 {
                    let v = values[i]
                    let lo = starts[i], hi = starts[i + 1]
                    if count[i] == 0 {
                        for e in lo ..< hi { gain[Int(columns[e])] += v }
                    } else {
                        let r = Int(owner[i])
                        loss[r] += v
                        let base = r * n
                        for e in lo ..< hi { extra[base + Int(columns[e])] += v }
                    }
                }
            }}}}
            var bestDelta = tolerance, bestR = -1, bestA = -1
            for r in 0 ..< p {
                let base = r * n
                let l = loss[r]
                for a in 0 ..< n where position[a] < 0 {
                    let delta = gain[a] - l + extra[base + a]
                    if delta > bestDelta { bestDelta = delta; bestR = r; bestA = a }
                }
            }
            guard bestR >= 0 else { break }
            let old = sites[bestR]
            for i in problem.demandsReached.row(old) { count[Int(i)] -= 1 }
            for i in problem.demandsReached.row(bestA) { count[Int(i)] += 1 }
            position[old] = -1
            position[bestA] = bestR
            sites[bestR] = bestA
            swaps += 1
        }
        return swaps
    }
}
