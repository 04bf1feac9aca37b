#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif


/// An ellipsoid of revolution with the constants Karney's geodesic algorithms need, precomputed.
///
/// Internal: the public entry point is ``Geodesic`` (WGS84). Lengths are in metres.
struct GeodesicSolver: Sendable {
    let a: Double, f: Double, f1: Double, e2: Double, ep2: Double, n: Double, b: Double
    let etol2: Double
    let a3x: (Double, Double, Double, Double, Double, Double)
    let c3x: C3Coefficients

    static let wgs84 = GeodesicSolver(a: 6_378_137, f: 1 / 298.257223563)

    // Tolerances of Karney's method, as literals so that they cost nothing in hot loops.
    /// Machine epsilon, 2^-52.
    static var tol0: Double { 2.220446049250313e-16 }
    static var tol1: Double { 200 * tol0 }
    /// sqrt(tol0) = 2^-26.
    static var tol2: Double { 1.4901161193847656e-08 }
    static var tolb: Double { tol0 * tol2 }
    static var xthresh: Double { 1000 * tol2 }
    /// sqrt(smallest normal double) = 2^-511.
    static var tiny: Double { 1.4916681462400413e-154 }
    static var maxit1: Int { 20 }
    static var maxit2: Int { maxit1 + 53 + 10 }

    init(a: Double, f: Double) {
        self.a = a
        self.f = f
        f1 = 1 - f
        e2 = f * (2 - f)
        ep2 = e2 / (f1 * f1)
        n = f / (2 - f)
        b = a * f1
        etol2 = 0.1 * Self.tol2 / (max(0.001, abs(f)) * min(1, 1 - f / 2) / 2).squareRoot()
        let a3 = GeodesicSeries.a3Coefficients(n: n)
        a3x = (a3[0], a3[1], a3[2], a3[3], a3[4], a3[5])
        c3x = C3Coefficients(GeodesicSeries.c3Coefficients(n: n))
    }

    /// A3(eps) (Karney eq. 24).
    @inline(__always)
    func a3f(_ eps: Double) -> Double {
        let (p0, p1, p2, p3, p4, p5) = a3x
        return p0 + eps * (p1 + eps * (p2 + eps * (p3 + eps * (p4 + eps * p5))))
    }

    /// C3_l(eps) for l = 1...5 (Karney eq. 25); c6 stays 0.
    @inline(__always)
    func c3f(_ eps: Double) -> Series6 {
        let x = c3x
        let e2 = eps * eps, e3 = e2 * eps, e4 = e3 * eps, e5 = e4 * eps
        var s = Series6()
        s.c1 = eps * x.x0 + e2 * x.x1 + e3 * x.x2 + e4 * x.x3 + e5 * x.x4
        s.c2 = e2 * x.x5 + e3 * x.x6 + e4 * x.x7 + e5 * x.x8
        s.c3 = e3 * x.x9 + e4 * x.x10 + e5 * x.x11
        s.c4 = e4 * x.x12 + e5 * x.x13
        s.c5 = e5 * x.x14
        return s
    }

    /// The 15 coefficients of C3 for one ellipsoid, stored inline (no heap, no reference counting).
    struct C3Coefficients: Sendable {
        var x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14: Double
        init(_ v: [Double]) {
            (x0, x1, x2, x3, x4) = (v[0], v[1], v[2], v[3], v[4])
            (x5, x6, x7, x8, x9) = (v[5], v[6], v[7], v[8], v[9])
            (x10, x11, x12, x13, x14) = (v[10], v[11], v[12], v[13], v[14])
        }
    }

