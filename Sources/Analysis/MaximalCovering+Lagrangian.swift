/// The outcome of the subgradient optimisation.
struct LagrangianOutcome {
    /// The smallest Lagrangian value seen: an upper bound on the optimum.
    var upper: Double
    /// The best feasible value among the subproblem solutions, and its sites.
    var bestValue: Double
    var bestSites: [Int]
}

extension MaximalCovering {
    /// Lagrangian upper bound on the maximal covering optimum.
    ///
    /// Relaxing `y_i <= Σ_{j ∈ N_i} x_j` with multipliers `λ_i >= 0` gives
    /// `L(λ) = Σ_i max(0, v_i − λ_i) + (sum of the p largest g_j)`, `g_j = Σ_{i reached by j} λ_i`,
    /// an upper bound for every λ (and at its minimum equal to the LP relaxation bound, since the
    /// subproblem is integral). It is minimised by subgradient steps
    /// `λ_i ← clamp(λ_i + t (y_i − X_i), 0, v_i)` with `y_i = [v_i > λ_i]`, `X_i` the number of
    /// chosen sites reaching `i`, and `t = π (L − LB) / ‖s‖²`; π starts at 2 and halves after
    /// `patience` iterations without improvement.
    static func lagrangianBound(_ problem: CoverageProblem, p: Int, lowerBound: Double, iterations: Int,
                                patience: Int = 20) -> LagrangianOutcome {
        let n = problem.candidateCount
        let active = problem.values.indices.filter { problem.values[$0] > 0 && problem.candidatesReaching.rowLength($0) > 0 }
        let m = active.count
        let v = active.map { problem.values[$0] }
        let total = v.reduce(0, +)
        let tolerance = 1e-9 * max(1, total)
        guard m > 0, p > 0 else { return LagrangianOutcome(upper: 0, bestValue: lowerBound, bestSites: []) }
        var outcome = LagrangianOutcome(upper: total, bestValue: lowerBound, bestSites: [])
        if p >= n { return outcome }

        // Candidate -> active demand (local index) rows.
        var local = [Int32](repeating: -1, count: problem.demandCount)
        for (k, i) in active.enumerated() { local[i] = Int32(k) }
        var starts = [Int](repeating: 0, count: n + 1)
        var members: [Int32] = []
        members.reserveCapacity(problem.demandsReached.entryCount)
        for j in 0 ..< n {
            for i in problem.demandsReached.row(j) where local[Int(i)] >= 0 { members.append(local[Int(i)]) }
            starts[j + 1] = members.count
        }

        var lambda = v.map { $0 * 0.5 }
        var g = [Double](repeating: 0, count: n)
        var hits = [Int32](repeating: 0, count: m)
        var top: [Int] = []
        top.reserveCapacity(p + 1)
        var pi = 2.0, sinceImprovement = 0
        members.withUnsafeBufferPointer { mem in
        starts.withUnsafeBufferPointer { st in
        v.withUnsafeBufferPointer { v in
        lambda.withUnsafeMutableBufferPointer { lambda in
        g.withUnsafeMutableBufferPointer { g in
        hits.withUnsafeMutableBufferPointer { hits in
            for _ in 0 ..< iterations {
                var free = 0.0
                for k in 0 ..< m { free += max(0, v[k] - lambda[k]) }
                for j in 0 ..< n {
                    var s = 0.0
                    for e in st[j] ..< st[j + 1] { s += lambda[Int(mem[e])] }
                    g[j] = s
                }
                // The p largest reduced gains (ties to the lowest index), by insertion into a short list.
                top.removeAll(keepingCapacity: true)
                for j in 0 ..< n {
                    if top.count == p, g[j] <= g[top[p - 1]] { continue }
                    var pos = top.count
                    while pos > 0, g[top[pos - 1]] < g[j] { pos -= 1 }
                    top.insert(j, at: pos)
                    if top.count > p { top.removeLast() }
                }
                var L = free
                for j in top { L += g[j] }
                if L < outcome.upper - tolerance { outcome.upper = L; sinceImprovement = 0 } else { sinceImprovement += 1 }

                // The subproblem's sites as a feasible solution.
                var value = 0.0
                for j in top {
                    for e in st[j] ..< st[j + 1] {
                        let k = Int(mem[e])
                        if hits[k] == 0 { value += v[k] }
                        hits[k] += 1
                    }
                }
                if value > outcome.bestValue + tolerance { outcome.bestValue = value; outcome.bestSites = top }
                if outcome.upper - outcome.bestValue <= tolerance { break }

                var norm = 0.0
                for k in 0 ..< m {
                    let s = (v[k] > lambda[k] ? 1.0 : 0.0) - Double(hits[k])
                    norm += s * s
                }
                if norm == 0 { break }
                let step = pi * max(L - outcome.bestValue, tolerance) / norm
                for k in 0 ..< m {
                    let s = (v[k] > lambda[k] ? 1.0 : 0.0) - Double(hits[k])
                    lambda[k] = min(v[k], max(0, lambda[k] + step * s))
                    hits[k] = 0
                }
                if sinceImprovement >= patience {
                    pi /= 2
                    sinceImprovement = 0
                    if pi < 1e-4 { break }
                }
            }
        }}}}}}
        return outcome
    }
}
