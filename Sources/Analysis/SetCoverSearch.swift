/// Exact unit-cost set covering: depth-first branch and bound with Lagrangian bounds.
///
/// At each node the uncovered rows carry multipliers `u_i >= 0`; with reduced costs
/// `c_j = 1 − Σ_{i ∈ rows(j), i uncovered} u_i` over the free columns,
/// `L(u) = fixed + Σ u_i + Σ_j min(0, c_j)` is a lower bound on every cover of the node
/// (Held & Karp's subgradient steps raise it towards the LP bound: up to 4 000 at the root, 60 per
/// node; multipliers are inherited from the parent). The site count is an integer, so a node whose `⌈L − ε⌉` reaches the incumbent is
/// pruned. Reduced-cost fixing: a free column with `⌈L + c_j − ε⌉ >= incumbent` cannot be in a
/// better cover and is fixed out. Every few steps Beasley's Lagrangian heuristic (columns with
/// negative reduced cost, then the cheapest column of each uncovered row, then redundant columns
/// dropped, dearest first) may improve the incumbent. Branching on the uncovered row with the
/// fewest free columns: child k takes that row's k-th cheapest column and leaves out the ones
/// before it (a partition of the node's covers).
struct SetCoverSearch {
    let instance: SetCoverInstance
    /// 1 in the cover, -1 left out, 0 free.
    var status: [Int8]
    /// Columns in the cover that reach each row.
    var coverCount: [Int32]
    var chosen: [Int32] = []
    var multipliers: [Double]
    /// The best cover found by the search (kept-column indices); nil while the caller's is best.
    var best: [Int32]? = nil
    /// Size of the best cover known (the caller's incumbent at first).
    var bestSize: Int
    var nodes = 0
    var stopped: String? = nil
    let nodeLimit: Int
    let deadline: ContinuousClock.Instant?
    /// The root's bound (a lower bound on every cover).
    var rootBound = 0

    init(_ instance: SetCoverInstance, incumbentSize: Int, nodeLimit: Int, deadline: ContinuousClock.Instant?) {
        self.instance = instance
        status = [Int8](repeating: 0, count: instance.columnCount)
        coverCount = [Int32](repeating: 0, count: instance.rowCount)
        multipliers = (0 ..< instance.rowCount).map { 1 / Double(max(1, instance.columns(of: $0).count)) }
        bestSize = incumbentSize
        self.nodeLimit = nodeLimit
        self.deadline = deadline
    }

    /// Runs the search; `best` is then optimal unless `stopped` is set.
    mutating func run() {
        rootBound = search(depth: 0)
    }

    /// Explores the node; returns its lower bound (for the root: the proved bound).
    private mutating func search(depth: Int) -> Int {
        nodes += 1
        if nodes > nodeLimit { stopped = "node_limit"; return 0 }
        if let deadline, nodes & 15 == 0 || depth == 0, ContinuousClock.now >= deadline { stopped = "time_limit"; return 0 }
        // The root's bound is the one reported when a limit stops the search: give it more steps.
        guard let (bound, reduced) = depth == 0 ? lagrangianBound(iterations: 4_000, patience: 40, smallestStep: 1e-4)
                                                : lagrangianBound(iterations: 60, patience: 15, smallestStep: 5e-3) else { return Int.max }
        if bound >= bestSize { return bound }
        // Reduced-cost fixing (undone on return).
        var fixedOut: [Int] = []
        let nodeL = reducedBound
        for j in 0 ..< instance.columnCount where status[j] == 0 && reduced[j] > 0 {
            if (nodeL + reduced[j] - 1e-9).rounded(.up) >= Double(bestSize) { status[j] = -1; fixedOut.append(j) }
        }
        defer { for j in fixedOut { status[j] = 0 } }
        // The uncovered row with the fewest free columns.
        var pick = -1, pickCount = Int.max
        for i in 0 ..< instance.rowCount where coverCount[i] == 0 {
            var free = 0
            for j in instance.columns(of: i) where status[Int(j)] == 0 { free += 1 }
            if free < pickCount { pick = i; pickCount = free }
            if free == 0 { return Int.max }
        }
        if pick < 0 {
            if chosen.count < bestSize { best = chosen; bestSize = chosen.count }
            return chosen.count
        }
        let options = instance.columns(of: pick).filter { status[Int($0)] == 0 }.sorted { reduced[Int($0)] < reduced[Int($1)] }
        let saved = multipliers
        var excluded: [Int] = []
        defer { for j in excluded { status[j] = 0 } }
        for j32 in options {
            let j = Int(j32)
            add(j)
            _ = search(depth: depth + 1)
            remove(j)
            multipliers = saved
            if stopped != nil { break }
            if bound >= bestSize { break }
            status[j] = -1
            excluded.append(j)
        }
        return bound
    }

    /// The last bound's value before rounding (for reduced-cost fixing).
    private var reducedBound = 0.0