    /// Distance and/or reduced length (both divided by b) along a geodesic with parameter eps,
    /// between arc lengths sigma1 and sigma2 = sigma1 + sig12 (Karney eqs. 7, 38-41). Quantities not
    /// asked for are returned as NaN.
    @inline(__always)
    func lengths(eps: Double, sig12: Double,
                 ssig1: Double, csig1: Double, dn1: Double,
                 ssig2: Double, csig2: Double, dn2: Double,
                 wantDistance: Bool, wantReduced: Bool) -> (s12b: Double, m12b: Double) {
        let a1m1 = GeodesicSeries.a1m1(eps)
        let c1a = GeodesicSeries.c1(eps)
        let a1 = 1 + a1m1
        let b1 = c1a.sinSum(ssig2, csig2) - c1a.sinSum(ssig1, csig1)
        let s12b = wantDistance ? a1 * (sig12 + b1) : .nan
        guard wantReduced else { return (s12b, .nan) }
        let a2m1 = GeodesicSeries.a2m1(eps)
        let c2a = GeodesicSeries.c2(eps)
        let m0x = a1m1 - a2m1
        let a2 = 1 + a2m1
        let b2 = c2a.sinSum(ssig2, csig2) - c2a.sinSum(ssig1, csig1)
        let j12 = m0x * sig12 + (a1 * b1 - a2 * b2)
        let m12b = dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * j12
        return (s12b, m12b)
    }

    /// The longitude difference reached by the geodesic that leaves point 1 with azimuth alpha1 and
    /// meets the latitude of point 2, minus the wanted difference (Karney section 4),; see
    /// ``lambda12Derivative(_:sbet1:dn1:cbet2:dn2:)`` for the derivative.
    struct LambdaResult {
        var lam12 = 0.0
        var salp2 = 0.0, calp2 = 0.0, sig12 = 0.0
        var ssig1 = 0.0, csig1 = 0.0, ssig2 = 0.0, csig2 = 0.0, eps = 0.0
    }

    @inline(__always)
    func lambda12(sbet1: Double, cbet1: Double, dn1: Double,
                  sbet2: Double, cbet2: Double, dn2: Double,
                  salp1: Double, calp1 calp1In: Double,
                  slam120: Double, clam120: Double) -> LambdaResult {
        var r = LambdaResult()
        var calp1 = calp1In
        if sbet1 == 0 && calp1 == 0 {
            calp1 = -Self.tiny   // break the degeneracy of an equatorial line
        }
        let salp0 = salp1 * cbet1
        let calp0 = AngleMath.hyp(calp1, salp1 * sbet1)
        var ssig1 = sbet1, csig1 = calp1 * cbet1
        let somg1 = salp0 * sbet1, comg1 = calp1 * cbet1
        AngleMath.norm(&ssig1, &csig1)
        r.salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1
        if cbet2 != cbet1 || abs(sbet2) != -sbet1 {
            let t = cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2)
            r.calp2 = ((calp1 * cbet1) * (calp1 * cbet1) + t).squareRoot() / cbet2
        } else {
            r.calp2 = abs(calp1)
        }
        var ssig2 = sbet2, csig2 = r.calp2 * cbet2
        let somg2 = salp0 * sbet2, comg2 = r.calp2 * cbet2
        AngleMath.norm(&ssig2, &csig2)
        r.sig12 = atan2(max(0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2)
        let somg12 = max(0, comg1 * somg2 - somg1 * comg2)
        let comg12 = comg1 * comg2 + somg1 * somg2
        let eta = atan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120)
        let k2 = calp0 * calp0 * ep2
        let eps = k2 / (2 * (1 + (1 + k2).squareRoot()) + k2)
        let c3a = c3f(eps)
        let b312 = c3a.sinSum(ssig2, csig2) - c3a.sinSum(ssig1, csig1)
        let domg12 = -f * a3f(eps) * salp0 * (r.sig12 + b312)
        r.lam12 = eta + domg12
        r.ssig1 = ssig1; r.csig1 = csig1; r.ssig2 = ssig2; r.csig2 = csig2; r.eps = eps
        return r
    }

    /// d(lambda12)/d(alpha1) (Karney eq. 46) at the state `r` returned by lambda12; computed only when
    /// Newton's method takes another step, and the distance at the same time.
    @inline(__always)
    func lambda12Derivative(_ r: LambdaResult, sbet1: Double, dn1: Double, cbet2: Double, dn2: Double)
        -> (dlam12: Double, s12b: Double) {
        let l = lengths(eps: r.eps, sig12: r.sig12, ssig1: r.ssig1, csig1: r.csig1, dn1: dn1,
                        ssig2: r.ssig2, csig2: r.csig2, dn2: dn2, wantDistance: false, wantReduced: r.calp2 != 0)
        if r.calp2 == 0 { return (-2 * f1 * dn1 / sbet1, l.s12b) }
        return (l.m12b * f1 / (r.calp2 * cbet2), l.s12b)
    }
}
