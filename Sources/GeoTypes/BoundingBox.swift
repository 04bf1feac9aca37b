/// A longitude/latitude box in degrees (not crossing the antimeridian: minLon <= maxLon).
public struct BoundingBox: Hashable, Codable, Sendable, CustomStringConvertible {
    public var minLon: Double, minLat: Double, maxLon: Double, maxLat: Double

    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon; self.minLat = minLat; self.maxLon = maxLon; self.maxLat = maxLat
    }

    /// The smallest box containing all coordinates, or nil for none.
    /// - Complexity: O(n).
    public init?<S: Sequence>(containing coordinates: S) where S.Element == Coordinate {
        var it = coordinates.makeIterator()
        guard let first = it.next() else { return nil }
        self.init(minLon: first.lon, minLat: first.lat, maxLon: first.lon, maxLat: first.lat)
        while let c = it.next() { extend(c) }
    }

    /// Grows the box to include a coordinate.
    public mutating func extend(_ c: Coordinate) {
        minLon = min(minLon, c.lon); maxLon = max(maxLon, c.lon)
        minLat = min(minLat, c.lat); maxLat = max(maxLat, c.lat)
    }

    /// Whether the coordinate lies inside or on the edge.
    public func contains(_ c: Coordinate) -> Bool {
        c.lon >= minLon && c.lon <= maxLon && c.lat >= minLat && c.lat <= maxLat
    }

    /// In GeoJSON order: [west, south, east, north].
    public var geoJSONOrder: [Double] { [minLon, minLat, maxLon, maxLat] }

    public var description: String { "\(minLon),\(minLat),\(maxLon),\(maxLat)" }
}
