import CSQLite

/// Fills an empty SQLite R*Tree in one pass, packed (Sort-Tile-Recursive), by writing its three
/// shadow tables directly, instead of inserting row by row (about 10 µs a row here: SQLite's R*Tree
/// chooses a leaf and splits nodes for every insert).
///
/// The format is SQLite's (ext/rtree): `%_node(nodeno, data)` holds nodes of a fixed size (the
/// root's, node 1), each a big-endian 16-bit depth (root only), a 16-bit cell count and cells of a
/// 64-bit id (the row's id in a leaf, the child node's number above) and the box as 32-bit floats,
/// min rounded down and max rounded up; `%_rowid(rowid, nodeno)` maps each id to its leaf and
/// `%_parent(nodeno, parentnode)` each non-root node to its parent. `rtreecheck()` and SpatiaLite's
/// `CheckSpatialIndex` accept the result (see `SpatialIndexDeferralTests`).
extension OverblikStore {
    /// Layers with more boxes than this are sorted in runs spilled to a temporary file and merged
    /// (bounded memory: 24 bytes a box up to this many) rather than in memory.
    static let inMemorySortLimit = 1 << 20

    struct RTreeEntry {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float
    }

    /// Fills the R*Tree `index` (2 dimensions, no auxiliary columns) with the boxes of every row of
    /// `table` with a geometry, when the tree is empty. Call inside a transaction.
    /// - Returns: false (and nothing is written) when the tree is not empty or not of that form.
    /// - Parameter inMemoryLimit: above this many boxes, they are sorted in runs of this length, merged from a temporary file.
    /// - Parameter boxes: the boxes of every row of `table`, when the caller collected them as it
    ///   wrote the rows (else they are read from the table).
    func bulkLoadRTree(_ index: String, from table: String, inMemoryLimit: Int = inMemorySortLimit,
                       boxes: RTreeEntrySorter? = nil) throws -> Bool {
        guard try database.scalar("SELECT NOT EXISTS (SELECT 1 FROM \"\(index)_rowid\")")?.int == 1,
              let nodeSize = try database.scalar("SELECT length(data) FROM \"\(index)_node\" WHERE nodeno = 1")?.int,
              try database.scalar("SELECT count(*) FROM \"\(index)_node\"")?.int == 1,
              try database.query("PRAGMA table_info(\"\(index)_rowid\")").count == 2 else { return false }
        let cellSize = 24
        let capacity = (Int(nodeSize) - 4) / cellSize
        guard capacity >= 4 else { return false }
        // The boxes come from the geometry blobs' own MBR (no SQL function call per row), ordered in
        // bounded memory: above `inMemoryLimit` boxes, sorted runs are spilled to a temporary file and merged.
        let sorter: RTreeEntrySorter
        if let boxes {
            sorter = boxes
        } else {
            sorter = RTreeEntrySorter(runLength: inMemoryLimit)
            let read = try database.prepare("SELECT rowid, geom FROM \"\(table)\" WHERE geom IS NOT NULL")
            try read.forEachRow { s in try sorter.append(Self.entry(rowID: s.int64(0), blob: s, column: 1)) }
        }
        let (lowest, highest) = (sorter.lowestID, sorter.highestID)
        let total = sorter.count
        guard total > 0 else { return true }
        // Nodes per level, leaves first: tiling n cells makes exactly ceil(n / capacity) nodes.
        var sizes = [(total + capacity - 1) / capacity]
        while sizes[sizes.count - 1] > 1 { sizes.append((sizes[sizes.count - 1] + capacity - 1) / capacity) }
        let depth = sizes.count - 1
        // Numbers: root 1, then level by level downwards.
        func firstNumber(_ level: Int) -> Int64 { 1 + Int64(sizes[(level + 1)...].reduce(0, +)) }
        var writer = try RTreeNodeWriter(database: database, index: index, nodeSize: Int(nodeSize))
        // Each row's leaf is noted (in bounded memory) and the `_rowid` table written afterwards in
        // rowid order, an append, instead of one insert per row at a random place (which outgrows
        // the page cache at a few million rows). Rowids beyond 32 bits keep the insert per row.
        let pairs = RowLeafPairs.canHold(lowest: lowest, highest: highest) ? RowLeafPairs(runLength: inMemoryLimit) : nil
        // Leaves, streamed: the rows in x order, one vertical slice at a time sorted by y and cut into leaves.
        let slices = max(1, Int(Double(sizes[0]).squareRoot().rounded(.up)))
        let perSlice = slices * capacity
        var slice: [RTreeEntry] = []
        slice.reserveCapacity(min(perSlice, total))
        var leafBounds: [RTreeEntry] = []
        leafBounds.reserveCapacity(sizes[0])
        func emitSlice() throws {
            RTreeEntrySorter.sort(&slice) { $0.minY + $0.maxY }
            var s = 0
            while s < slice.count {
                let cells = slice[s..<min(slice.count, s + capacity)]
                let number = firstNumber(0) + Int64(leafBounds.count)
                try writer.write(node: number, depth: depth == 0 ? 0 : nil, cells: cells) { $0.id }
                if let pairs {
                    for cell in cells { try pairs.append(rowID: cell.id, leaf: number) }
                } else {
                    for cell in cells { try writer.map(rowID: cell.id, to: number) }
                }
                leafBounds.append(Self.bounds(of: cells, id: Int64(leafBounds.count)))
                s += capacity
            }
            slice.removeAll(keepingCapacity: true)
        }
        var seen = 0
        try sorter.drain { entry in
            seen += 1
            slice.append(entry)
            if slice.count == perSlice { try emitSlice() }
        }
        try emitSlice()
        guard seen == total, leafBounds.count == sizes[0], pairs.map({ $0.count == total }) ?? true else {
            throw DatabaseError(code: SQLITE_INTERNAL, message: "R*Tree bulk load read \(seen) of \(total) rows", operation: "bulk load \(index)")
        }
        if let pairs { try writer.map(pairs, database: database, index: index) }
        // The levels above (a small fraction of the rows) in memory, as before.
        var current = leafBounds
        leafBounds = []
        for level in 1..<max(1, depth + 1) where depth > 0 {
            let nodes = Self.tile(&current, capacity: capacity)
            precondition(nodes.count == sizes[level])
            for (i, cells) in nodes.enumerated() {
                let number = firstNumber(level) + Int64(i)
                try writer.write(node: number, depth: level == depth ? depth : nil, cells: cells[...]) { firstNumber(level - 1) + $0.id }
                for cell in cells { try writer.parent(of: firstNumber(level - 1) + cell.id, is: number) }
            }
            current = nodes.enumerated().map { Self.bounds(of: $1[...], id: Int64($0)) }
        }
        return true
    }

