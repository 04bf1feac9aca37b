#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in earth-centred, earth-fixed (ECEF) coordinates on the WGS84 ellipsoid, metres.
public struct ECEFPoint: Hashable, Sendable {
    public var x: Double, y: Double, z: Double

    @inlinable
    public init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The ECEF position of a point on the ellipsoid surface (height 0).
    public init(_ c: Coordinate) {
        let phi = c.lat * (Double.pi / 180), lam = c.lon * (Double.pi / 180)
        let sphi = sin(phi), cphi = cos(phi)
        let e2 = ShortGeodesic.e2
        let n = Geodesic.equatorialRadius / (1 - e2 * sphi * sphi).squareRoot()
        self.init(x: n * cphi * cos(lam), y: n * cphi * sin(lam), z: n * (1 - e2) * sphi)
    }
}

/// Geodesic distance of short lines from the 3D chord, ~20x cheaper than Karney's solver, with a
/// stated error bound against it.
///
/// The geodesic is a space curve whose curvature is the normal curvature of the ellipsoid along it
/// (its geodesic curvature is zero). For a curve of arc length s, curvature κ and torsion τ, the
/// chord c between the ends, expanded about the midpoint, is
///
///     c² = s² − κ²s⁴/12 + s⁶ (κ⁴/360 + O(κ'², κκ'', κ²τ²)) + O(s⁸)
///
/// and for constant κ = 1/R it is exactly the circle, c = 2R·sin(s/2R), whose inverse is
///
///     s = c · (1 + c²/(24R²) + 3c⁴/(640R⁴) + 5c⁶/(7168R⁶) + …).
///
/// ``distance(_:_:)`` evaluates the first three terms with 1/R = 1/R_α, the normal curvature at the
/// chord midpoint in the chord's direction (Euler: 1/R_α = cos²α/M + sin²α/N, M and N the meridian
/// and prime-vertical radii there). Error budget for c ≤ ``maximumChord`` (100 km), R ≥ 6.33e6 m:
/// - dropped circle term 5c⁷/(7168R⁶): ≤ 1.0e-9 m;
/// - variation of the curvature along the line: on WGS84 κ' ~ f/R², κ'' ~ f/R³ and τ ≤ e²/(2R),
///   so the non-circle s⁶ terms change s by about s⁵·f/R⁴ ≤ 2.1e-5 m times their small
///   coefficients (≤ 1/100), i.e. ≲ 3e-7 m;
/// - midpoint and direction taken from the chord rather than the geodesic: the chord is parallel to
///   the midpoint tangent up to (κ' + κτ)s²/24 ≤ 2e-6 rad, which moves 1/R_α by ≤ e²·2e-6/R and s by
///   ≤ 1e-7 m;
/// - rounding: ECEF coordinates of magnitude 6.4e6 m carry ≤ ~4e-9 m each, so c (and s) ≤ 2e-8 m;
///   Karney's own result is good to ~1.5e-8 m.
/// The total is below 1e-6 m; ``errorBound`` is set to 1e-5 m, 10x that, and the test suite checks
/// |distance − Karney| ≤ errorBound on millions of random pairs (Denmark, Greenland, equator, poles,
/// antimeridian, all azimuths, 0-100 km); the largest deviation seen is reported by the test and the
/// proximity benchmark.
public enum ShortGeodesic {
    /// Longest chord (metres) for which ``distance(_:_:)`` gives a value.
    public static let maximumChord = 100_000.0
    /// Bound on |``distance(_:_:)`` − Karney's distance| for chords up to ``maximumChord``, metres.
    public static let errorBound = 1e-5

    @usableFromInline static let a = Geodesic.equatorialRadius
    @usableFromInline static let e2: Double = {
        let f = Geodesic.flattening
        return f * (2 - f)
    }()

    /// The geodesic distance between two ECEF surface points from their chord, or nil when the chord
    /// is longer than ``maximumChord`` (use ``Geodesic/distance(from:to:)`` then).
    ///
    /// Within ``errorBound`` of Karney's distance.
    /// - Complexity: O(1): two square roots and a division, no trigonometry.
    @inlinable
    public static func distance(_ p: ECEFPoint, _ q: ECEFPoint) -> Double? {
        let dx = q.x - p.x, dy = q.y - p.y, dz = q.z - p.z
        let c2 = dx * dx + dy * dy + dz * dz
        guard c2 <= maximumChord * maximumChord else { return nil }
        return distance(chordSquared: c2, dx, dy, dz, midX: (p.x + q.x) * 0.5, midY: (p.y + q.y) * 0.5, midZ: (p.z + q.z) * 0.5)
    }

    /// The distance between two points given in degrees: the chord series when the chord is at most
    /// ``maximumChord``, else Karney's. Within ``errorBound`` of ``Geodesic/distance(from:to:)``.
    public static func distance(from: Coordinate, to: Coordinate) -> Double {
        distance(ECEFPoint(from), ECEFPoint(to)) ?? Geodesic.distance(from: from, to: to)
    }

    /// The series for chord vector (dx, dy, dz) with squared length `c2` and midpoint (mx, my, mz).
    @inlinable
    static func distance(chordSquared c2: Double, _ dx: Double, _ dy: Double, _ dz: Double,
                         midX mx: Double, midY my: Double, midZ mz: Double) -> Double {
        let c = c2.squareRoot()
        guard c2 > 0 else { return 0 }
        // Surface normal direction at the midpoint: gradient (x/a², y/a², z/b²), scaled by a².
        let oneMinusE2 = 1 - e2
        let nz = mz / oneMinusE2
        let p2 = mx * mx + my * my
        let n2 = p2 + nz * nz
        // sin²φ and W² = 1 − e² sin²φ (W/a = 1/N, W³/(a(1−e²)) = 1/M).
        let sin2phi = nz * nz / n2
        let w2 = 1 - e2 * sin2phi
        // Split the chord into normal and horizontal parts; sin²α = (east part)² / (horizontal)².
        let dn = (dx * mx + dy * my + dz * nz)
        let horizontal2 = c2 - dn * dn / n2
        let east = mx * dy - my * dx
        let sin2alpha = p2 > 0 && horizontal2 > 0 ? min(1, east * east / (p2 * horizontal2)) : 0
        let cos2alpha = 1 - sin2alpha
        // 1/R_α² = (W/a)² · (sin²α + cos²α · W²/(1−e²))².
        let k = sin2alpha + cos2alpha * w2 / oneMinusE2
        let invR2 = w2 / (a * a) * k * k
        let u = c2 * invR2
        return c * (1 + u * (1.0 / 24 + u * (3.0 / 640)))
    }
}
