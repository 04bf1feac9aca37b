extension Polygon {
    /// Every problem this polygon has that can be found without GEOS: ring closure, vertex count,
    /// finiteness, repeated consecutive vertices, segments that cross or touch where they must not
    /// (within a ring, or between rings), and holes outside the exterior ring.
    ///
    /// - Parameter polygon: the part index to report (for parts of a ``MultiPolygon``).
    /// - Returns: the problems sorted by ring and vertex; empty when none is found.
    /// - Complexity: O(n log n + k) for n segments and k segment pairs with overlapping x ranges.
    public func problems(polygon: Int = 0) -> [PolygonProblem] {
        var problems: [PolygonProblem] = []
        let rings = self.rings
        for (r, ring) in rings.enumerated() {
            problems += Self.ringProblems(ring, ring: r, polygon: polygon)
            if ring.count > 1 {
                for v in 1..<ring.count where ring[v] == ring[v - 1] {
                    problems.append(PolygonProblem(.duplicateConsecutivePoint, polygon: polygon, ring: r, vertex: v,
                                                   x: ring[v].x, y: ring[v].y))
                }
            }
        }
        // Segment checks need finite, closed rings.
        guard problems.allSatisfy({ $0.kind == .duplicateConsecutivePoint }) else { return sorted(problems) }
        problems += segmentProblems(rings, polygon: polygon)
        let shell = exterior
        for (h, hole) in holes.enumerated() {
            if let v = hole.indices.first(where: { i in
                !RingMath.onBoundary(hole[i].x, hole[i].y, shell) && !RingMath.pointInRing(hole[i].x, hole[i].y, shell)
            }) {
                problems.append(PolygonProblem(.holeOutsideShell, polygon: polygon, ring: h + 1, vertex: v,
                                               x: hole[v].x, y: hole[v].y))
            }
        }
        return sorted(problems)
    }

    private func sorted(_ problems: [PolygonProblem]) -> [PolygonProblem] {
        PolygonProblem.sortedForReport(problems)
    }

    private struct Segment {
        /// `sequence` counts the ring's segments of non-zero length; `lastSequence` is the highest.
        var ring: Int, vertex: Int, sequence: Int, lastSequence: Int
        var x1, y1, x2, y2: Double
        var minX: Double { Swift.min(x1, x2) }
        var maxX: Double { Swift.max(x1, x2) }
    }

    /// Sweeps all segments by x and reports pairs that meet illegally.
    private func segmentProblems(_ rings: [[Vertex]], polygon: Int) -> [PolygonProblem] {
        var segments: [Segment] = []
        for (r, ring) in rings.enumerated() {
            let first = segments.count
            for v in 0..<(ring.count - 1) where ring[v] != ring[v + 1] {
                segments.append(Segment(ring: r, vertex: v, sequence: segments.count - first, lastSequence: 0,
                                        x1: ring[v].x, y1: ring[v].y, x2: ring[v + 1].x, y2: ring[v + 1].y))
            }
            for k in first..<segments.count { segments[k].lastSequence = segments.count - first - 1 }
        }
        segments.sort { $0.minX < $1.minX }
        var active: [Int] = []
        var problems: [PolygonProblem] = []
        for (i, s) in segments.enumerated() {
            active.removeAll { segments[$0].maxX < s.minX }
            for j in active {
                let t = segments[j]
                if Swift.max(s.y1, s.y2) < Swift.min(t.y1, t.y2) || Swift.max(t.y1, t.y2) < Swift.min(s.y1, s.y2) { continue }
                let contact = RingMath.contact(s.x1, s.y1, s.x2, s.y2, t.x1, t.y1, t.x2, t.y2)
                if contact == .none { continue }
                if s.ring == t.ring {
                    // Neighbours in the ring share an endpoint; that touch is expected.
                    let (a, b) = (Swift.min(s.sequence, t.sequence), Swift.max(s.sequence, t.sequence))
                    let adjacent = b - a == 1 || (a == 0 && b == s.lastSequence)
                    if adjacent && contact == .touch { continue }
                } else if contact == .touch {
                    continue  // rings may touch at a point
                }
                let (first, second) = (s.ring, s.vertex) < (t.ring, t.vertex) ? (s, t) : (t, s)
                let (px, py) = contact == .cross
                    ? RingMath.crossingPoint(s.x1, s.y1, s.x2, s.y2, t.x1, t.y1, t.x2, t.y2)
                    : (second.x1, second.y1)
                problems.append(PolygonProblem(.selfIntersection(otherRing: second.ring, otherVertex: second.vertex),
                                               polygon: polygon, ring: first.ring, vertex: first.vertex, x: px, y: py))
            }
            active.append(i)
        }
        return problems
    }
}

extension MultiPolygon {
    /// Every problem of every part, found without GEOS (see ``Polygon/problems(polygon:)``).
    public func problems() -> [PolygonProblem] {
        polygons.enumerated().flatMap { $0.element.problems(polygon: $0.offset) }
    }
}
