/// The solution of the geodesic inverse problem between two points on the WGS84 ellipsoid.
public struct GeodesicInverse: Hashable, Sendable {
    /// Length of the shortest geodesic, in metres.
    public var distance: Double
    /// Azimuth at the first point, degrees clockwise from north, in (-180, 180].
    public var initialAzimuth: Double
    /// Azimuth at the second point (the direction of travel on arrival), degrees in (-180, 180].
    public var finalAzimuth: Double

    public init(distance: Double, initialAzimuth: Double, finalAzimuth: Double) {
        self.distance = distance
        self.initialAzimuth = initialAzimuth
        self.finalAzimuth = finalAzimuth
    }
}
