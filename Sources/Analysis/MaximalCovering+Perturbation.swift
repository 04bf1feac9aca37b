extension MaximalCovering {
    /// Iterated local search: from the best solution so far, replaces a few sites by random
    /// candidates, repairs with ``localSearch(_:sites:maxSwaps:)`` and keeps the result when it is
    /// strictly better. 1-swaps alone stall where the greedy start put one large central site and its
    /// neighbours around it; moving two or three sites at once escapes that.
    ///
    /// Deterministic: the random choices come from a fixed-seed generator, so the same instance gives
    /// the same sites.
    /// - Parameters:
    ///   - sites: the start (a local optimum), replaced by the best solution found.
    ///   - value: its value, updated.
    ///   - rounds: number of perturbations.
    ///   - stopAt: stop once the value reaches this (an upper bound: nothing better exists).
    /// - Returns: the number of improving swaps made by the repairs that were kept.
    static func iteratedLocalSearch(_ problem: CoverageProblem, sites: inout [Int], value: inout Double, rounds: Int,
                                    stopAt: Double = .infinity, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Int {
        let n = problem.candidateCount, p = sites.count
        guard p > 0, p < n, rounds > 0 else { return 0 }
        let total = problem.values.reduce(0, +)
        let tolerance = 1e-12 * max(1, total)
        let candidates = (0 ..< n).filter { problem.demandsReached.rowLength($0) > 0 }
        guard candidates.count > p else { return 0 }
        let strength = min(p, p <= 5 ? 2 : 3)
        var rng = SplitMix(state: seed)
        var swaps = 0
        var inSet = [Bool](repeating: false, count: n)
        for _ in 0 ..< rounds {
            if value >= stopAt - tolerance { break }
            var trial = sites
            for j in trial { inSet[j] = true }
            // Positions to move: a partial Fisher-Yates shuffle of 0 ..< p.
            var positions = Array(0 ..< p)
            for k in 0 ..< strength {
                let pick = k + Int(rng.next() % UInt64(p - k))
                positions.swapAt(k, pick)
                var a = candidates[Int(rng.next() % UInt64(candidates.count))]
                while inSet[a] { a = candidates[Int(rng.next() % UInt64(candidates.count))] }
                inSet[trial[positions[k]]] = false
                inSet[a] = true
                trial[positions[k]] = a
            }
            for j in trial { inSet[j] = false }
            let made = localSearch(problem, sites: &trial)
            let v = problem.coveredValue(of: trial)
            if v > value + tolerance {
                sites = trial
                value = v
                swaps += made
            }
        }
        return swaps
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small fixed-seed generator for reproducible searches.
struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
