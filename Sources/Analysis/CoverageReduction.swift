/// A smaller maximal covering instance with the same optimum value: demand points of no value or
/// that no candidate reaches are dropped, dominated candidates are dropped, and demand points with
/// the same set of (kept) candidates are merged into one demand class with the summed value.
///
/// Candidate `j` is dominated by `k` when every demand point of positive value that `j` reaches is
/// also reached by `k`, and `k` reaches more of them or the same ones with `k < j`. Replacing a
/// dominated candidate by its dominator never lowers the covered value, so some optimal solution
/// (for every p) uses kept candidates only; and since the objective only depends on which demand
/// points are reached by at least one chosen site, points reached by the same kept candidates can be
/// counted together. Hence for every set S of kept candidates the reduced and the original instance
/// give S the same value, and both have the same optimum.
///
/// ```swift
/// let reduced = CoverageReduction(problem)
/// let s = MaximalCovering.greedy(reduced.problem, p: 5, start: []).map { reduced.candidates[$0] }
/// ```
struct CoverageReduction {
    /// The reduced instance (demand classes x kept candidates), values as weights, nothing already
    /// covered, no rural multiplier.
    let problem: CoverageProblem
    /// Original index of each kept candidate, ascending.
    let candidates: [Int]

    /// - Complexity: O(entries · log) for sorting the rows and hashing them, plus the dominance tests:
    ///   each candidate is compared only with the candidates reaching its least-reached demand point.
    init(_ original: CoverageProblem) {
        let n = original.candidateCount
        let values = original.values
        // Positive-value rows of each candidate (demand indices ascending: the transpose lists them so).
        var sets: [[Int32]] = (0 ..< n).map { j in original.demandsReached.row(j).filter { values[Int($0)] > 0 } }
        let reaching = original.candidatesReaching

        // Dominance: j is dominated when a candidate k reaching j's least-reached demand point covers
        // all of j's points and ranks above (more points, or the same number and a lower index).
        var kept = [Bool](repeating: true, count: n)
        for j in 0 ..< n {
            let row = sets[j]
            guard let pivot = row.min(by: { reaching.rowLength(Int($0)) < reaching.rowLength(Int($1)) }) else {
                kept[j] = false
                continue
            }
            for k32 in reaching.row(Int(pivot)) {
                let k = Int(k32)
                guard k != j else { continue }
                let other = sets[k]
                guard other.count > row.count || (other.count == row.count && k < j) else { continue }
                // Subset test by binary search in k's ascending row; most k fail on an early point.
                if row.allSatisfy({ Self.contains(other, $0) }) { kept[j] = false; break }
            }
        }
        // A dominated candidate's dominator may itself be dominated; dominance is transitive and
        // acyclic (a strict order on (count, -index)), so some kept candidate dominates each dropped one.
        let candidates = (0 ..< n).filter { kept[$0] }
        var local = [Int32](repeating: -1, count: n)
        for (k, j) in candidates.enumerated() { local[j] = Int32(k) }
        sets = []

        // Demand classes: rows of kept local candidates, sorted, merged when equal (first occurrence order).
        var classOf: [[Int32]: Int] = [:]
        var rows: [[Int]] = []
        var classValues: [Double] = []
        var scratch: [Int32] = []
        for i in 0 ..< original.demandCount where values[i] > 0 {
            scratch.removeAll(keepingCapacity: true)
            for j in reaching.row(i) where local[Int(j)] >= 0 { scratch.append(local[Int(j)]) }
            guard !scratch.isEmpty else { continue }
            scratch.sort()
            if let c = classOf[scratch] {
                classValues[c] += values[i]
            } else {
                classOf[scratch] = rows.count
                rows.append(scratch.map { Int($0) })
                classValues.append(values[i])
            }
        }
        var starts = [0]
        starts.reserveCapacity(rows.count + 1)
        var columns: [Int32] = []
        for row in rows {
            for j in row { columns.append(Int32(j)) }
            starts.append(columns.count)
        }
        let matrix = SparseRows(unchecked: starts, columns: columns, columnCount: candidates.count)
        self.problem = CoverageProblem(uncheckedRows: matrix, weights: classValues)
        self.candidates = candidates
    }

    /// Whether the ascending array holds `x`.
    static func contains(_ sorted: [Int32], _ x: Int32) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == x
    }
}
