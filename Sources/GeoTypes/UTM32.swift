/// ETRS89 / UTM zone 32N (EPSG:25832), the projection Danish authorities publish coordinates in.
///
/// GRS80 ellipsoid (a = 6 378 137 m, f = 1/298.257222101), central meridian 9°E, scale 0.9996,
/// false easting 500 000 m. ETRS89 and WGS84 differ by well under a metre in Denmark, below what
/// facility positions resolve, so ``Coordinate`` values are used for both.
///
/// ```swift
/// UTM32.forward(Coordinate(lon: 9.9187, lat: 57.048))   // E 555 736.228 N 6 323 104.051
/// ```
public enum UTM32 {
    static let projection = TransverseMercator(a: 6_378_137, f: 1 / 298.257222101, k0: 0.9996, lon0: 9,
                                               falseEasting: 500_000, falseNorthing: 0)

    /// Projects a geographic coordinate to easting/northing in metres.
    /// - Complexity: O(1); accurate to well below a millimetre within the zone (6°E-12°E) and its
    ///   usual extension over all of Denmark (8°E-15.2°E).
    public static func forward(_ coordinate: Coordinate) -> ProjectedPoint {
        projection.forward(lon: coordinate.lon, lat: coordinate.lat)
    }

    /// Converts easting/northing in metres back to a geographic coordinate.
    public static func inverse(_ point: ProjectedPoint) -> Coordinate {
        let r = projection.inverse(point)
        return Coordinate(lon: r.lon, lat: r.lat)
    }
}
