/// Finds, for many points, the index of the area (district) that contains each one.
///
/// Pure Swift and Sendable: build it once from the district polygons (in the same plane as the
/// points) and query from any thread. A uniform grid over all districts resolves most points in
/// O(1): cells that no district edge crosses are classified once, by their centre. Points in the
/// remaining cells are tested exactly against the few districts that touch the cell, with an
/// even-odd ray test over edges bucketed in horizontal bands. GEOS prepared geometries give the same
/// answers (the tests compare) but cost a GEOS call per point.
///
/// Semantics: the first district (lowest index) whose interior contains the point; nil when none
/// does. Points exactly on a boundary may go to either neighbour.
///
/// ```swift
/// let locator = PointLocator(districts: parishes)        // [MultiPolygon<PlanarXY>]
/// let parishIndex = locator.locateAll(addressPoints)     // [Int?]
/// ```
public struct PointLocator: Sendable {
    private let districts: [BandedRings]
    private let grid: Envelope
    private let columns: Int
    private let rows: Int
    private let inverseCellWidth: Double
    private let inverseCellHeight: Double
    /// Per cell: >= 0 the resolved district, -1 none, <= -2 mixed with candidate list -(value + 2).
    private let cells: [Int32]
    /// Offsets into `candidates` per mixed cell.
    private let candidateStart: [Int32]
    /// District indices to test exactly (d) or that cover the whole cell (~d, i.e. negative).
    private let candidates: [Int32]

    /// Number of districts.
    public var count: Int { districts.count }

    /// Grid cell marks allowed per edge, on average (bounds the grid's memory linearly in the edges).
    static let cellBudgetPerEdge = 8

    /// Edges of all districts, and the edge entries and grid candidates stored for them: the
    /// locator's memory is linear in these (tests check the bound on hostile shapes).
    public var storage: (edges: Int, edgeEntries: Int, gridCells: Int, candidates: Int) {
        (districts.reduce(0) { $0 + $1.edgeCount }, districts.reduce(0) { $0 + $1.storedEntries }, cells.count, candidates.count)
    }

    /// Builds the locator.
    /// - Parameters:
    ///   - districts: the areas; the result of a query is an index into this array.
    ///   - gridSize: cells per side of the top grid; by default about 4 x sqrt(total edges), 16...1024.
    /// - Complexity: O(E + G²) to build for E edges and a G x G grid.
    public init<V: PolygonVertex>(districts: [MultiPolygon<V>], gridSize: Int? = nil) {
        let indexed = districts.map(BandedRings.init)
        self.districts = indexed
        let envelopes = districts.compactMap(\.envelope)
        let total = envelopes.dropFirst().reduce(envelopes.first ?? Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1)) { $0.union($1) }
        let edgeTotal = indexed.reduce(0) { $0 + $1.edgeCount }
        // Summed extent of all edges in units of the grid: an edge marks about side x (its share
        // of the width + of the height) + 3 cells, so the side is capped to keep the marks within
        // a budget linear in the edges (long, tall teeth get a coarser grid, never edges x cells).
        var extentShare = 0.0
        for area in districts {
            for polygon in area.polygons {
                for ring in polygon.rings where ring.count > 1 {
                    for i in 0..<(ring.count - 1) {
                        if total.width > 0 { extentShare += abs(ring[i + 1].x - ring[i].x) / total.width }
                        if total.height > 0 { extentShare += abs(ring[i + 1].y - ring[i].y) / total.height }
                    }
                }
            }
        }
        let preferred = gridSize ?? max(16, min(1024, Int((Double(edgeTotal).squareRoot() * 4).rounded())))
        let affordable = extentShare > 0 ? Double(Self.cellBudgetPerEdge - 4) * Double(edgeTotal) / extentShare : Double(preferred)
        let side = max(1, min(preferred, Int(min(Double(preferred), affordable))))
        grid = total
        columns = side
        rows = side
        let cellWidth = total.width > 0 ? total.width / Double(side) : 1
        let cellHeight = total.height > 0 ? total.height / Double(side) : 1
        inverseCellWidth = 1 / cellWidth
        inverseCellHeight = 1 / cellHeight

