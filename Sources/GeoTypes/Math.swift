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
        var r = x.truncatingRemainder(dividingBy: 360)
        let q = Int((r / 90).rounded())
        r -= 90 * Double(q)
        r *= degree
        let s = sin(r), c = cos(r)
        switch q & 3 {
        case 0: return (s, c)
        case 1: return (c, -s)
        case 2: return (-s, -c)
        default: return (-c, s)
        }
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
