import CGEOS

extension GeometryContext {
    /// Every problem of a polygon: the pure checks of ``Polygon/problems(polygon:)`` plus GEOS's
    /// validity check (nested holes, disconnected interiors, ring self-touches), whose location is
    /// mapped back to the nearest ring and vertex.
    /// - Returns: problems sorted by ring and vertex; empty when the polygon is valid.
    public func problems<V>(of polygon: Polygon<V>, polygonIndex: Int = 0) -> [PolygonProblem] {
        var problems = polygon.problems(polygon: polygonIndex)
        let structural = problems.contains {
            switch $0.kind {
            case .unclosedRing, .tooFewPoints, .nonFinite: return true
            default: return false
            }
        }
        guard !structural, let geometry = try? Geometry(polygon: polygon, context: self) else { return problems }
        if let detail = geosDetail(geometry) {
            let (ring, vertex) = Self.nearestVertex(to: detail.x, detail.y, in: polygon)
            // Skip GEOS's report when our own checks already flagged that spot.
            let known = problems.contains { p in
                p.ring == ring && (p.x.map { abs($0 - detail.x) < 1e-9 } ?? false)
                    || (p.ring == ring && abs(p.vertex - vertex) <= 1)
            }
            if !known {
                problems.append(PolygonProblem(.geos(reason: detail.reason), polygon: polygonIndex, ring: ring,
                                               vertex: vertex, x: detail.x, y: detail.y))
            }
        }
        return PolygonProblem.sortedForReport(problems)
    }

    /// Every problem of every part of a MultiPolygon, plus GEOS's check of the whole (overlapping parts).
    public func problems<V>(of multiPolygon: MultiPolygon<V>) -> [PolygonProblem] {
        var found = multiPolygon.polygons.enumerated().flatMap { self.problems(of: $0.element, polygonIndex: $0.offset) }
        guard found.isEmpty, let geometry = try? Geometry(multiPolygon: multiPolygon, context: self),
              let detail = geosDetail(geometry) else { return found }
        var best = (polygon: 0, ring: 0, vertex: 0, distance: Double.infinity)
        for (p, polygon) in multiPolygon.polygons.enumerated() {
            let (ring, vertex) = Self.nearestVertex(to: detail.x, detail.y, in: polygon)
            let v = polygon.rings[ring][vertex]
            let d = (v.x - detail.x) * (v.x - detail.x) + (v.y - detail.y) * (v.y - detail.y)
            if d < best.distance { best = (p, ring, vertex, d) }
        }
        found.append(PolygonProblem(.geos(reason: detail.reason), polygon: best.polygon, ring: best.ring,
                                    vertex: best.vertex, x: detail.x, y: detail.y))
        return found
    }

    /// Validates a polygon, throwing every problem found.
    /// - Throws: ``GeometryError/invalidPolygon(_:)``.
    public func validate<V>(_ polygon: Polygon<V>) throws(GeometryError) {
        let found = problems(of: polygon)
        guard found.isEmpty else { throw .invalidPolygon(InvalidPolygonError(problems: found)) }
    }

    /// Validates a MultiPolygon (every part, then the parts against each other), throwing every problem found.
    /// - Throws: ``GeometryError/invalidPolygon(_:)``.
    public func validate<V>(_ multiPolygon: MultiPolygon<V>) throws(GeometryError) {
        let found = problems(of: multiPolygon)
        guard found.isEmpty else { throw .invalidPolygon(InvalidPolygonError(problems: found)) }
    }

    /// GEOSisValidDetail_r: the reason and location of the first problem GEOS sees, nil when valid.
    private func geosDetail(_ geometry: Geometry) -> (reason: String, x: Double, y: Double)? {
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        begin()
        let valid = GEOSisValidDetail_r(handle, geometry.handle, 0, &reason, &location)
        defer {
            if let reason { GEOSFree_r(handle, reason) }
            if let location { GEOSGeom_destroy_r(handle, location) }
        }
        if valid == 1 { return nil }
        let text = valid == 0 ? (reason.map { String(cString: $0) } ?? "invalid") : "GEOS validity check failed: \(lastErrorMessage ?? "")"
        var x = Double.nan, y = Double.nan
        if let location {
            _ = GEOSGeomGetX_r(handle, location, &x)
            _ = GEOSGeomGetY_r(handle, location, &y)
        }
        return (text, x, y)
    }

    /// The ring and segment start vertex nearest to (x, y).
    static func nearestVertex<V>(to x: Double, _ y: Double, in polygon: Polygon<V>) -> (ring: Int, vertex: Int) {
        var best = (ring: 0, vertex: 0, distance: Double.infinity)
        guard x.isFinite, y.isFinite else { return (0, 0) }
        for (r, ring) in polygon.rings.enumerated() where ring.count > 1 {
            for v in 0..<(ring.count - 1) {
                let a = ring[v], b = ring[v + 1]
                let dx = b.x - a.x, dy = b.y - a.y
                let len2 = dx * dx + dy * dy
                let t = len2 > 0 ? max(0, min(1, ((x - a.x) * dx + (y - a.y) * dy) / len2)) : 0
                let px = a.x + t * dx - x, py = a.y + t * dy - y
                let d = px * px + py * py
                if d < best.distance { best = (r, t >= 1 ? v + 1 : v, d) }
            }
        }
        return (best.ring, best.vertex)
    }
}
