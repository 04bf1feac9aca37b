/// The edges of one area (all rings of all parts), bucketed into bands for fast even-odd
/// point-in-polygon tests in pure Swift.
///
/// An edge spanning several bands is stored in each, so the band count is chosen to bound the
/// stored entries by ``entryBudgetPerEdge`` times the edge count (a sawtooth of teeth spanning the
/// whole area gets few bands instead of edges x bands entries). The bands run across the axis that
/// needs fewer copies: horizontal bands with rays along x, or, for a comb of tall teeth, vertical
/// bands with rays along y.
struct BandedRings: Sendable {
    let envelope: Envelope
    /// Whether x and y are swapped inside (vertical bands).
    private let transposed: Bool
    private let bandCount: Int
    /// The first coordinate along the band axis (minY, or minX when transposed).
    private let bandOrigin: Double
    private let inverseBandHeight: Double
    /// Edge list offsets per band: edges of band b are edges[bandStart[b] ..< bandStart[b + 1]].
    private let bandStart: [Int]
    /// Flat x1, y1, x2, y2 per edge (swapped when transposed), grouped by band (an edge spanning bands is repeated).
    private let edges: [Double]
    /// Number of distinct edges.
    let edgeCount: Int
    /// Number of stored edge entries (at most about ``entryBudgetPerEdge`` x ``edgeCount``).
    var storedEntries: Int { edges.count / 4 }

    /// Stored entries allowed per edge, on average; bounds the memory at about 32 x this bytes an edge.
    static let entryBudgetPerEdge = 8

    init<V: PolygonVertex>(_ area: MultiPolygon<V>) {
        var raw: [(Double, Double, Double, Double)] = []
        for polygon in area.polygons {
            for ring in polygon.rings where ring.count > 1 {
                for i in 0..<(ring.count - 1) where ring[i].y != ring[i + 1].y || ring[i].x != ring[i + 1].x {
                    raw.append((ring[i].x, ring[i].y, ring[i + 1].x, ring[i + 1].y))
                }
            }
        }
        edgeCount = raw.count
        envelope = area.envelope ?? Envelope(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan)
        // Span of all edges along each axis, in units of the envelope's extent: with b bands an edge
        // lands in at most span * b + 2 of them.
        var spanY = 0.0, spanX = 0.0
        let height = envelope.height, width = envelope.width
        for e in raw {
            if height > 0 { spanY += abs(e.3 - e.1) / height }
            if width > 0 { spanX += abs(e.2 - e.0) / width }
        }
        transposed = spanX < spanY
        if transposed { raw = raw.map { ($0.1, $0.0, $0.3, $0.2) } }
        let span = transposed ? spanX : spanY
        let extent = transposed ? width : height
        let budget = Double(Self.entryBudgetPerEdge - 2) * Double(raw.count)
        let affordable = span > 0 ? Int(min(4096, budget / span)) : 4096
        let bands = max(1, min(4096, raw.count / 2, affordable))
        bandCount = bands
        let bandHeight = extent > 0 ? extent / Double(bands) : 1
        inverseBandHeight = 1 / bandHeight
        let origin = transposed ? envelope.minX : envelope.minY
        bandOrigin = origin
        let inverse = inverseBandHeight
        func band(_ y: Double) -> Int { max(0, min(bands - 1, Int((y - origin) * inverse))) }
        var counts = [Int](repeating: 0, count: bands + 1)
        for e in raw {
            for b in band(min(e.1, e.3))...band(max(e.1, e.3)) { counts[b + 1] += 1 }
        }
        for b in 0..<bands { counts[b + 1] += counts[b] }
        var fill = counts
        var flat = [Double](repeating: 0, count: counts[bands] * 4)
        for e in raw {
            for b in band(min(e.1, e.3))...band(max(e.1, e.3)) {
                let k = fill[b] * 4
                flat[k] = e.0; flat[k + 1] = e.1; flat[k + 2] = e.2; flat[k + 3] = e.3
                fill[b] += 1
            }
        }
        bandStart = counts
        edges = flat
    }

    /// Even-odd test; a point exactly on an edge may be reported either way.
    @inline(__always)
    func contains(x px: Double, y py: Double) -> Bool {
        guard envelope.contains(x: px, y: py) else { return false }
        let x = transposed ? py : px, y = transposed ? px : py
        let b = max(0, min(bandCount - 1, Int((y - bandOrigin) * inverseBandHeight)))
        return edges.withUnsafeBufferPointer { e in
            var inside = false
            var k = bandStart[b] * 4
            let end = bandStart[b + 1] * 4
            while k < end {
                let y1 = e[k + 1], y2 = e[k + 3]
                if (y1 > y) != (y2 > y) {
                    let x1 = e[k], x2 = e[k + 2]
                    if x < x1 + (y - y1) * (x2 - x1) / (y2 - y1) { inside.toggle() }
                }
                k += 4
            }
            return inside
        }
    }
}
