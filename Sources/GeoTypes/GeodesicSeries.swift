#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif


/// Six coefficients of a trigonometric series, indexed 1...6 (stored without heap allocation).
struct Series6 {
    var c1 = 0.0, c2 = 0.0, c3 = 0.0, c4 = 0.0, c5 = 0.0, c6 = 0.0

    /// Sum of `c_k * sin(2 k x)` for k = 1...6 by Clenshaw summation, given sin x and cos x.
    @inline(__always)
    func sinSum(_ sinx: Double, _ cosx: Double) -> Double {
        let ar = 2 * (cosx - sinx) * (cosx + sinx)   // 2 cos 2x
        var b1 = 0.0, b2 = 0.0
        var t: Double
        t = c6 + ar * b1 - b2; b2 = b1; b1 = t
        t = c5 + ar * b1 - b2; b2 = b1; b1 = t
        t = c4 + ar * b1 - b2; b2 = b1; b1 = t
        t = c3 + ar * b1 - b2; b2 = b1; b1 = t
        t = c2 + ar * b1 - b2; b2 = b1; b1 = t
        t = c1 + ar * b1 - b2
        return 2 * sinx * cosx * t                   // sin 2x * b1
    }
}

/// The series of Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43-55, expanded to
/// sixth order in the small parameters n (third flattening) and epsilon (eq. 16).
enum GeodesicSeries {
    /// A1 - 1 (eq. 17): A1 = (1 + eps^2/4 + eps^4/64 + eps^6/256) / (1 - eps).
    @inline(__always)
    static func a1m1(_ eps: Double) -> Double {
        let e2 = eps * eps
        let t = e2 * (e2 * (e2 + 4) + 64) / 256
        return (t + eps) / (1 - eps)
    }

    /// C1 coefficients (eq. 18).
    @inline(__always)
    static func c1(_ eps: Double) -> Series6 {
        let e2 = eps * eps
        var d = eps
        var s = Series6()
        s.c1 = d * (e2 * (6 - e2) - 16) / 32          // -e/2 + 3e^3/16 - e^5/32
        d *= eps
        s.c2 = d * (e2 * (64 - 9 * e2) - 128) / 2048  // -e^2/16 + e^4/32 - 9e^6/2048
        d *= eps
        s.c3 = d * (9 * e2 - 16) / 768                // -e^3/48 + 3e^5/256
        d *= eps
        s.c4 = d * (3 * e2 - 5) / 512                 // -5e^4/512 + 3e^6/512
        d *= eps
        s.c5 = -7 * d / 1280
        d *= eps
        s.c6 = -7 * d / 2048
        return s
    }

    /// C1' coefficients (eq. 21), the reversion of the C1 series.
    @inline(__always)
    static func c1p(_ eps: Double) -> Series6 {
        let e2 = eps * eps
        var d = eps
        var s = Series6()
        s.c1 = d * (e2 * (205 * e2 - 432) + 768) / 1536     // e/2 - 9e^3/32 + 205e^5/1536
        d *= eps
        s.c2 = d * (e2 * (4005 * e2 - 4736) + 3840) / 12288 // 5e^2/16 - 37e^4/96 + 1335e^6/4096
        d *= eps
        s.c3 = d * (116 - 225 * e2) / 384                   // 29e^3/96 - 75e^5/128
        d *= eps
        s.c4 = d * (2695 - 7173 * e2) / 7680                // 539e^4/1536 - 2391e^6/2560
        d *= eps
        s.c5 = 3467 * d / 7680
        d *= eps
        s.c6 = 38081 * d / 61440
        return s
    }

    /// A2 - 1 (eq. 42): A2 = (1 - eps)(1 + eps^2/4 + 9 eps^4/64 + 25 eps^6/256).
    @inline(__always)
    static func a2m1(_ eps: Double) -> Double {
        let e2 = eps * eps
        let t = e2 * (e2 * (25 * e2 + 36) + 64) / 256
        return (1 - eps) * (1 + t) - 1
    }

    /// C2 coefficients (eq. 43).
    @inline(__always)
    static func c2(_ eps: Double) -> Series6 {
        let e2 = eps * eps
        var d = eps
        var s = Series6()
        s.c1 = d * (e2 * (e2 + 2) + 16) / 32            // e/2 + e^3/16 + e^5/32
        d *= eps
        s.c2 = d * (e2 * (35 * e2 + 64) + 384) / 2048   // 3e^2/16 + e^4/32 + 35e^6/2048
        d *= eps
        s.c3 = d * (15 * e2 + 80) / 768                 // 5e^3/48 + 5e^5/256
        d *= eps
        s.c4 = d * (7 * e2 + 35) / 512                 // 35e^4/512 + 7e^6/512
        d *= eps
        s.c5 = 63 * d / 1280
        d *= eps
        s.c6 = 77 * d / 2048
        return s
    }

    /// Coefficients of A3 (eq. 24) as polynomials in n, for eps^0 ... eps^5.
    static func a3Coefficients(n: Double) -> [Double] {
        [
            1,
            (n - 1) / 2,
            (n * (3 * n - 1) - 2) / 8,
            (n * (-n - 3) - 1) / 16,
            (-2 * n - 3) / 64,
            -3.0 / 128,
        ]
    }

    /// Coefficients of C3_l (eq. 25) as polynomials in n: for l = 1...5, the coefficients of
    /// eps^l ... eps^5, flattened (5 + 4 + 3 + 2 + 1 = 15 values).
    static func c3Coefficients(n: Double) -> [Double] {
        let n2 = n * n
        return [
            // C3_1: eps^1 ... eps^5
            (1 - n) / 4, (1 - n2) / 8, (3 + 3 * n - n2) / 64, (5 + 2 * n) / 128, 3.0 / 128,
            // C3_2: eps^2 ... eps^5
            (2 - 3 * n + n2) / 32, (3 - 2 * n - 3 * n2) / 64, (3 + n) / 128, 5.0 / 256,
            // C3_3: eps^3 ... eps^5
            (5 - 9 * n + 5 * n2) / 192, (9 - 10 * n) / 384, 7.0 / 512,
            // C3_4: eps^4, eps^5
            (7 - 14 * n) / 512, 7.0 / 512,
            // C3_5: eps^5
            21.0 / 2560,
        ]
    }

    /// Solves the astroid equation k^4 + 2k^3 - (x^2 + y^2 - 1)k^2 - 2y^2 k - y^2 = 0 for its
    /// non-negative root (Karney 2013, eq. 55), used to start Newton's method for nearly antipodal points.
    static func astroid(_ x: Double, _ y: Double) -> Double {
        let p = x * x, q = y * y
        let r = (p + q - 1) / 6
        guard !(q == 0 && r <= 0) else { return 0 }
        let s = p * q / 4
        let r2 = r * r, r3 = r * r2
        let disc = s * (s + 2 * r3)
        var u = r
        if disc >= 0 {
            var t3 = s + r3
            t3 += t3 < 0 ? -disc.squareRoot() : disc.squareRoot()
            let t = cbrt(t3)
            u += t + (t != 0 ? r2 / t : 0)
        } else {
            let ang = atan2((-disc).squareRoot(), -(s + r3))
            u += 2 * r * cos(ang / 3)
        }
        let v = (u * u + q).squareRoot()
        let uv = u < 0 ? q / (v - u) : u + v
        let w = (uv - q) / (2 * v)
        return uv / ((uv + w * w).squareRoot() + w)
    }
}
