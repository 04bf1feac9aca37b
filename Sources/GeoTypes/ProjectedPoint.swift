/// A point in a projected (planar, metric) coordinate system such as ETRS89 / UTM 32N (EPSG:25832).
public struct ProjectedPoint: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Metres east (including the false easting).
    public var easting: Double
    /// Metres north (including the false northing).
    public var northing: Double

    @inlinable
    public init(easting: Double, northing: Double) {
        self.easting = easting
        self.northing = northing
    }

    public var description: String { "E \(easting) N \(northing)" }
}
