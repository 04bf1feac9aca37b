import Testing
@testable import Analysis

@Suite("Sparse rows")
struct SparseRowsTests {
    @Test("Transposing lists, for each column, the rows that contain it")
    func transpose() throws {
        let m = try SparseRows(rows: [[0, 2], [], [1, 2]], columnCount: 3)
        let t = m.transposed()
        #expect((0 ..< 3).map { Array(t.row($0)) } == [[0], [2], [0, 2]])
        #expect(t.transposed() == m)   // rows of m are ascending, so the round trip is exact
    }

    @Test("Malformed input is rejected with the row and column", arguments: [
        ([[0, 0]], AnalysisInputError.duplicateColumn(row: 0, column: 0)),
        ([[1], [3]], AnalysisInputError.indexOutOfRange(what: "row 1 column", index: 0, value: 3, count: 3)),
    ])
    func rejects(rows: [[Int]], error: AnalysisInputError) {
        #expect(throws: error) { try SparseRows(rows: rows, columnCount: 3) }
    }

    @Test("Row starts must be monotone and span the columns")
    func rowStarts() {
        #expect(throws: AnalysisInputError.malformedRowStarts(row: 1)) {
            try SparseRows(rowStarts: [0, 2, 1, 2], columns: [0, 1], columnCount: 2)
        }
        #expect(throws: AnalysisInputError.malformedRowStarts(row: 1)) {
            try SparseRows(rowStarts: [0, 1], columns: [0, 1], columnCount: 2)
        }
    }

    @Test("Building in parallel gives the same rows as building sequentially", arguments: [0, 10, 5_000])
    func parallelBuild(rows: Int) throws {
        let f: @Sendable (Int) -> [Int] = { i in (0 ..< (i % 5)).map { (i + 7 * $0) % 50 } }
        let parallel = try SparseRows.build(rowCount: rows, columnCount: 50, threads: 2, row: f)
        let sequential = try SparseRows(rows: (0 ..< rows).map(f), columnCount: 50)
        #expect(parallel == sequential)
        let d = try DistanceRows.build(rowCount: rows, columnCount: 50) { i in f(i).map { NearestFacility(facility: $0, metres: Double($0)) } }
        #expect(d.rows == sequential && d.metres == sequential.columns.map(Double.init))
        let within = d.within { _ in 20 }
        #expect(within.columns.allSatisfy { $0 <= 20 })
    }
}
