/// The edges of one area (all rings of all parts), bucketed into horizontal bands for fast
/// even-odd point-in-polygon tests in pure Swift.
struct BandedRings: Sendable {
    let envelope: Envelope
    private let bandCount: Int
    private let inverseBandHeight: Double
    /// Edge list offsets per band: edges of band b are edges[bandStart[b] ..< bandStart[b + 1]].
    private let bandStart: [Int32]
    /// Flat x1, y1, x2, y2 per edge, grouped by band (an edge spanning bands is repeated).
    private let edges: [Double]
    /// Number of distinct edges.
    let edgeCount: Int

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
        let bands = max(1, min(4096, raw.count / 2))
        bandCount = bands
        let height = envelope.height > 0 ? envelope.height / Double(bands) : 1
        inverseBandHeight = 1 / height
        let minY = envelope.minY
        func band(_ y: Double) -> Int { max(0, min(bands - 1, Int((y - minY) * (1 / height)))) }
        var counts = [Int32](repeating: 0, count: bands + 1)
        for e in raw {
            for b in band(min(e.1, e.3))...band(max(e.1, e.3)) { counts[b + 1] += 1 }
        }
        for b in 0..<bands { counts[b + 1] += counts[b] }
        var fill = counts
        var flat = [Double](repeating: 0, count: Int(counts[bands]) * 4)
        for e in raw {
            for b in band(min(e.1, e.3))...band(max(e.1, e.3)) {
                let k = Int(fill[b]) * 4
                flat[k] = e.0; flat[k + 1] = e.1; flat[k + 2] = e.2; flat[k + 3] = e.3
                fill[b] += 1
            }
        }
        bandStart = counts
        edges = flat
    }

    /// Even-odd test; a point exactly on an edge may be reported either way.
    @inline(__always)
    func contains(x: Double, y: Double) -> Bool {
        guard envelope.contains(x: x, y: y) else { return false }
        let b = max(0, min(bandCount - 1, Int((y - envelope.minY) * inverseBandHeight)))
        return edges.withUnsafeBufferPointer { e in
            var inside = false
            var k = Int(bandStart[b]) * 4
            let end = Int(bandStart[b + 1]) * 4
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
