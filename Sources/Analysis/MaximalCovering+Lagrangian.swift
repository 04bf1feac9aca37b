#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of the subgradient optimisation.
struct LagrangianOutcome {
    /// The smallest Lagrangian value seen: an upper bound on the optimum.
    var upper: Double
    /// The best feasible value among the subproblem solutions, and its sites.
    var bestValue: Double
    var bestSites: [Int]
    /// The reduced gains `g_j` at the multipliers that gave ``upper`` (empty when no iteration ran).
    /// For a candidate j outside that subproblem's top p, every solution containing j has value at
    /// most `upper − (p-th largest g) + g_j` (the subproblem with j forced in).
    var gains: [Double] = []
}

extension MaximalCovering {
    /// Lagrangian upper bound on the maximal covering optimum.
    ///
    /// Relaxing `y_i <= Σ_{j ∈ N_i} x_j` with multipliers `λ_i >= 0` gives
    /// `L(λ) = Σ_i max(0, v_i − λ_i) + (sum of the p largest g_j)`, `g_j = Σ_{i reached by j} λ_i`,
    /// an upper bound for every λ (and at its minimum equal to the LP relaxation bound, since the
    /// subproblem is integral). It is minimised by projected, deflected subgradient steps
    /// `λ_i ← clamp(λ_i + t v_i d_i, 0, v_i)`: `s_i = y_i − X_i` (`y_i = [v_i > λ_i]`, `X_i` the number
    /// of chosen sites reaching `i`; zero where `λ_i` sits at the bound it points past), deflected as
    /// `d = s + deflection · d_prev`, scaled by each multiplier's range, with the Polyak step
    /// `t = π (L − LB) / dᵀVd` toward the best feasible value LB. π starts at `initialStep`; after
    /// `patience` iterations without a better bound it halves and the search restarts from the best
    /// multipliers seen. It stops at `iterations`, after `seconds`, when π falls below `minimumStep`,
    /// or once the relative gap to the best feasible value is at most `targetGap`.
    ///
    /// The multipliers start from the incumbent `sites` (complementary slackness at an LP optimum):
    /// `λ_i = 0` where two or more incumbent sites reach `i`, `v_i / 2` where one does, `v_i` where
    /// none does.
    static func lagrangianBound(_ problem: CoverageProblem, p: Int, lowerBound: Double, incumbent sites: [Int] = [],
                                iterations: Int, seconds: Double? = nil, targetGap: Double = 0, patience: Int = 100,
                                initialStep: Double = 2, deflection: Double = 0.7, minimumStep: Double = 1e-6) -> LagrangianOutcome {
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

        // Active demand -> candidates rows, for incremental updates of g.
        var demandStarts = [Int](repeating: 0, count: m + 1)
        var demandCandidates: [Int32] = []
        demandCandidates.reserveCapacity(members.count)
        for (k, i) in active.enumerated() {
            demandCandidates.append(contentsOf: problem.candidatesReaching.row(i))
            demandStarts[k + 1] = demandCandidates.count
        }

        var lambda = v.map { $0 * 0.5 }
        if !sites.isEmpty {
            var reachedBy = [Int32](repeating: 0, count: m)
            for j in sites { for e in starts[j] ..< starts[j + 1] { reachedBy[Int(members[e])] += 1 } }
            for k in 0 ..< m { lambda[k] = reachedBy[k] == 0 ? v[k] : reachedBy[k] == 1 ? v[k] * 0.5 : 0 }
        }
        var g = [Double](repeating: 0, count: n)
        var hits = [Int32](repeating: 0, count: m)
        var top: [Int] = []
        top.reserveCapacity(p + 1)
        var pi = initialStep, sinceImprovement = 0
        var delta = [Double](repeating: 0, count: m)
        var recompute = false
        var bestGains = [Double](repeating: 0, count: n)
        var bestLambda = lambda
        var direction = [Double](repeating: 0, count: m)
        var bestL = Double.infinity
        // The budget is this thread's CPU time, so that a loaded machine does not loosen the bound.
        let deadline = seconds.map { Self.threadCPUSeconds() + $0 }
        let entries = members.count
        members.withUnsafeBufferPointer { mem in
        starts.withUnsafeBufferPointer { st in
        demandCandidates.withUnsafeBufferPointer { dc in
        demandStarts.withUnsafeBufferPointer { ds in
        v.withUnsafeBufferPointer { v in
        lambda.withUnsafeMutableBufferPointer { lambda in
        g.withUnsafeMutableBufferPointer { g in
        hits.withUnsafeMutableBufferPointer { hits in
        delta.withUnsafeMutableBufferPointer { delta in
        bestLambda.withUnsafeMutableBufferPointer { bestLambda in
        direction.withUnsafeMutableBufferPointer { direction in
            for iteration in 0 ..< iterations {
                if let deadline, iteration % 16 == 0, Self.threadCPUSeconds() > deadline { break }
                var free = 0.0
                for k in 0 ..< m { free += max(0, v[k] - lambda[k]) }
                if iteration % 64 == 0 || recompute {
                    // Full recomputation (a gather over each candidate's row) when many multipliers
                    // changed, and now and then against drift; otherwise g follows the changed ones.
                    for j in 0 ..< n {
                        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                        var e = st[j]
                        let end = st[j + 1]
                        while e + 3 < end {
                            s0 += lambda[Int(mem[e])]; s1 += lambda[Int(mem[e + 1])]
                            s2 += lambda[Int(mem[e + 2])]; s3 += lambda[Int(mem[e + 3])]
                            e += 4
                        }
                        while e < end { s0 += lambda[Int(mem[e])]; e += 1 }
                        g[j] = (s0 + s1) + (s2 + s3)
                    }
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
                // The best multipliers are tracked apart from the bound, which starts at the total
                // (a value every L may exceed at first).
                // Every better value is kept (with its gains, for fixing); only a real improvement
                // resets the patience.
                if L < bestL {
                    sinceImprovement = L < bestL - tolerance ? 0 : sinceImprovement + 1
                    bestL = L
                    for j in 0 ..< n { bestGains[j] = g[j] }
                    for k in 0 ..< m { bestLambda[k] = lambda[k] }
                } else {
                    sinceImprovement += 1
                }
                outcome.upper = min(outcome.upper, L)

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
                if outcome.upper - outcome.bestValue <= max(tolerance, targetGap * outcome.upper) { break }

                // Step along the subgradient scaled by v (each multiplier moves in proportion to its
                // range [0, v_k]; with merged demand classes of very different values the plain
                // direction stalls): λ ← λ + t·V·s, t = π (L − LB) / sᵀVs.
                // The direction is deflected (Camerini, Fratta and Maffioli 1975): a share of the
                // previous direction damps the zig-zag of plain subgradient steps.
                var norm = 0.0
                for k in 0 ..< m {
                    var s = (v[k] > lambda[k] ? 1.0 : 0.0) - Double(hits[k])
                    // A multiplier at a bound of its box moves only inward.
                    if (lambda[k] <= 0 && s < 0) || (lambda[k] >= v[k] && s > 0) { s = 0 }
                    s += deflection * direction[k]
                    direction[k] = s
                    norm += s * s * v[k]
                }
                if norm == 0 {
                    // A kink where this subgradient vanishes (ties among the p-th gains) but the gap is
                    // open: step off it toward the centre of the box and go on.
                    for k in 0 ..< m { lambda[k] = 0.8 * lambda[k] + 0.1 * v[k]; hits[k] = 0; direction[k] = 0 }
                    recompute = true
                    continue
                }
                let step = pi * max(L - outcome.bestValue, tolerance) / norm
                // New multipliers; their changes go to g by scatter when few rows are touched.
                var touched = 0
                for k in 0 ..< m {
                    let s = direction[k]
                    hits[k] = 0
                    let old = lambda[k]
                    let new = s == 0 ? old : min(v[k], max(0, old + step * v[k] * s))
                    delta[k] = new - old
                    if new != old { touched += ds[k + 1] - ds[k] }
                    lambda[k] = new
                }
                recompute = touched * 2 > entries
                if !recompute {
                    for k in 0 ..< m where delta[k] != 0 {
                        let d = delta[k]
                        for e in ds[k] ..< ds[k + 1] { g[Int(dc[e])] += d }
                    }
                }
                if sinceImprovement >= patience {
                    // Halve the step and go back to the best multipliers seen.
                    pi /= 2
                    sinceImprovement = 0
                    if pi < minimumStep { break }
                    for k in 0 ..< m { lambda[k] = bestLambda[k]; direction[k] = 0 }
                    recompute = true
                }
            }
        }}}}}}}}}}}
        // The gains belong to the bound only when the bound is the best Lagrangian value.
        if bestL <= outcome.upper { outcome.gains = bestGains }
        return outcome
    }
}

extension MaximalCovering {
    /// CPU seconds used by the calling thread.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
