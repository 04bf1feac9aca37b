public import GeoTypes

/// Area geometry from OpenStreetMap: rings joined from ways, and the area-weighted centroid.
public enum OSMArea {
    /// Joins way segments into closed rings by their shared end nodes (reversing segments as
    /// needed), as multipolygon relations split their outlines. Returns nil when some segment
    /// cannot be closed into a ring.
    public static func rings(from segments: [[(id: Int64, coordinate: Coordinate)]]) -> [[Coordinate]]? {
        var open = segments.filter { $0.count >= 2 }
        var rings: [[Coordinate]] = []
        while var ring = open.popLast() {
            while ring.first!.id != ring.last!.id {
                guard let next = open.firstIndex(where: { $0.first!.id == ring.last!.id || $0.last!.id == ring.last!.id }) else {
                    return nil
                }
                let segment = open.remove(at: next)
                ring += (segment.first!.id == ring.last!.id ? segment : segment.reversed()).dropFirst()
            }
            guard ring.count >= 4 else { return nil }
            rings.append(ring.map(\.coordinate))
        }
        return rings
    }

    /// Twice the signed area and the area-weighted centroid of a closed ring, in the plane of
    /// lon/lat degrees. A centroid is preserved by affine maps, so this is the same point as the
    /// centroid in a local equirectangular plane.
    static func moments(_ ring: [Coordinate]) -> (area2: Double, x: Double, y: Double) {
        guard let origin = ring.first else { return (0, 0, 0) }
        var a = 0.0, cx = 0.0, cy = 0.0
        for i in 0..<(ring.count - 1) {
            let x0 = ring[i].lon - origin.lon, y0 = ring[i].lat - origin.lat
            let x1 = ring[i + 1].lon - origin.lon, y1 = ring[i + 1].lat - origin.lat
            let cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        }
        guard a != 0 else { return (0, origin.lon, origin.lat) }
        return (a, cx / (3 * a) + origin.lon, cy / (3 * a) + origin.lat)
    }

    /// The centroid of outer rings minus inner rings (the point GEOS's centroid gives for the
    /// polygon); the mean of the vertices when the area is zero.
    public static func centroid(outer: [[Coordinate]], inner: [[Coordinate]] = []) -> Coordinate? {
        var area = 0.0, x = 0.0, y = 0.0
        for (rings, sign) in [(outer, 1.0), (inner, -1.0)] {
            for ring in rings {
                let m = moments(ring)
                let weight = sign * abs(m.area2)
                area += weight; x += weight * m.x; y += weight * m.y
            }
        }
        if area > 0 { return Coordinate(lon: x / area, lat: y / area) }
        let all = outer.joined()
        guard !all.isEmpty else { return nil }
        return Coordinate(lon: all.map(\.lon).reduce(0, +) / Double(all.count), lat: all.map(\.lat).reduce(0, +) / Double(all.count))
    }
}