    private mutating func add(_ j: Int) {
        status[j] = 1
        chosen.append(Int32(j))
        for i in instance.rows(of: j) { coverCount[Int(i)] += 1 }
    }

    private mutating func remove(_ j: Int) {
        status[j] = 0
        chosen.removeLast()
        for i in instance.rows(of: j) { coverCount[Int(i)] -= 1 }
    }

    /// Subgradient optimisation of the node's Lagrangian bound; nil when the node has an uncovered
    /// row without free columns. Returns the rounded-up bound (including the chosen columns) and the
    /// reduced costs at the best multipliers.
    private mutating func lagrangianBound(iterations: Int, patience: Int, smallestStep: Double) -> (Int, [Double])? {
        let n = instance.columnCount, m = instance.rowCount
        for i in 0 ..< m where coverCount[i] == 0 {
            if !instance.columns(of: i).contains(where: { status[Int($0)] == 0 }) { return nil }
        }
        var u = multipliers
        var reduced = [Double](repeating: 0, count: n)
        var bestL = -Double.infinity, bestU = u
        var pi = 2.0, stall = 0
        var s = [Double](repeating: 0, count: m)
        let fixed = Double(chosen.count)
        for it in 0 ..< max(1, iterations) {
            var L = fixed
            for i in 0 ..< m where coverCount[i] == 0 { L += u[i] }
            for j in 0 ..< n where status[j] == 0 {
                var c = 1.0
                for i in instance.rows(of: j) where coverCount[Int(i)] == 0 { c -= u[Int(i)] }
                reduced[j] = c
                if c < 0 { L += c }
            }
            if L > bestL + 1e-9 { bestL = L; bestU = u; stall = 0 } else { stall += 1 }
            if (bestL - 1e-9).rounded(.up) >= Double(bestSize) { break }
            if it % 10 == 0 { heuristic(reduced) }
            var norm = 0.0
            for i in 0 ..< m { s[i] = coverCount[i] == 0 ? 1 : 0 }
            for j in 0 ..< n where status[j] == 0 && reduced[j] < 0 {
                for i in instance.rows(of: j) where coverCount[Int(i)] == 0 { s[Int(i)] -= 1 }
            }
            for i in 0 ..< m where coverCount[i] == 0 {
                // A zero multiplier cannot go lower.
                if u[i] <= 0 && s[i] < 0 { s[i] = 0 }
                norm += s[i] * s[i]
            }
            if norm == 0 { break }
            let target = Double(bestSize) - 1 + 1e-3
            let step = pi * max(target - L, 1e-3) / norm
            for i in 0 ..< m where coverCount[i] == 0 { u[i] = max(0, u[i] + step * s[i]) }
            if stall >= patience { pi /= 2; stall = 0; if pi < smallestStep { break } }
        }
        // Reduced costs at the best multipliers.
        multipliers = bestU
        for j in 0 ..< n where status[j] == 0 {
            var c = 1.0
            for i in instance.rows(of: j) where coverCount[Int(i)] == 0 { c -= bestU[Int(i)] }
            reduced[j] = c
        }
        heuristic(reduced)
        reducedBound = bestL
        return (Int((bestL - 1e-9).rounded(.up)), reduced)
    }

    /// Beasley's Lagrangian heuristic from reduced costs; replaces the incumbent when smaller.
    private mutating func heuristic(_ reduced: [Double]) {
        let n = instance.columnCount, m = instance.rowCount
        var take = [Bool](repeating: false, count: n)
        var count = [Int32](repeating: 0, count: m)
        var set: [Int] = chosen.map(Int.init)
        for j in set { take[j] = true }
        for j in 0 ..< n where status[j] == 0 && reduced[j] < 0 { take[j] = true; set.append(j) }
        for j in set { for i in instance.rows(of: j) { count[Int(i)] += 1 } }
        for i in 0 ..< m where count[i] == 0 {
            var pick = -1
            for j in instance.columns(of: i) where status[Int(j)] == 0 && (pick < 0 || reduced[Int(j)] < reduced[pick]) {
                pick = Int(j)
            }
            guard pick >= 0 else { return }
            take[pick] = true
            set.append(pick)
            for r in instance.rows(of: pick) { count[Int(r)] += 1 }
        }
        // Drop redundant columns, dearest first (the node's chosen ones stay).
        set.sort { (status[$0] == 1 ? -Double.infinity : reduced[$0]) > (status[$1] == 1 ? -Double.infinity : reduced[$1]) }
        var kept: [Int32] = []
        for j in set {
            if status[j] != 1, instance.rows(of: j).allSatisfy({ count[Int($0)] > 1 }) {
                for i in instance.rows(of: j) { count[Int(i)] -= 1 }
            } else {
                kept.append(Int32(j))
            }
        }
        if kept.count < bestSize { best = kept; bestSize = kept.count }
    }
}
