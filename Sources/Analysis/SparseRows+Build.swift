extension SparseRows {
    /// Builds a matrix by asking for every row, in parallel: the natural way to turn per-point
    /// radius queries on the spatial index into coverage sets.
    ///
    /// ```swift
    /// let reach = try SparseRows.build(rowCount: points.count, columnCount: candidates.count) { i in
    ///     index.nearest(to: points[i], k: .max, within: threshold(i)).map(\.candidate)
    /// }
    /// ```
    /// - Parameters:
    ///   - rowCount: number of rows.
    ///   - columnCount: size of the column index space.
    ///   - threads: threads to split the rows across (rows are called from several threads at once).
    ///   - row: the columns of row `i`.
    /// - Throws: ``AnalysisInputError`` for a column out of range or repeated within a row.
    public static func build(rowCount: Int, columnCount: Int, threads: Int = 2,
                             row: @Sendable (Int) -> [Int]) throws(AnalysisInputError) -> SparseRows {
        let parts = Parallel.map(Parallel.ranges(count: rowCount, chunks: rowCount >= 256 ? threads : 1)) { range in
            var lengths: [Int] = []
            var columns: [Int32] = []
            lengths.reserveCapacity(range.count)
            for i in range {
                let r = row(i)
                lengths.append(r.count)
                for c in r { columns.append(Int32(clamping: c)) }
            }
            return (lengths, columns)
        }
        var starts = [0]
        starts.reserveCapacity(rowCount + 1)
        var columns: [Int32] = []
        for (lengths, cols) in parts {
            for l in lengths { starts.append(starts[starts.count - 1] + l) }
            columns.append(contentsOf: cols)
        }
        return try SparseRows(rowStarts: starts, columns: columns, columnCount: columnCount)
    }
}

extension DistanceRows {
    /// Builds distance rows by asking for every demand point's nearby facilities, in parallel.
    /// - Parameters:
    ///   - rowCount: number of demand points.
    ///   - columnCount: number of facilities.
    ///   - threads: threads to split the rows across.
    ///   - row: the facilities near point `i` with exact distances in metres.
    /// - Throws: ``AnalysisInputError`` for a facility out of range, repeated, or a bad distance.
    public static func build(rowCount: Int, columnCount: Int, threads: Int = 2,
                             row: @Sendable (Int) -> [NearestFacility]) throws(AnalysisInputError) -> DistanceRows {
        let parts = Parallel.map(Parallel.ranges(count: rowCount, chunks: rowCount >= 256 ? threads : 1)) { range in
            var lengths: [Int] = []
            var columns: [Int32] = []
            var metres: [Double] = []
            for i in range {
                let r = row(i)
                lengths.append(r.count)
                for hit in r { columns.append(Int32(clamping: hit.facility)); metres.append(hit.metres) }
            }
            return (lengths, columns, metres)
        }
        var starts = [0]
        starts.reserveCapacity(rowCount + 1)
        var columns: [Int32] = [], metres: [Double] = []
        for (lengths, cols, m) in parts {
            for l in lengths { starts.append(starts[starts.count - 1] + l) }
            columns.append(contentsOf: cols)
            metres.append(contentsOf: m)
        }
        return try DistanceRows(rows: SparseRows(rowStarts: starts, columns: columns, columnCount: columnCount), metres: metres)
    }
}
