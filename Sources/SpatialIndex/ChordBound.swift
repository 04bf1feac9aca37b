import GeoTypes
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Earth-centred, earth-fixed (ECEF) positions of points on the WGS84 ellipsoid, in metres, and the
/// chord lower bound the index prunes with.
///
/// Why the chord is a lower bound: both points lie on the ellipsoid surface and the geodesic between
/// them is a curve in 3D space joining them; no curve is shorter than the straight segment, so
/// `chord(P, Q) <= geodesicDistance(P, Q)` holds exactly, at every latitude and across the
/// antimeridian (ECEF has no seams). For a node, the distance from the query to the node's
/// axis-aligned ECEF box is at most the chord to any point inside it, so it bounds the whole subtree.
///
/// Floating point: coordinates are ~6.4e6 m with relative rounding ~1e-16, so a computed chord is off
/// by at most ~1e-8 m, and Karney's distance by ~1.5e-8 m. ``margin`` (1e-6 m, 50x both) is
/// subtracted from every bound before it prunes, so rounding can never discard a true neighbour.
enum ChordBound {
    /// Safety margin subtracted from chord bounds, metres.
    static let margin = 1e-6

    static let a = Geodesic.equatorialRadius
    static let e2: Double = {
        let f = Geodesic.flattening
        return f * (2 - f)
    }()

    /// ECEF coordinates (metres) of a point on the ellipsoid surface (height 0).
    @inline(__always)
    static func ecef(_ c: Coordinate) -> (x: Double, y: Double, z: Double) {
        let p = ECEFPoint(c)
        return (p.x, p.y, p.z)
    }
}
