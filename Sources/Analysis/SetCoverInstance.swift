/// A unit-cost set-covering instance in both orientations, reduced by dominance: the input of
/// ``SetCoverSearch``.
///
/// Rows are demand points that need a site, columns are candidates. Reductions (each keeps at
/// least one optimal cover):
/// - a row whose candidates include all candidates of another row is dropped (covering the smaller
///   row covers it too); of two equal rows the later one goes;
/// - a column whose rows are a subset of another column's rows is dropped (swap it for the other in
///   any cover); of two equal columns the later one goes;
/// - columns that reach no row are dropped.
/// Both are repeated until nothing changes.
struct SetCoverInstance {
    /// Original column (candidate) index of each kept column.
    let columnIDs: [Int]
    /// Columns of each row (kept-column indices), CSR.
    let rowStart: [Int]
    let rowColumns: [Int32]
    /// Rows of each column (kept-row indices), CSR.
    let columnStart: [Int]
    let columnRows: [Int32]

    var rowCount: Int { rowStart.count - 1 }
    var columnCount: Int { columnIDs.count }

    func columns(of row: Int) -> ArraySlice<Int32> { rowColumns[rowStart[row] ..< rowStart[row + 1]] }
    func rows(of column: Int) -> ArraySlice<Int32> { columnRows[columnStart[column] ..< columnStart[column + 1]] }

    /// Builds and reduces the instance of the rows `universe` of `problem`.
    init(_ problem: CoverageProblem, universe: [Int]) {
        var rows: [[Int32]] = universe.map { Array(problem.candidatesReaching.row($0)) }
        var alive = [Bool](repeating: true, count: problem.candidateCount)
        for _ in 0 ..< 4 {
            let before = (rows.count, alive.filter { $0 }.count)
            rows = rows.map { $0.filter { alive[Int($0)] } }
            rows = Self.withoutDominatedRows(rows, columnCount: problem.candidateCount)
            alive = Self.undominatedColumns(rows, columnCount: problem.candidateCount)
            if before == (rows.count, alive.filter { $0 }.count) { break }
        }
        rows = rows.map { $0.filter { alive[Int($0)] } }
        var local = [Int32](repeating: -1, count: problem.candidateCount)
        var ids: [Int] = []
        var used = [Bool](repeating: false, count: problem.candidateCount)
        for r in rows { for j in r { used[Int(j)] = true } }
        for j in 0 ..< problem.candidateCount where alive[j] && used[j] {
            local[j] = Int32(ids.count)
            ids.append(j)
        }
        columnIDs = ids
        var starts = [0], cols: [Int32] = []
        for r in rows {
            cols.append(contentsOf: r.map { local[Int($0)] }.sorted())
            starts.append(cols.count)
        }
        rowStart = starts
        rowColumns = cols
        var lists = [[Int32]](repeating: [], count: ids.count)
        for (i, r) in rows.enumerated() { for j in r { lists[Int(local[Int(j)])].append(Int32(i)) } }
        columnStart = lists.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        columnRows = lists.flatMap { $0 }
    }

    /// Drops every row that contains another row (of equal rows, keeps the first).
    static func withoutDominatedRows(_ rows: [[Int32]], columnCount: Int) -> [[Int32]] {
        var byColumn = [[Int32]](repeating: [], count: columnCount)
        for (i, r) in rows.enumerated() { for j in r { byColumn[Int(j)].append(Int32(i)) } }
        var dropped = [Bool](repeating: false, count: rows.count)
        var stamp = [Int32](repeating: -1, count: columnCount)
        for (a, rowA) in rows.enumerated() where !rowA.isEmpty {
            for j in rowA { stamp[Int(j)] = Int32(a) }
            let probe = rowA.min { byColumn[Int($0)].count < byColumn[Int($1)].count }!
            for b32 in byColumn[Int(probe)] {
                let b = Int(b32)
                guard b != a, !dropped[b], rows[b].count >= rowA.count else { continue }
                // Equal rows: only the later one is dropped.
                if rows[b].count == rowA.count && b < a { continue }
                var inside = 0
                for j in rows[b] where stamp[Int(j)] == Int32(a) { inside += 1 }
                if inside == rowA.count { dropped[b] = true }
            }
        }
        return rows.indices.filter { !dropped[$0] }.map { rows[$0] }
    }

    /// Marks the columns not dominated by another column (rows(j) ⊆ rows(k); of equal columns the first stays).
    static func undominatedColumns(_ rows: [[Int32]], columnCount: Int) -> [Bool] {
        var byColumn = [[Int32]](repeating: [], count: columnCount)
        for (i, r) in rows.enumerated() { for j in r { byColumn[Int(j)].append(Int32(i)) } }
        var alive = byColumn.map { !$0.isEmpty }
        var stamp = [Int32](repeating: -1, count: rows.count)
        for j in 0 ..< columnCount where alive[j] {
            let own = byColumn[j]
            for i in own { stamp[Int(i)] = Int32(j) }
            let probe = own.min { rows[Int($0)].count < rows[Int($1)].count }!
            for k32 in rows[Int(probe)] {
                let k = Int(k32)
                guard k != j, alive[k], byColumn[k].count >= own.count else { continue }
                if byColumn[k].count == own.count && k > j { continue }
                var inside = 0
                for i in byColumn[k] where stamp[Int(i)] == Int32(j) { inside += 1 }
                if inside == own.count { alive[j] = false; break }
            }
        }
        return alive
    }
}
