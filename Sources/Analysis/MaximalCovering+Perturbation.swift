extension MaximalCovering {
    /// Iterated local search: from the best solution so far, moves a few sites (each, with equal
    /// odds, to a random candidate that shares a demand point with it or to any candidate), repairs by
    /// best-improvement 1-swaps and keeps the result when it is strictly better; otherwise returns
    /// to the best. 1-swaps alone stall where the greedy start put one large central site and its
    /// neighbours around it; moving two to four sites at once escapes that.
    ///
    /// All moves run on one ``SwapState``, so a round costs the swaps it makes (each proportional to
    /// the demand points of the two sites involved) plus one scan of the p × candidates swap values
    /// per repair step, not a pass over the instance.
    ///
    /// Deterministic: the random choices come from a fixed-seed generator, so the same instance gives
    /// the same sites.
    /// - Parameters:
    ///   - sites: the start, replaced by the best solution found (a 1-swap local optimum).
    ///   - value: its value, updated.
    ///   - rounds: number of perturbations.
    ///   - stopAt: stop once the value reaches this (an upper bound: nothing better exists).
    ///   - work: stop once the updates have visited this many times the instance's coverage entries
    ///     (a deterministic effort limit: a round costs more the fewer sites share demand points).
    /// - Returns: the number of improving swaps made by the repairs that were kept.
    static func iteratedLocalSearch(_ problem: CoverageProblem, sites: inout [Int], value: inout Double, rounds: Int,
                                    stopAt: Double = .infinity, work: Double = .infinity,
                                    seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Int {
        let n = problem.candidateCount, p = sites.count
        guard p > 0, p < n else { return 0 }
        let total = problem.values.reduce(0, +)
        let tolerance = 1e-9 * max(1, total)
        let candidates = (0 ..< n).filter { problem.demandsReached.rowLength($0) > 0 }
        guard candidates.count > p else { return 0 }
        let state = SwapState(problem, sites: sites)
        let workLimit = work < Double(Int.max / 2) ? Int(work * Double(problem.candidatesReaching.entryCount)) : Int.max
        var swaps = state.descend(tolerance: tolerance)
        var best = state.sites, bestValue = state.value
        var rng = SplitMix64(seed: seed)
        let reached = problem.demandsReached, reaching = problem.candidatesReaching
        var positions = Array(0 ..< p)
        var current = best, currentValue = bestValue, stale = 0
        let slack = 0.001, restartAfter = 15
        for round in 0 ..< max(0, rounds) {
            if bestValue >= stopAt - tolerance || state.work > workLimit { break }
            let strength = min(p, 2 + Int(rng.next() % UInt64(p <= 5 ? 2 : 3)))
            for k in 0 ..< strength {
                let pick = k + Int(rng.next() % UInt64(p - k))
                positions.swapAt(k, pick)
                let r = positions[k]
                let old = state.sites[r]
                var a = -1
                if rng.next() % 2 == 0, reached.rowLength(old) > 0 {
                    // A neighbour: a candidate reaching a random demand point of the moved site.
                    for _ in 0 ..< 8 {
                        let row = reached.row(old)
                        let i = Int(row[row.startIndex + Int(rng.next() % UInt64(row.count))])
                        let others = reaching.row(i)
                        let b = Int(others[others.startIndex + Int(rng.next() % UInt64(others.count))])
                        if state.position(b) < 0 { a = b; break }
                    }
                }
                while a < 0 || state.position(a) >= 0 { a = candidates[Int(rng.next() % UInt64(candidates.count))] }
                state.swap(r, a)
            }
            let made = state.descend(tolerance: tolerance)
            if state.value > bestValue + tolerance {
                best = state.sites
                bestValue = state.value
                current = best
                currentValue = bestValue
                swaps += made
                stale = 0
            } else {
                stale += 1
                if stale % restartAfter == 0 {
                    state.restore(best)
                    current = best
                    currentValue = bestValue
                } else if state.value >= currentValue - slack * bestValue {
                    current = state.sites   // a slightly worse local optimum: walk on from there
                    currentValue = state.value
                } else {
                    state.restore(current)
                }
            }
            if round % 128 == 127 { state.refresh() }   // against floating-point drift
        }
        sites = best
        value = problem.coveredValue(of: best)
        return swaps
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small fixed-seed generator for reproducible searches
/// (and for the benchmark's synthetic data).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
