import Foundation

extension SetCovering {
    /// Rounded-up Lagrangian lower bound on the number of sites.
    ///
    /// For multipliers `u_i >= 0` on the constraints `Σ_{j ∈ N_i} x_j >= 1`,
    /// `L(u) = Σ u_i + Σ_j min(0, 1 − Σ_{i ∈ M_j} u_i)` is a lower bound; the site count is an
    /// integer, so `⌈L(u) − ε⌉` is one too. Subgradient `s_i = 1 − Σ_{j ∈ N_i} x_j` with
    /// `x_j = [1 − Σ_{i ∈ M_j} u_i < 0]`, step `π (upper − L) / ‖s‖²`, π halving after 20 stalls.
    static func lagrangianBound(_ problem: CoverageProblem, universe: [Int], upper: Int, iterations: Int) -> Int {
        guard !universe.isEmpty else { return 0 }
        let n = problem.candidateCount
        let reaching = problem.candidatesReaching
        var local = [Int32](repeating: -1, count: problem.demandCount)
        for (k, i) in universe.enumerated() { local[i] = Int32(k) }
        var size = [Int](repeating: 0, count: n)
        for i in universe { for j in reaching.row(i) { size[Int(j)] += 1 } }
        var u = universe.map { i in reaching.row(i).map { 1.0 / Double(size[Int($0)]) }.min() ?? 0 }
        var reduced = [Double](repeating: 0, count: n)
        var best = 0.0, pi = 2.0, stall = 0
        for _ in 0 ..< iterations {
            for j in 0 ..< n { reduced[j] = 1 }
            var L = 0.0
            for (k, i) in universe.enumerated() {
                L += u[k]
                for j in reaching.row(i) { reduced[Int(j)] -= u[k] }
            }
            for j in 0 ..< n where reduced[j] < 0 { L += reduced[j] }
            if L > best + 1e-12 { best = L; stall = 0 } else { stall += 1 }
            if (best - 1e-9).rounded(.up) >= Double(upper) { break }
            var norm = 0.0
            var s = [Double](repeating: 1, count: universe.count)
            for (k, i) in universe.enumerated() {
                for j in reaching.row(i) where reduced[Int(j)] < 0 { s[k] -= 1 }
                norm += s[k] * s[k]
            }
            if norm == 0 { break }
            let step = pi * max(Double(upper) - L, 1e-9) / norm
            for k in u.indices { u[k] = max(0, u[k] + step * s[k]) }
            if stall >= 20 { pi /= 2; stall = 0; if pi < 1e-4 { break } }
        }
        return Int((best - 1e-9).rounded(.up))
    }

    /// Exact search for a cover with fewer than `below` sites, trying sizes `from ..< below`.
    /// - Returns: the smallest cover found, `.noneSmaller` when no cover below `below` exists, or
    ///   `.aborted` when the node limit was hit.
    static func exactCover(_ problem: CoverageProblem, universe: [Int], from: Int, below: Int,
                           nodeLimit: Int) -> ExactCoverOutcome {
        let reaching = problem.candidatesReaching
        var count = [Int32](repeating: 0, count: problem.demandCount)
        var inUniverse = [Bool](repeating: false, count: problem.demandCount)
        for i in universe { inUniverse[i] = true }
        var uncovered = universe.count
        var chosen: [Int] = []
        var nodes = 0
        var aborted = false

        func add(_ j: Int) {
            for i in problem.demandsReached.row(j) where inUniverse[Int(i)] {
                if count[Int(i)] == 0 { uncovered -= 1 }
                count[Int(i)] += 1
            }
        }
        func remove(_ j: Int) {
            for i in problem.demandsReached.row(j) where inUniverse[Int(i)] {
                count[Int(i)] -= 1
                if count[Int(i)] == 0 { uncovered += 1 }
            }
        }
        func newlyCovered(_ j: Int) -> Int {
            problem.demandsReached.row(j).reduce(0) { $0 + (inUniverse[Int($1)] && count[Int($1)] == 0 ? 1 : 0) }
        }
        func search(limit: Int) -> Bool {
            nodes += 1
            if nodes > nodeLimit { aborted = true; return false }
            if uncovered == 0 { return true }
            let left = limit - chosen.count
            guard left > 0 else { return false }
            // The uncovered point with the fewest candidates: some site must cover it.
            var pick = -1, pickLength = Int.max
            for i in universe where count[i] == 0 && reaching.rowLength(i) < pickLength {
                pick = i; pickLength = reaching.rowLength(i)
            }
            // Even `left` copies of the best remaining site cannot finish: prune.
            var most = 0
            for j in 0 ..< problem.candidateCount { most = max(most, newlyCovered(j)) }
            if most * left < uncovered { return false }
            var options = reaching.row(pick).map { (Int($0), newlyCovered(Int($0))) }
            options.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            for (j, _) in options {
                add(j); chosen.append(j)
                if search(limit: limit) { return true }
                chosen.removeLast(); remove(j)
                if aborted { return false }
            }
            return false
        }
        for k in max(from, 1) ..< max(below, max(from, 1)) {
            if search(limit: k) { return .found(chosen) }
            if aborted { return .aborted }
        }
        return .noneSmaller
    }
}

/// What the exact cover search found.
enum ExactCoverOutcome: Equatable {
    case found([Int])
    case noneSmaller
    case aborted
}
