public import GeoTypes

/// A vertex of a ring: a point with an x (easting or longitude) and a y (northing or latitude).
///
/// Geometry works in whatever plane its vertices live in. Area, buffer and distances are only
/// meaningful in metres, so project lon/lat to EPSG:25832 first and use ``PlanarXY``.
public protocol PolygonVertex: Hashable, Sendable {
    /// Horizontal axis: easting in metres, or longitude in degrees.
    var x: Double { get }
    /// Vertical axis: northing in metres, or latitude in degrees.
    var y: Double { get }
    /// Creates a vertex from its two axes.
    init(x: Double, y: Double)
}

/// A point in a projected plane, in metres (for Overblik: EPSG:25832, ETRS89 / UTM zone 32N).
public struct PlanarXY: PolygonVertex, Codable, CustomStringConvertible {
    /// Easting in metres.
    public var x: Double
    /// Northing in metres.
    public var y: Double

    @inlinable
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(x), \(y))" }
}

extension Coordinate: PolygonVertex {
    /// Longitude, as the x axis.
    @inlinable public var x: Double { lon }
    /// Latitude, as the y axis.
    @inlinable public var y: Double { lat }

    /// Creates a coordinate from x = longitude and y = latitude, unchecked.
    @inlinable public init(x: Double, y: Double) { self.init(lon: x, lat: y) }
}
