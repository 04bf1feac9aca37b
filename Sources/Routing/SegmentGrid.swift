#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GeoTypes

/// A packed uniform grid over a network's segments, built once per network: the segment ids of
/// each cell in one contiguous array (CSR: cell c lists `items[start[c]..<start[c+1]]`).
///
/// Cells are square in a local frame (longitude scaled by the cosine of the network's mean
/// latitude) and sized for about one segment per cell, no smaller than about 100 m. A segment is
/// listed in every cell that its bounding box, padded by the geodesic's bulge past its end points,
/// meets; so every segment that comes within r metres of a point is listed in a cell of the box
/// ``cells(around:metres:_:)`` gives for that point and r. The grid only filters candidates; the
/// snapper decides with geodesic bounds and exact geodesic feet.
struct SegmentGrid: Sendable {
    let minLon: Double, minLat: Double
    /// Cell size, degrees of latitude and of longitude.
    let cellLat: Double, cellLon: Double
    let columns: Int, rows: Int
    let start: [UInt32]
    let items: [UInt32]

    init(network: RoadNetwork) {
        var minLon = Double.infinity, minLat = Double.infinity, maxLon = -Double.infinity, maxLat = -Double.infinity
        for s in 0..<network.segmentCount {
            let b = EdgeSnapper.box(network, s)
            minLon = min(minLon, b.minLon); maxLon = max(maxLon, b.maxLon)
            minLat = min(minLat, b.minLat); maxLat = max(maxLat, b.maxLat)
        }
        if network.segmentCount == 0 { (minLon, minLat, maxLon, maxLat) = (0, 0, 0, 0) }
        let meanLat = network.coordinates.reduce(0) { $0 + $1.lat } / Double(max(1, network.nodeCount))
        let lonScale = max(0.05, cos(meanLat * .pi / 180))
        // About one segment per cell, no smaller than 0.0009° (about 100 m) of latitude.
        let area = max(1e-12, (maxLat - minLat + 0.002) * (maxLon - minLon + 0.002) * lonScale)
        let cellLat = max(0.0009, (area / Double(max(1, network.segmentCount))).squareRoot())
        let cellLon = cellLat / lonScale
        // The grid spans the padded boxes of all segments, so every box lies inside it.
        let columns = Int(((maxLon - minLon) / cellLon).rounded(.down)) + 1
        let rows = Int(((maxLat - minLat) / cellLat).rounded(.down)) + 1
        (self.minLon, self.minLat, self.cellLat, self.cellLon, self.columns, self.rows) = (minLon, minLat, cellLat, cellLon, columns, rows)
        /// Calls `body` with each cell that segment `s`'s padded box meets.
        func forEachCell(of s: Int, _ body: (Int) -> Void) {
            let b = EdgeSnapper.box(network, s)
            let x0 = Self.clamp(b.minLon, minLon, cellLon, columns), x1 = Self.clamp(b.maxLon, minLon, cellLon, columns)
            let y0 = Self.clamp(b.minLat, minLat, cellLat, rows), y1 = Self.clamp(b.maxLat, minLat, cellLat, rows)
            for y in y0...y1 { for x in x0...x1 { body(y * columns + x) } }
        }
        var start = [UInt32](repeating: 0, count: columns * rows + 1)
        for s in 0..<network.segmentCount { forEachCell(of: s) { start[$0 + 1] += 1 } }
        for c in 0..<(columns * rows) { start[c + 1] += start[c] }
        var items = [UInt32](repeating: 0, count: Int(start[columns * rows]))
        var fill = start
        for s in 0..<network.segmentCount {
            forEachCell(of: s) { c in
                items[Int(fill[c])] = UInt32(s)
                fill[c] += 1
            }
        }
        self.start = start
        self.items = items
    }

    /// The cell index of a coordinate along one axis, clamped to the grid.
    static func clamp(_ value: Double, _ origin: Double, _ size: Double, _ count: Int) -> Int {
        let i = ((value - origin) / size).rounded(.down)
        return i.isNaN ? 0 : Int(min(max(i, 0), Double(count - 1)))
    }