        // Which districts have an edge crossing each cell: walk each edge row by row and mark the
        // columns its piece in that row spans (rows and pieces widened by a hair against rounding).
        let invW = inverseCellWidth, invH = inverseCellHeight
        let hairX = cellWidth * 1e-9, hairY = cellHeight * 1e-9
        func column(_ x: Double) -> Int { max(0, min(side - 1, Int((x - total.minX) * invW))) }
        func row(_ y: Double) -> Int { max(0, min(side - 1, Int((y - total.minY) * invH))) }
        var touching = [[Int32]](repeating: [], count: side * side)
        for (d, area) in districts.enumerated() {
            for polygon in area.polygons {
                for ring in polygon.rings where ring.count > 1 {
                    for i in 0..<(ring.count - 1) {
                        let (a, b) = ring[i].y <= ring[i + 1].y ? (ring[i], ring[i + 1]) : (ring[i + 1], ring[i])
                        let dy = b.y - a.y
                        for r in row(a.y - hairY)...row(b.y + hairY) {
                            var x0 = min(a.x, b.x), x1 = max(a.x, b.x)
                            if dy > 0 {
                                let lowY = max(a.y, total.minY + Double(r) * cellHeight - hairY)
                                let highY = min(b.y, total.minY + Double(r + 1) * cellHeight + hairY)
                                guard lowY <= highY else { continue }
                                let xl = a.x + (lowY - a.y) / dy * (b.x - a.x), xh = a.x + (highY - a.y) / dy * (b.x - a.x)
                                x0 = min(xl, xh); x1 = max(xl, xh)
                            }
                            for c in column(x0 - hairX)...column(x1 + hairX) where touching[r * side + c].last != Int32(d) {
                                touching[r * side + c].append(Int32(d))
                            }
                        }
                    }
                }
            }
        }

        var cells = [Int32](repeating: -1, count: side * side)
        var candidateStart: [Int32] = [0]
        var candidates: [Int32] = []
        for r in 0..<side {
            for c in 0..<side {
                let cellEnvelope = Envelope(minX: total.minX + Double(c) * cellWidth, minY: total.minY + Double(r) * cellHeight,
                                            maxX: total.minX + Double(c + 1) * cellWidth, maxY: total.minY + Double(r + 1) * cellHeight)
                let cx = total.minX + (Double(c) + 0.5) * cellWidth
                let cy = total.minY + (Double(r) + 0.5) * cellHeight
                let edged = touching[r * side + c]
                if edged.isEmpty {
                    // No boundary crosses the cell: the centre's answer holds for all of it.
                    let hit = indexed.indices.first { indexed[$0].contains(x: cx, y: cy) }
                    cells[r * side + c] = hit.map(Int32.init) ?? -1
                    continue
                }
                var list: [Int32] = []
                for d in indexed.indices where indexed[d].envelope.intersects(cellEnvelope) {
                    if edged.contains(Int32(d)) {
                        list.append(Int32(d))
                    } else if indexed[d].contains(x: cx, y: cy) {
                        list.append(~Int32(d))  // covers the whole cell: later districts cannot win
                        break
                    }
                }
                cells[r * side + c] = -Int32(candidateStart.count - 1) - 2
                candidates += list
                candidateStart.append(Int32(candidates.count))
            }
        }
        self.cells = cells
        self.candidateStart = candidateStart
        self.candidates = candidates
    }

    /// The index of the district containing (x, y), or nil.
    /// - Complexity: O(1) in cells no boundary crosses, else O(edges of the touching districts in one band).
    @inlinable
    public func locate(x: Double, y: Double) -> Int? {
        let d = locateIndex(x: x, y: y)
        return d >= 0 ? d : nil
    }

    /// The index of the district containing `point`, or nil.
    @inlinable
    public func locate<V: PolygonVertex>(_ point: V) -> Int? {
        locate(x: point.x, y: point.y)
    }

    /// The district index for each point, in order (nil where no district contains it).
    /// - Complexity: O(n) for n points, see ``locate(x:y:)``.
    public func locateAll<V: PolygonVertex>(_ points: [V]) -> [Int?] {
        points.map { locate(x: $0.x, y: $0.y) }
    }

    /// The district index for each point as Int32, -1 for none (compact form for millions of points).
    public func locateAllCompact<V: PolygonVertex>(_ points: [V]) -> [Int32] {
        points.map { Int32(locateIndex(x: $0.x, y: $0.y)) }
    }

    /// The district index or -1.
    @usableFromInline
    func locateIndex(x: Double, y: Double) -> Int {
        guard grid.contains(x: x, y: y) else { return -1 }
        let c = min(columns - 1, Int((x - grid.minX) * inverseCellWidth))
        let r = min(rows - 1, Int((y - grid.minY) * inverseCellHeight))
        let value = cells[r * columns + c]
        if value >= -1 { return Int(value) }
        let k = Int(-(value + 2))
        for i in Int(candidateStart[k])..<Int(candidateStart[k + 1]) {
            let d = candidates[i]
            if d < 0 { return Int(~d) }
            if districts[Int(d)].contains(x: x, y: y) { return Int(d) }
        }
        return -1
    }
}
