import GeoTypes

extension GeoJSONGeometry {
    /// This geometry as RFC 7946 wants it on output: exterior rings counter-clockwise and holes
    /// clockwise (section 3.1.6), and, when `splitAntimeridian`, lines and polygons that cross
    /// ±180° cut into parts that do not (section 3.1.9).
    ///
    /// Crossing is detected as a step of more than 180° in longitude between consecutive positions.
    /// Polygons are unwrapped, clipped to each 360° strip and shifted back; a ring around a pole
    /// (which does not close after unwrapping) is left as it is.
    public func normalizedForRFC7946(splitAntimeridian: Bool = true) -> GeoJSONGeometry {
        switch self {
        case .point, .multiPoint:
            return self
        case let .lineString(line):
            guard splitAntimeridian else { return self }
            let parts = Self.splitLine(line)
            return parts.count == 1 ? .lineString(parts[0]) : .multiLineString(parts)
        case let .multiLineString(lines):
            guard splitAntimeridian else { return self }
            return .multiLineString(lines.flatMap(Self.splitLine))
        case let .polygon(rings):
            let parts = splitAntimeridian ? Self.splitPolygon(rings) : [rings]
            let wound = parts.map(Self.rewind)
            return wound.count == 1 ? .polygon(wound[0]) : .multiPolygon(wound)
        case let .multiPolygon(polygons):
            return .multiPolygon(polygons.flatMap { splitAntimeridian ? Self.splitPolygon($0) : [$0] }.map(Self.rewind))
        case let .geometryCollection(geometries):
            return .geometryCollection(geometries.map { $0.normalizedForRFC7946(splitAntimeridian: splitAntimeridian) })
        }
    }

    /// Twice the signed area (shoelace, in the lon/lat plane); positive when counter-clockwise.
    static func signedArea2(_ ring: [Coordinate]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        let x0 = ring[0].lon, y0 = ring[0].lat
        for i in 0..<(ring.count - 1) {
            sum += (ring[i].lon - x0) * (ring[i + 1].lat - y0) - (ring[i + 1].lon - x0) * (ring[i].lat - y0)
        }
        return sum
    }

    /// Exterior counter-clockwise, holes clockwise.
    static func rewind(_ rings: [[Coordinate]]) -> [[Coordinate]] {
        rings.enumerated().map { i, ring in
            let area = signedArea2(ring)
            let wantPositive = i == 0
            return (area < 0 && wantPositive) || (area > 0 && !wantPositive) ? ring.reversed() : ring
        }
    }

    /// Cuts a line where consecutive positions jump more than 180° in longitude.
    static func splitLine(_ line: [Coordinate]) -> [[Coordinate]] {
        guard line.count > 1 else { return [line] }
        var parts: [[Coordinate]] = []
        var current = [line[0]]
        for i in 1..<line.count {
            let a = line[i - 1], b = line[i]
            let delta = b.lon - a.lon
            if abs(delta) > 180 {
                let unwrapped = b.lon - (delta > 0 ? 360 : -360)
                let edge: Double = a.lon >= 0 ? 180 : -180
                let t = (edge - a.lon) / (unwrapped - a.lon)
                let lat = a.lat + t * (b.lat - a.lat)
                current.append(Coordinate(lon: edge, lat: lat))
                parts.append(current)
                current = [Coordinate(lon: -edge, lat: lat)]
            }
            current.append(b)
        }
        parts.append(current)
        return parts
    }

    /// Unwraps a ring so consecutive steps stay within 180°, starting at `offset` added to the first lon.
    private static func unwrap(_ ring: [Coordinate], near reference: Double? = nil) -> [Coordinate] {
        guard let first = ring.first else { return ring }
        var shift = 0.0
        if let reference {
            while first.lon + shift - reference > 180 { shift -= 360 }
            while first.lon + shift - reference < -180 { shift += 360 }
        }
        var out = [Coordinate(lon: first.lon + shift, lat: first.lat)]
        for i in 1..<ring.count {
            var lon = ring[i].lon + shift
            let previous = out[i - 1].lon
            while lon - previous > 180 { lon -= 360; shift -= 360 }
            while lon - previous < -180 { lon += 360; shift += 360 }
            out.append(Coordinate(lon: lon, lat: ring[i].lat))
        }
        return out
    }

    /// Splits a polygon crossing the antimeridian into one polygon per 360° strip it covers.
    static func splitPolygon(_ rings: [[Coordinate]]) -> [[[Coordinate]]] {
        guard let exterior = rings.first, exterior.count > 3 else { return [rings] }
        let crosses = zip(exterior, exterior.dropFirst()).contains { abs($1.lon - $0.lon) > 180 }
        guard crosses else { return [rings] }
        let shell = unwrap(exterior)
        guard shell.first == shell.last else { return [rings] }  // encloses a pole: leave it
        let holes = rings.dropFirst().map { unwrap($0, near: shell[0].lon) }
        let minLon = shell.map(\.lon).min()!, maxLon = shell.map(\.lon).max()!
        let firstStrip = Int(((minLon + 180) / 360).rounded(.down))
        let lastStrip = Int(((maxLon + 180) / 360).rounded(.up)) - 1
        var result: [[[Coordinate]]] = []
        for k in firstStrip...max(firstStrip, lastStrip) {
            let lo = -180 + 360 * Double(k), hi = lo + 360
            guard let part = clip(shell, lo: lo, hi: hi) else { continue }
            var polygon = [shift(part, by: -360 * Double(k))]
            for hole in holes {
                if let piece = clip(hole, lo: lo, hi: hi) { polygon.append(shift(piece, by: -360 * Double(k))) }
            }
            result.append(polygon)
        }
        return result.isEmpty ? [rings] : result
    }

    private static func shift(_ ring: [Coordinate], by delta: Double) -> [Coordinate] {
        ring.map { Coordinate(lon: ($0.lon + delta).clamped(-180, 180), lat: $0.lat) }
    }

    /// Sutherland–Hodgman clip of a closed ring to lo <= lon <= hi; nil when nothing of area remains.
    private static func clip(_ ring: [Coordinate], lo: Double, hi: Double) -> [Coordinate]? {
        var points = Array(ring.dropLast())
        for (bound, keepAbove) in [(lo, true), (hi, false)] {
            guard !points.isEmpty else { return nil }
            var output: [Coordinate] = []
            func inside(_ p: Coordinate) -> Bool { keepAbove ? p.lon >= bound : p.lon <= bound }
            for i in 0..<points.count {
                let current = points[i], previous = points[(i + points.count - 1) % points.count]
                let cIn = inside(current), pIn = inside(previous)
                if cIn != pIn {
                    let t = (bound - previous.lon) / (current.lon - previous.lon)
                    output.append(Coordinate(lon: bound, lat: previous.lat + t * (current.lat - previous.lat)))
                }
                if cIn { output.append(current) }
            }
            points = output
        }
        guard points.count >= 3 else { return nil }
        let closed = points + [points[0]]
        return signedArea2(closed) == 0 ? nil : closed
    }
}

extension Double {
    fileprivate func clamped(_ lo: Double, _ hi: Double) -> Double { Swift.min(hi, Swift.max(lo, self)) }
}
