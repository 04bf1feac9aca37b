import GeoTypes
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GeodesicFoot {
    /// Longest segment (metres) whose foot ``shortFoot(of:on:_:_:_:length:)`` gives; longer
    /// segments take Karney's iteration (``foot(of:_:on:_:_:azimuth:length:)``).
    static let shortMaximumLength = 2_000.0
    /// Bounds on the short foot's deviation from the exact foot, checked against Karney's solver
    /// by `ShortFootTests` for segments up to ``shortMaximumLength`` and legs up to 1.5 km: the
    /// leg (metres), and the along-track distance and foot position.
    static let shortLegBound = 1e-5, shortFootBound = 1e-4
    /// Largest ratio of the point's distance from a segment's start to the segment's length for
    /// which the short foot is used (see ``shortFoot(of:on:_:_:_:length:)``).
    static let shortConditioning = 2_500.0

    /// The foot of a point (ECEF `pp`) on the geodesic from `a` (ECEF `pa`) to `b` (ECEF `pb`) of
    /// length `length` (at most ``shortMaximumLength``), without Karney's solver.
    ///
    /// On the ellipsoid the geodesic of a short segment is, to far below a micrometre, the chord
    /// pushed onto the surface along the normal (on a sphere exactly: the great circle; the
    /// difference on WGS84 is of order e²L³/R² ≈ 1e-8 m at 1 km). So the foot is found on that
    /// curve: from the chord projection, Newton steps on the along-chord parameter t move the
    /// surface point Q(t) until P−Q is orthogonal to the curve's tangent (the chord direction
    /// with its normal part removed); each step is arithmetic (the surface point is one Newton
    /// step along the normal, no trigonometry). Distances are ``ShortGeodesic`` lengths from the
    /// chords. As in the exact foot, the ends win ties, `a` before `b`.
    ///
    /// Nil when the point is more than ``shortConditioning`` segment lengths from `a`: the chord's
    /// direction, a difference of coordinates of 6.4e6 m each good to ~1e-9 m, then moves the
    /// foot of a far point by more than the bound (about 1e-8 m times the distance over the
    /// length, measured); the caller takes Karney's foot then.
    static func shortFoot(of pp: ECEFPoint, on a: Coordinate, _ pa: ECEFPoint, _ b: Coordinate, _ pb: ECEFPoint,
                          length: Double) -> (along: Double, foot: Coordinate, metres: Double)? {
        shortFootPlace(of: pp, on: a, pa, b, pb, length: length).map { ($0.along, $0.foot.coordinate, $0.metres) }
    }

    /// ``shortFoot(of:on:_:_:_:length:)`` with the foot as a ``Place``: an interior foot stays an
    /// ECEF point until its longitude and latitude are asked for (the snapper asks only for the
    /// winning candidate's), the same values when they are.
    @inline(__always)
    static func shortFootPlace(of pp: ECEFPoint, on a: Coordinate, _ pa: ECEFPoint, _ b: Coordinate, _ pb: ECEFPoint,
                               length: Double) -> (along: Double, foot: Place, metres: Double)? {
        let ux = pb.x - pa.x, uy = pb.y - pa.y, uz = pb.z - pa.z
        let uu = ux * ux + uy * uy + uz * uz
        let atA = short(pp, pa)
        guard uu > 0 else { return (0, .coordinate(a), atA) }
        guard atA <= length * shortConditioning else { return nil }
        var t = min(max(((pp.x - pa.x) * ux + (pp.y - pa.y) * uy + (pp.z - pa.z) * uz) / uu, 0), 1)
        var q = pa
        for _ in 0..<4 {
            guard t > 0 && t < 1 else { break }
            let (surface, nx, ny, nz) = onSurface(pa.x + t * ux, pa.y + t * uy, pa.z + t * uz)
            q = surface
            // The curve's tangent: the chord direction less its part along the normal.
            let un = ux * nx + uy * ny + uz * nz
            let tx = ux - un * nx, ty = uy - un * ny, tz = uz - un * nz
            let step = ((pp.x - q.x) * tx + (pp.y - q.y) * ty + (pp.z - q.z) * tz) / (tx * tx + ty * ty + tz * tz)
            let next = min(max(t + step, 0), 1)
            let moved = abs(next - t) * uu.squareRoot()
            t = next
            if moved < 1e-9 { break }
        }
        var result: (along: Double, foot: Place, metres: Double)
        if t <= 0 {
            result = (0, .coordinate(a), atA)
        } else if t >= 1 {
            result = (length, .coordinate(b), short(pp, pb))
        } else {
            q = onSurface(pa.x + t * ux, pa.y + t * uy, pa.z + t * uz).point
            result = (min(short(pa, q), length), .surface(q), short(pp, q))
        }
        // The ends come first: they win ties.
        let atB = short(pp, pb)
        if atB <= result.metres { result = (length, .coordinate(b), atB) }
        if atA <= result.metres { result = (0, .coordinate(a), atA) }
        return result
    }

    /// The short-line geodesic distance between two ECEF surface points (chords here are at most
    /// a few kilometres, far within ``ShortGeodesic/maximumChord``).
    @inline(__always)
    static func short(_ p: ECEFPoint, _ q: ECEFPoint) -> Double {
        ShortGeodesic.distance(p, q) ?? .infinity
    }

    /// WGS84's e² and a².
    static let e2: Double = Geodesic.flattening * (2 - Geodesic.flattening)
    static let a2 = Geodesic.equatorialRadius * Geodesic.equatorialRadius

    /// The point of the ellipsoid's surface along the normal from (x, y, z), a point within a few
    /// metres of it, and the unit normal there: one Newton step on F = (x²+y²)/a² + z²/b² − 1 along
    /// its gradient (the residual is of order h²/R, below 1e-9 m for |h| < 10 m).
    @inline(__always)
    static func onSurface(_ x: Double, _ y: Double, _ z: Double) -> (point: ECEFPoint, nx: Double, ny: Double, nz: Double) {
        let gz = z / (1 - e2)
        let gg = x * x + y * y + gz * gz
        let f = x * x + y * y + z * gz - a2
        let k = f / (2 * gg)
        let g = gg.squareRoot()
        return (ECEFPoint(x: x - k * x, y: y - k * y, z: z - k * gz), x / g, y / g, gz / g)
    }

    /// The longitude and latitude of an ECEF point on the surface: tan φ = z / ((1 − e²)·p).
    @inline(__always)
    static func coordinate(_ q: ECEFPoint) -> Coordinate {
        let p = (q.x * q.x + q.y * q.y).squareRoot()
        return Coordinate(lon: atan2(q.y, q.x) * (180 / Double.pi), lat: atan2(q.z, (1 - e2) * p) * (180 / Double.pi))
    }
}
