/// A position on the WGS84 ellipsoid (EPSG:4326), longitude and latitude in degrees.
///
/// Longitude first, as in GeoJSON and SpatiaLite. The unchecked initialiser is for values already
/// known to be valid (index internals, generated data); anything read from a file goes through
/// ``init(validatingLon:lat:)``.
public struct Coordinate: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Degrees east of Greenwich, -180...180.
    public var lon: Double
    /// Degrees north of the equator, -90...90.
    public var lat: Double

    @inlinable
    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    /// Creates a coordinate, checking that both values are finite and in range.
    /// - Throws: ``CoordinateError`` naming the offending axis and value.
    public init(validatingLon lon: Double, lat: Double) throws(CoordinateError) {
        guard lon.isFinite else { throw .notFinite(axis: "lon", value: lon) }
        guard lat.isFinite else { throw .notFinite(axis: "lat", value: lat) }
        guard (-180.0...180.0).contains(lon) else { throw .outOfRange(axis: "lon", value: lon, range: "-180...180") }
        guard (-90.0...90.0).contains(lat) else { throw .outOfRange(axis: "lat", value: lat, range: "-90...90") }
        self.init(lon: lon, lat: lat)
    }

    public var description: String { "\(lon),\(lat)" }
}

/// Why a pair of numbers is not a WGS84 coordinate.
public enum CoordinateError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFinite(axis: String, value: Double)
    case outOfRange(axis: String, value: Double, range: String)

    public var description: String {
        switch self {
        case let .notFinite(axis, value): return "\(axis) must be a finite number, got \(value)"
        case let .outOfRange(axis, value, range): return "\(axis) \(value) is outside \(range)"
        }
    }
}