    /// The box of row `rowID` from the MBR in the header of its SpatiaLite geometry blob (column
    /// `column` of `s`): start byte 0x00, the byte order, the SRID, min x, min y, max x, max y as
    /// 64-bit floats, then 0x7C.
    static func entry(rowID: Int64, blob s: Statement, column: Int32) throws -> RTreeEntry {
        let count = Int(sqlite3_column_bytes(s.handle, column))
        guard count >= 44, let bytes = sqlite3_column_blob(s.handle, column).map({ UnsafeRawBufferPointer(start: $0, count: count) }),
              bytes[0] == 0x00, bytes[1] <= 1, bytes[38] == 0x7C else {
            throw DatabaseError(code: SQLITE_CORRUPT, message: "row \(rowID) holds no SpatiaLite geometry", operation: "bulk load R*Tree")
        }
        func value(_ offset: Int) -> Double {
            let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            return Double(bitPattern: bytes[1] == 1 ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw))
        }
        return RTreeEntry(id: rowID, minX: down(value(6)), maxX: up(value(22)), minY: down(value(14)), maxY: up(value(30)))
    }

    /// Sort-Tile-Recursive packing of `entries` into nodes of at most `capacity` cells. The returned
    /// nodes' bounds, as entries, carry their position in the returned list as id.
    static func tile(_ entries: inout [RTreeEntry], capacity: Int) -> [[RTreeEntry]] {
        let nodeCount = (entries.count + capacity - 1) / capacity
        let slices = max(1, Int(Double(nodeCount).squareRoot().rounded(.up)))
        let perSlice = slices * capacity
        entries.sort { $0.minX + $0.maxX < $1.minX + $1.maxX }
        var nodes: [[RTreeEntry]] = []
        var start = 0
        while start < entries.count {
            let end = min(entries.count, start + perSlice)
            var slice = Array(entries[start..<end])
            RTreeEntrySorter.sort(&slice) { $0.minY + $0.maxY }
            var s = 0
            while s < slice.count {
                nodes.append(Array(slice[s..<min(slice.count, s + capacity)]))
                s += capacity
            }
            start = end
        }
        return nodes
    }

    /// The box around `cells`, as an entry with `id`.
    static func bounds(of cells: ArraySlice<RTreeEntry>, id: Int64) -> RTreeEntry {
        var b = RTreeEntry(id: id, minX: .infinity, maxX: -.infinity, minY: .infinity, maxY: -.infinity)
        for c in cells {
            b.minX = min(b.minX, c.minX); b.maxX = max(b.maxX, c.maxX)
            b.minY = min(b.minY, c.minY); b.maxY = max(b.maxY, c.maxY)
        }
        return b
    }

    /// SQLite's R*Tree rounding of a lower bound to single precision (`rtreeValueDown`): the nearest
    /// float, or when that lies above, the value scaled towards zero by 2^-23 first.
    static func down(_ v: Double) -> Float {
        let f = Float(v)
        return Double(f) > v ? Float(v * (v < 0 ? 1 + 1 / 8_388_608.0 : 1 - 1 / 8_388_608.0)) : f
    }

    /// SQLite's rounding of an upper bound (`rtreeValueUp`).
    static func up(_ v: Double) -> Float {
        let f = Float(v)
        return Double(f) < v ? Float(v * (v < 0 ? 1 - 1 / 8_388_608.0 : 1 + 1 / 8_388_608.0)) : f
    }

    static func put16(_ v: UInt16, into data: inout [UInt8], at o: Int) {
        data[o] = UInt8(v >> 8); data[o + 1] = UInt8(v & 0xFF)
    }

    static func put32(_ v: UInt32, into data: inout [UInt8], at o: Int) {
        for k in 0..<4 { data[o + k] = UInt8((v >> (24 - 8 * k)) & 0xFF) }
    }

    static func put64(_ v: UInt64, into data: inout [UInt8], at o: Int) {
        for k in 0..<8 { data[o + k] = UInt8((v >> (56 - 8 * k)) & 0xFF) }
    }
}
