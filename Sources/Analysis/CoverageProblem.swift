/// An instance of a covering location problem: demand points, candidate sites, and which candidates
/// reach which demand points.
///
/// Candidate `j` covers demand point `i` when their distance is at most `i`'s threshold (rural and
/// urban points may have different thresholds); the caller computes these sets with the spatial
/// index and passes them per demand point as sparse rows. Demand already covered by existing
/// facilities counts as covered and has no value to gain.
///
/// ```swift
/// let problem = try CoverageProblem(candidatesReaching: rows, weights: residents,
///                                   alreadyCovered: coveredNow, rural: ruralFlags, ruralMultiplier: 2)
/// let solution = MaximalCovering.solve(problem, p: 3)
/// ```
public struct CoverageProblem: Sendable {
    /// Row `i`: the candidates that reach demand point `i`.
    public let candidatesReaching: SparseRows
    /// Row `j`: the demand points candidate `j` reaches (the transpose).
    public let demandsReached: SparseRows
    /// Residents per demand point.
    public let weights: [Double]
    /// Objective value per demand point: 0 when already covered, else weight × (multiplier if rural).
    public let values: [Double]
    /// Demand points covered by existing facilities.
    public let alreadyCovered: [Bool]
    /// Demand points with weight > 0, not already covered, that no candidate reaches (ascending).
    public let uncoverable: [Int]

    public var demandCount: Int { weights.count }
    public var candidateCount: Int { candidatesReaching.columnCount }

    /// - Parameters:
    ///   - candidatesReaching: for each demand point, the candidates within its threshold.
    ///   - weights: residents per demand point (finite, >= 0).
    ///   - alreadyCovered: per demand point, whether an existing facility already reaches it.
    ///   - rural: per demand point rural flag (for the multiplier); nil means all urban.
    ///   - ruralMultiplier: weight factor for rural demand in the objective (finite, > 0; 1 = none).
    /// - Throws: ``AnalysisInputError`` for mismatched lengths or bad weights / multiplier.
    public init(candidatesReaching: SparseRows, weights: [Double], alreadyCovered: [Bool]? = nil,
                rural: [Bool]? = nil, ruralMultiplier: Double = 1) throws(AnalysisInputError) {
        let n = candidatesReaching.rowCount
        guard weights.count == n else { throw .countMismatch(what: "demand weights", expected: n, got: weights.count) }
        if let alreadyCovered, alreadyCovered.count != n {
            throw .countMismatch(what: "already covered flags", expected: n, got: alreadyCovered.count)
        }
        if let rural, rural.count != n { throw .countMismatch(what: "demand rural flags", expected: n, got: rural.count) }
        guard ruralMultiplier.isFinite, ruralMultiplier > 0 else {
            throw .invalidParameter(name: "ruralMultiplier", value: ruralMultiplier, allowed: "finite and > 0")
        }
        var values = [Double](repeating: 0, count: n)
        var uncoverable: [Int] = []
        let covered = alreadyCovered ?? Array(repeating: false, count: n)
        for i in 0 ..< n {
            let w = weights[i]
            guard w.isFinite, w >= 0 else { throw .invalidWeight(what: "demand weight", index: i, value: w) }
            guard !covered[i] else { continue }
            values[i] = (rural?[i] ?? false) ? w * ruralMultiplier : w
            if w > 0, candidatesReaching.rowLength(i) == 0 { uncoverable.append(i) }
        }
        self.candidatesReaching = candidatesReaching
        self.demandsReached = candidatesReaching.transposed()
        self.weights = weights
        self.values = values
        self.alreadyCovered = covered
        self.uncoverable = uncoverable
    }

    /// An instance whose weights are its values (nothing already covered, no rural multiplier), from
    /// already validated rows and finite non-negative weights (internal builders).
    init(uncheckedRows rows: SparseRows, weights: [Double]) {
        self.candidatesReaching = rows
        self.demandsReached = rows.transposed()
        self.weights = weights
        self.values = weights
        self.alreadyCovered = Array(repeating: false, count: weights.count)
        self.uncoverable = weights.indices.filter { weights[$0] > 0 && rows.rowLength($0) == 0 }
    }

    /// The objective value newly covered by a set of candidates.
    /// - Complexity: O(total row length of the sites + demand count).
    public func coveredValue(of sites: [Int]) -> Double {
        covered(by: sites).value
    }

    /// Objective value and residents newly covered by a set of candidates.
    func covered(by sites: [Int]) -> (value: Double, residents: Double) {
        var mark = [Bool](repeating: false, count: demandCount)
        var value = 0.0, residents = 0.0
        for j in sites {
            for i in demandsReached.row(j) where !mark[Int(i)] {
                mark[Int(i)] = true
                if values[Int(i)] > 0 { value += values[Int(i)]; residents += weights[Int(i)] }
            }
        }
        return (value, residents)
    }
}

/// Distances from each demand point to the facilities or candidates near it, as sparse rows with a
/// parallel array of metres (the output of radius queries on the spatial index).
public struct DistanceRows: Sendable {
    public let rows: SparseRows
    /// `metres[k]` is the distance of entry `rows.columns[k]`.
    public let metres: [Double]

    /// - Throws: ``AnalysisInputError`` when the arrays differ in length or a distance is negative,
    ///   NaN or infinite.
    public init(rows: SparseRows, metres: [Double]) throws(AnalysisInputError) {
        guard metres.count == rows.entryCount else {
            throw .countMismatch(what: "distance row metres", expected: rows.entryCount, got: metres.count)
        }
        for (k, m) in metres.enumerated() where !(m.isFinite && m >= 0) {
            throw .invalidDistance(what: "distance row metres", index: k, value: m)
        }
        self.rows = rows
        self.metres = metres
    }

    /// Keeps the entries of row `i` with distance `<= thresholds(i)`: coverage sets for a
    /// ``CoverageProblem``.
    public func within(_ threshold: (Int) -> Double) -> SparseRows {
        var starts = [0]
        starts.reserveCapacity(rows.rowCount + 1)
        var cols: [Int32] = []
        for i in 0 ..< rows.rowCount {
            let t = threshold(i)
            for k in rows.rowStarts[i] ..< rows.rowStarts[i + 1] where metres[k] <= t { cols.append(rows.columns[k]) }
            starts.append(cols.count)
        }
        return SparseRows(unchecked: starts, columns: cols, columnCount: rows.columnCount)
    }
}
