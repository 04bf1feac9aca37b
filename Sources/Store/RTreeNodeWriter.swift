import CSQLite

/// Writes the nodes and mappings of an SQLite R*Tree's shadow tables (see ``OverblikStore``'s
/// `bulkLoadRTree`): a node's blob built in one reused buffer, the rows bound by index.
struct RTreeNodeWriter {
    private let writeNode: Statement
    private let writeParent: Statement
    private let writeRowID: Statement
    private let nodeSize: Int
    private var data: [UInt8]
    private static let cellSize = 24

    init(database: Database, index: String, nodeSize: Int) throws {
        writeNode = try database.prepare("INSERT OR REPLACE INTO \"\(index)_node\" (nodeno, data) VALUES (?1, ?2)")
        writeParent = try database.prepare("INSERT INTO \"\(index)_parent\" (nodeno, parentnode) VALUES (?1, ?2)")
        writeRowID = try database.prepare("INSERT INTO \"\(index)_rowid\" (rowid, nodeno) VALUES (?1, ?2)")
        self.nodeSize = nodeSize
        data = [UInt8](repeating: 0, count: nodeSize)
    }

    /// Writes node `number` holding `cells`, each cell's id given by `id` (the row's id in a leaf,
    /// the child's node number above); `depth` is written in the root only.
    mutating func write(node number: Int64, depth: Int?, cells: ArraySlice<OverblikStore.RTreeEntry>,
                        id: (OverblikStore.RTreeEntry) -> Int64) throws {
        for i in data.indices { data[i] = 0 }
        OverblikStore.put16(UInt16(depth ?? 0), into: &data, at: 0)
        OverblikStore.put16(UInt16(cells.count), into: &data, at: 2)
        for (c, cell) in cells.enumerated() {
            let o = 4 + c * Self.cellSize
            OverblikStore.put64(UInt64(bitPattern: id(cell)), into: &data, at: o)
            OverblikStore.put32(cell.minX.bitPattern, into: &data, at: o + 8)
            OverblikStore.put32(cell.maxX.bitPattern, into: &data, at: o + 12)
            OverblikStore.put32(cell.minY.bitPattern, into: &data, at: o + 16)
            OverblikStore.put32(cell.maxY.bitPattern, into: &data, at: o + 20)
        }
        writeNode.reset()
        try writeNode.bind(1, int: number)
        try data.withUnsafeBytes { try writeNode.bind(2, blob: $0) }
        try writeNode.stepDone()
    }

    /// Records that row `rowID` lies in leaf `node`.
    func map(rowID: Int64, to node: Int64) throws {
        writeRowID.reset()
        try writeRowID.bind(1, int: rowID)
        try writeRowID.bind(2, int: node)
        try writeRowID.stepDone()
    }

    /// Records the rows' leaves of `pairs`, appended in rowid order by statements of many rows
    /// each (within one statement SQLite appends to the table's last page without a search from the
    /// root for every row).
    func map(_ pairs: RowLeafPairs, database: Database, index: String) throws {
        let width = 256
        func statement(rows: Int) throws -> Statement {
            let values = repeatElement("(?,?)", count: rows).joined(separator: ",")
            return try database.prepare("INSERT INTO \"\(index)_rowid\" (rowid, nodeno) VALUES \(values)")
        }
        let full = try statement(rows: width)
        var pending: [(Int64, Int64)] = []
        pending.reserveCapacity(width)
        func flush() throws {
            guard !pending.isEmpty else { return }
            let s = pending.count == width ? full : try statement(rows: pending.count)
            s.reset()
            for (k, pair) in pending.enumerated() {
                try s.bind(Int32(2 * k + 1), int: pair.0)
                try s.bind(Int32(2 * k + 2), int: pair.1)
            }
            try s.stepDone()
            pending.removeAll(keepingCapacity: true)
        }
        try pairs.drain { rowID, leaf in
            pending.append((rowID, leaf))
            if pending.count == width { try flush() }
        }
        try flush()
    }

    /// Records that node `child` lies under node `parent`.
    func parent(of child: Int64, is parent: Int64) throws {
        writeParent.reset()
        try writeParent.bind(1, int: child)
        try writeParent.bind(2, int: parent)
        try writeParent.stepDone()
    }
}
