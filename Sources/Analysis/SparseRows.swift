/// A sparse 0/1 matrix in compressed sparse row (CSR) form: for each row, the list of its columns.
///
/// Used for coverage sets ("demand point `i` is reached by candidates `row(i)`") and, transposed,
/// for "candidate `j` reaches demand points `row(j)`". Columns within a row are unique; their order
/// is kept as given.
///
/// ```swift
/// let covers = try SparseRows(rows: [[0, 2], [], [1]], columnCount: 3)
/// covers.row(0)          // [0, 2]
/// covers.transposed()    // rows [[0], [2], [0]]
/// ```
public struct SparseRows: Sendable, Hashable {
    /// `rowStarts[r] ..< rowStarts[r + 1]` is row `r`'s range in ``columns``; `rowStarts.count == rowCount + 1`.
    public let rowStarts: [Int]
    /// Column indices of all rows, concatenated.
    public let columns: [Int32]
    /// Number of columns (the column index space is `0 ..< columnCount`).
    public let columnCount: Int

    /// Number of rows.
    @inlinable public var rowCount: Int { rowStarts.count - 1 }
    /// Number of stored entries.
    @inlinable public var entryCount: Int { columns.count }

    /// Creates a matrix from CSR arrays, checking them.
    /// - Parameters:
    ///   - rowStarts: `rowCount + 1` non-decreasing offsets, first 0, last `columns.count`.
    ///   - columns: column indices, each in `0 ..< columnCount`, unique within a row.
    ///   - columnCount: size of the column index space.
    /// - Throws: ``AnalysisInputError`` naming the first malformed row or entry.
    /// - Complexity: O(rows + entries + columnCount).
    public init(rowStarts: [Int], columns: [Int32], columnCount: Int) throws(AnalysisInputError) {
        guard columnCount >= 0, columnCount <= Int(Int32.max) else {
            throw .invalidParameter(name: "columnCount", value: Double(columnCount), allowed: "0...\(Int32.max)")
        }
        guard let first = rowStarts.first, first == 0 else { throw .malformedRowStarts(row: 0) }
        guard rowStarts.last == columns.count else { throw .malformedRowStarts(row: rowStarts.count - 1) }
        var seen = [Int](repeating: -1, count: columnCount)
        for r in 0 ..< rowStarts.count - 1 {
            let lo = rowStarts[r], hi = rowStarts[r + 1]
            guard lo <= hi else { throw .malformedRowStarts(row: r) }
            for k in lo ..< hi {
                let c = Int(columns[k])
                guard c >= 0, c < columnCount else {
                    throw .indexOutOfRange(what: "row \(r) column", index: k - lo, value: c, count: columnCount)
                }
                guard seen[c] != r else { throw .duplicateColumn(row: r, column: c) }
                seen[c] = r
            }
        }
        self.rowStarts = rowStarts
        self.columns = columns
        self.columnCount = columnCount
    }

    /// Creates a matrix from nested lists, checking them.
    /// - Throws: ``AnalysisInputError`` for a column out of range or a repeated column.
    public init(rows: [[Int]], columnCount: Int) throws(AnalysisInputError) {
        var starts = [0]
        starts.reserveCapacity(rows.count + 1)
        var cols: [Int32] = []
        cols.reserveCapacity(rows.reduce(0) { $0 + $1.count })
        for (r, row) in rows.enumerated() {
            for c in row {
                guard c >= 0, c < columnCount else {
                    throw .indexOutOfRange(what: "row \(r) column", index: cols.count - starts[r], value: c, count: columnCount)
                }
                cols.append(Int32(c))
            }
            starts.append(cols.count)
        }
        try self.init(rowStarts: starts, columns: cols, columnCount: columnCount)
    }

    /// Already validated arrays (internal builders).
    init(unchecked rowStarts: [Int], columns: [Int32], columnCount: Int) {
        self.rowStarts = rowStarts
        self.columns = columns
        self.columnCount = columnCount
    }

    /// The columns of row `r`.
    @inlinable public func row(_ r: Int) -> ArraySlice<Int32> {
        columns[rowStarts[r] ..< rowStarts[r + 1]]
    }

    /// The number of entries in row `r`.
    @inlinable public func rowLength(_ r: Int) -> Int { rowStarts[r + 1] - rowStarts[r] }

    /// The transpose: row `c` of the result lists the rows of `self` that contain column `c`, ascending.
    /// - Complexity: O(rows + entries + columnCount).
    public func transposed() -> SparseRows {
        var counts = [Int](repeating: 0, count: columnCount + 1)
        for c in columns { counts[Int(c) + 1] += 1 }
        for k in 0 ..< columnCount { counts[k + 1] += counts[k] }
        let starts = counts
        var next = counts
        var out = [Int32](repeating: 0, count: columns.count)
        for r in 0 ..< rowCount {
            for k in rowStarts[r] ..< rowStarts[r + 1] {
                let c = Int(columns[k])
                out[next[c]] = Int32(r)
                next[c] += 1
            }
        }
        return SparseRows(unchecked: starts, columns: out, columnCount: rowCount)
    }
}
