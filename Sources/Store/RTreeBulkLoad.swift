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
    struct RTreeEntry {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float
    }

    /// Fills the R*Tree `index` (2 dimensions, no auxiliary columns) with the boxes of every row of
    /// `table` with a geometry, when the tree is empty. Call inside a transaction.
    /// - Returns: false (and nothing is written) when the tree is not empty or not of that form.
    func bulkLoadRTree(_ index: String, from table: String) throws -> Bool {
        guard try database.scalar("SELECT NOT EXISTS (SELECT 1 FROM \"\(index)_rowid\")")?.int == 1,
              let nodeSize = try database.scalar("SELECT length(data) FROM \"\(index)_node\" WHERE nodeno = 1")?.int,
              try database.scalar("SELECT count(*) FROM \"\(index)_node\"")?.int == 1,
              try database.query("PRAGMA table_info(\"\(index)_rowid\")").count == 2 else { return false }
        let cellSize = 24
        let capacity = (Int(nodeSize) - 4) / cellSize
        guard capacity >= 4 else { return false }
        var entries: [RTreeEntry] = []
        let read = try database.prepare("""
            SELECT rowid, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM "\(table)" WHERE geom IS NOT NULL
            """)
        try read.forEachRow { s in
            entries.append(RTreeEntry(id: s.int64(0), minX: Self.down(s.double(1)), maxX: Self.up(s.double(2)),
                                      minY: Self.down(s.double(3)), maxY: Self.up(s.double(4))))
        }
        guard !entries.isEmpty else { return true }
        // Levels bottom-up: each level's nodes as (cells, box); node numbers are given top-down later.
        var levels: [[[RTreeEntry]]] = []
        var current = entries
        entries = []
        while true {
            let nodes = Self.tile(&current, capacity: capacity)
            levels.append(nodes)
            if nodes.count == 1 { break }
            current = nodes.enumerated().map { Self.bounds(of: $1, id: Int64($0)) }
        }
        // Number the nodes: root 1, then level by level downwards; a parent's cell ids point at them.
        var numbers: [[Int64]] = Array(repeating: [], count: levels.count)
        var next: Int64 = 1
        for level in stride(from: levels.count - 1, through: 0, by: -1) {
            numbers[level] = levels[level].indices.map { _ in defer { next += 1 }; return next }
        }
        let writeNode = try database.prepare("INSERT OR REPLACE INTO \"\(index)_node\" (nodeno, data) VALUES (?1, ?2)")
        let writeParent = try database.prepare("INSERT INTO \"\(index)_parent\" (nodeno, parentnode) VALUES (?1, ?2)")
        let writeRowID = try database.prepare("INSERT INTO \"\(index)_rowid\" (rowid, nodeno) VALUES (?1, ?2)")
        let depth = levels.count - 1
        for level in stride(from: depth, through: 0, by: -1) {
            for (i, cells) in levels[level].enumerated() {
                var data = [UInt8](repeating: 0, count: Int(nodeSize))
                if level == depth { Self.put16(UInt16(depth), into: &data, at: 0) }
                Self.put16(UInt16(cells.count), into: &data, at: 2)
                for (c, cell) in cells.enumerated() {
                    let o = 4 + c * cellSize
                    // Above the leaves a cell names its child node: the i-th node of the level below,
                    // counted from this node's first child (children were tiled in order).
                    let id = level == 0 ? cell.id : numbers[level - 1][Int(cell.id)]
                    Self.put64(UInt64(bitPattern: id), into: &data, at: o)
                    for (k, v) in [cell.minX, cell.maxX, cell.minY, cell.maxY].enumerated() {
                        Self.put32(v.bitPattern, into: &data, at: o + 8 + 4 * k)
                    }
                    if level == 0 {
                        try writeRowID.bind([.integer(cell.id), .integer(numbers[0][i])])
                        try writeRowID.run()
                    } else {
                        try writeParent.bind([.integer(numbers[level - 1][Int(cell.id)]), .integer(numbers[level][i])])
                        try writeParent.run()
                    }
                }
                try writeNode.bind([.integer(numbers[level][i]), .blob(data)])
                try writeNode.run()
            }
        }
        return true
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
            slice.sort { $0.minY + $0.maxY < $1.minY + $1.maxY }
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
    static func bounds(of cells: [RTreeEntry], id: Int64) -> RTreeEntry {
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
