#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small angle helpers shared by the geodesic and projection code. Angles in degrees unless named `...Rad`.
enum AngleMath {
    static let degree = Double.pi / 180

    /// Sine and cosine of an angle in degrees, with exact reduction to the first octant so that
    /// `sincosd(90)` is exactly (1, 0) and multiples of 90 carry no rounding error.
    @inline(__always)
    static func sincosd(_ x: Double) -> (s: Double, c: Double) {
        // For |x| <= 180 (all latitudes and longitude differences) x - 90 q is exact (Sterbenz), so
        // the costly fmod is only needed beyond that.
        var r = abs(x) <= 180 ? x : x.truncatingRemainder(dividingBy: 360)
        // Nearest multiple of 90 by comparisons (|r| <= 360 here), cheaper than a call to round().
        let q: Int
        if r >= 0 {
            q = r <= 45 ? 0 : (r <= 135 ? 1 : (r <= 225 ? 2 : (r <= 315 ? 3 : 4)))
        } else {
            q = r >= -45 ? 0 : (r >= -135 ? -1 : (r >= -225 ? -2 : (r >= -315 ? -3 : -4)))
        }
        r -= 90 * Double(q)
        r *= degree
        let (s, c) = sincos(r)
        switch q & 3 {
        case 0: return (s, c)
        case 1: return (c, -s)
        case 2: return (-s, -c)
        default: return (-c, s)
        }
    }

    /// Sine and cosine of an angle in radians. For |x| <= pi/4 (every call from `sincosd` and the
    /// geodesic solver's small corrections) by Taylor polynomials to x^17 and x^18, whose truncation
    /// error is below 1e-19, evaluated in nested form (within a couple of ulps of the C library, about
    /// four times cheaper); larger angles go to the C library.
    @inline(__always)
    static func sincos(_ x: Double) -> (s: Double, c: Double) {
        guard abs(x) <= 0.785_398_163_397_448_4 else { return (sin(x), cos(x)) }
        let x2 = x * x
        var s = 1 - x2 * (1.0 / 272)
        s = 1 - x2 * (1.0 / 210) * s
        s = 1 - x2 * (1.0 / 156) * s
        s = 1 - x2 * (1.0 / 110) * s
        s = 1 - x2 * (1.0 / 72) * s
        s = 1 - x2 * (1.0 / 42) * s
        s = 1 - x2 * (1.0 / 20) * s
        s = x * (1 - x2 * (1.0 / 6) * s)   // keeps the sign of a zero x
        var c = 1 - x2 * (1.0 / 306)
        c = 1 - x2 * (1.0 / 240) * c
        c = 1 - x2 * (1.0 / 182) * c
        c = 1 - x2 * (1.0 / 132) * c
        c = 1 - x2 * (1.0 / 90) * c
        c = 1 - x2 * (1.0 / 56) * c
        c = 1 - x2 * (1.0 / 30) * c
        c = 1 - x2 * (1.0 / 12) * c
        c = 1 - x2 * 0.5 * c
        return (s, c)
    }

    /// `atan2` in degrees.
    @inline(__always)
    static func atan2d(_ y: Double, _ x: Double) -> Double {
        atan2(y, x) / degree
    }

    /// Rounds tiny angles so that values below 1/16 degree keep the same absolute precision as
    /// larger ones (avoids spurious asymmetry near the equator and the poles).
    @inline(__always)
    static func angRound(_ x: Double) -> Double {
        let z = 1.0 / 16.0
        var y = abs(x)
        y = y < z ? z - (z - y) : y
        return x < 0 ? -y : (x == 0 ? x : y)
    }

    /// The difference y - x of two longitudes, reduced to [-180, 180]; exact for inputs in
    /// -180...180 (the subtraction and the single 360 correction are exact there).
    @inline(__always)
    static func angDiff(_ x: Double, _ y: Double) -> Double {
        guard abs(x) <= 180 && abs(y) <= 180 else { return (y - x).remainder(dividingBy: 360) }
        let d = y - x
        return d > 180 ? d - 360 : (d < -180 ? d + 360 : d)
    }

    /// Reduces a longitude or azimuth to (-180, 180].
    @inline(__always)
    static func angNormalize(_ x: Double) -> Double {
        let y = x.remainder(dividingBy: 360)
        return y == -180 ? 180 : y
    }

    /// Normalises a (sin, cos) pair to unit length.
    @inline(__always)
    static func norm(_ s: inout Double, _ c: inout Double) {
        let r = (s * s + c * c).squareRoot()
        s /= r
        c /= r
    }

    /// `(x, y)` hypotenuse without overflow concerns (our values are all O(1)).
    @inline(__always)
    static func hyp(_ x: Double, _ y: Double) -> Double {
        (x * x + y * y).squareRoot()
    }
}
