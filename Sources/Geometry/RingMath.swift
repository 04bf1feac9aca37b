/// Small planar predicates shared by validation and the point locator.
enum RingMath {
    /// Twice the signed area of triangle (a, b, c): > 0 when counter-clockwise.
    @inline(__always)
    static func orient(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                       _ cx: Double, _ cy: Double) -> Double {
        (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    }

    /// How two segments meet.
    enum SegmentContact { case none, touch, cross, overlap }

    /// Classifies segments p1-p2 and q1-q2: a proper crossing, a touch at an endpoint, a collinear
    /// overlap of positive length, or nothing.
    static func contact(_ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
                        _ q1x: Double, _ q1y: Double, _ q2x: Double, _ q2y: Double) -> SegmentContact {
        let d1 = orient(q1x, q1y, q2x, q2y, p1x, p1y)
        let d2 = orient(q1x, q1y, q2x, q2y, p2x, p2y)
        let d3 = orient(p1x, p1y, p2x, p2y, q1x, q1y)
        let d4 = orient(p1x, p1y, p2x, p2y, q2x, q2y)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
            return .cross
        }
        if d1 == 0 && d2 == 0 {
            // Collinear: project on the longer axis and compare the overlap length.
            let useX = abs(p2x - p1x) >= abs(p2y - p1y)
            let (a0, a1) = useX ? (min(p1x, p2x), max(p1x, p2x)) : (min(p1y, p2y), max(p1y, p2y))
            let (b0, b1) = useX ? (min(q1x, q2x), max(q1x, q2x)) : (min(q1y, q2y), max(q1y, q2y))
            let lo = max(a0, b0), hi = min(a1, b1)
            if hi > lo { return .overlap }
            return hi == lo ? .touch : .none
        }
        func onSegment(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ px: Double, _ py: Double) -> Bool {
            px >= min(ax, bx) && px <= max(ax, bx) && py >= min(ay, by) && py <= max(ay, by)
        }
        if (d1 == 0 && onSegment(q1x, q1y, q2x, q2y, p1x, p1y)) || (d2 == 0 && onSegment(q1x, q1y, q2x, q2y, p2x, p2y))
            || (d3 == 0 && onSegment(p1x, p1y, p2x, p2y, q1x, q1y)) || (d4 == 0 && onSegment(p1x, p1y, p2x, p2y, q2x, q2y)) {
            return .touch
        }
        return .none
    }

    /// Where two crossing segments meet (line-line intersection).
    static func crossingPoint(_ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
                              _ q1x: Double, _ q1y: Double, _ q2x: Double, _ q2y: Double) -> (Double, Double) {
        let rx = p2x - p1x, ry = p2y - p1y, sx = q2x - q1x, sy = q2y - q1y
        let denom = rx * sy - ry * sx
        guard denom != 0 else { return (q1x, q1y) }
        let t = ((q1x - p1x) * sy - (q1y - p1y) * sx) / denom
        return (p1x + t * rx, p1y + t * ry)
    }

    /// Even-odd point in ring; points on the boundary may go either way.
    static func pointInRing<V: PolygonVertex>(_ x: Double, _ y: Double, _ ring: [V]) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x {
                inside.toggle()
            }
            j = i
        }
        return inside
    }

    /// Whether (x, y) lies on the segment a-b exactly.
    static func onBoundary<V: PolygonVertex>(_ x: Double, _ y: Double, _ ring: [V]) -> Bool {
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            if orient(a.x, a.y, b.x, b.y, x, y) == 0
                && x >= min(a.x, b.x) && x <= max(a.x, b.x) && y >= min(a.y, b.y) && y <= max(a.y, b.y) {
                return true
            }
        }
        return false
    }
}