    /// The index of the cell holding `point`, or nil outside the grid.
    func cell(of point: Coordinate) -> Int? {
        let x = ((point.lon - minLon) / cellLon).rounded(.down), y = ((point.lat - minLat) / cellLat).rounded(.down)
        // NaN fails every comparison.
        guard x >= 0, y >= 0, x < Double(columns), y < Double(rows) else { return nil }
        return Int(y) * columns + Int(x)
    }

    /// The cells within `metres` (at most about 1 km) of `point`: the rows y0...y1, and per row
    /// the columns ``columns(in:_:)`` gives. Every cell holding a place within `metres` of
    /// `point` is among them.
    ///
    /// A cell's distance is bounded below in a flat frame of 110 000 m per degree of latitude and
    /// 110 000·cos φ m per degree of longitude (φ the point's latitude): within 0.01° of φ (away
    /// from the poles) a degree is at least 110 574 m along a meridian and at least
    /// 111 319·cos φ' ≥ 110 000·cos φ m along a parallel, so every path from `point` to a place
    /// that stays within that band is at least as long as the straight line in the flat frame, and
    /// one that leaves it is longer than 1 km.
    @inline(__always)
    func disc(around point: Coordinate, metres: Double) -> Disc {
        let perLon = 110_000 * max(0.01, cos(point.lat * .pi / 180))
        let dLat = metres / Disc.perLat
        let y0 = max(0, ((point.lat - dLat - minLat) / cellLat).rounded(.down))
        let y1 = min(Double(rows - 1), ((point.lat + dLat - minLat) / cellLat).rounded(.down))
        return Disc(point: point, metres: metres, perLon: perLon, y0: Int(y0), y1: Int(max(y1, y0 - 1)))
    }

    /// A disc's cells (see ``SegmentGrid/disc(around:metres:)``).
    struct Disc {
        static let perLat = 110_000.0
        let point: Coordinate
        let metres: Double
        /// Metres per degree of longitude (a lower bound near the point).
        let perLon: Double
        /// The rows that may hold cells within the disc (empty when y1 < y0).
        let y0: Int, y1: Int
    }

    /// The columns x0...x1 of the cells of row `y` within `disc`, or nil when none is.
    @inline(__always)
    func columns(in y: Int, _ disc: Disc) -> (x0: Int, x1: Int)? {
        let south = minLat + Double(y) * cellLat, north = south + cellLat
        let gap = max(0, south - disc.point.lat, disc.point.lat - north) * Disc.perLat
        guard gap <= disc.metres else { return nil }
        let dLon = (disc.metres * disc.metres - gap * gap).squareRoot() / disc.perLon
        let x0 = max(0, ((disc.point.lon - dLon - minLon) / cellLon).rounded(.down))
        let x1 = min(Double(columns - 1), ((disc.point.lon + dLon - minLon) / cellLon).rounded(.down))
        return x0 <= x1 ? (Int(x0), Int(x1)) : nil
    }

    /// The cell ranges (columns x0...x1, rows y0...y1) covering every point within `metres` (plus
    /// 10 m) of `point`; nil when that box lies wholly outside the grid.
    func cells(around point: Coordinate, metres: Double) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
        let margin = metres + 10
        // 1° of latitude is at least 110 574 m and 1° of longitude at least 111 319·cos φ m.
        let dLat = margin / 110_000, dLon = dLat / max(0.01, cos(point.lat * .pi / 180))
        let lo = (x: ((point.lon - dLon - minLon) / cellLon).rounded(.down), y: ((point.lat - dLat - minLat) / cellLat).rounded(.down))
        let hi = (x: ((point.lon + dLon - minLon) / cellLon).rounded(.down), y: ((point.lat + dLat - minLat) / cellLat).rounded(.down))
        guard hi.x >= 0, hi.y >= 0, lo.x < Double(columns), lo.y < Double(rows) else { return nil }
        return (Int(max(lo.x, 0)), Int(max(lo.y, 0)), Int(min(hi.x, Double(columns - 1))), Int(min(hi.y, Double(rows - 1))))
    }
}
