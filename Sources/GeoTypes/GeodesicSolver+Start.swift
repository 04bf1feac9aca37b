#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif


extension GeodesicSolver {
    struct StartResult {
        /// Arc length when the short-line solution is already final, else -1.
        var sig12 = -1.0
        var salp1 = 0.0, calp1 = 0.0, salp2 = Double.nan, calp2 = Double.nan, dnm = Double.nan
    }

    /// A starting azimuth alpha1 for Newton's method (Karney section 5): the great-circle solution on
    /// an auxiliary sphere for most pairs, the astroid solution (eq. 55-57) for nearly antipodal ones.
    /// For very short lines the great-circle solution is returned as final (sig12 >= 0).
    func inverseStart(sbet1: Double, cbet1: Double, dn1: Double,
                      sbet2: Double, cbet2: Double, dn2: Double,
                      lam12: Double, slam12: Double, clam12: Double) -> StartResult {
        var r = StartResult()
        let sbet12 = sbet2 * cbet1 - cbet2 * sbet1
        let cbet12 = cbet2 * cbet1 + sbet2 * sbet1
        let sbet12a = sbet2 * cbet1 + cbet2 * sbet1
        let shortline = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5
        var somg12: Double, comg12: Double
        if shortline {
            var sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2)
            sbetm2 /= sbetm2 + (cbet1 + cbet2) * (cbet1 + cbet2)
            r.dnm = (1 + ep2 * sbetm2).squareRoot()
            let omg12 = lam12 / (f1 * r.dnm)
            (somg12, comg12) = AngleMath.sincos(omg12)
        } else {
            somg12 = slam12; comg12 = clam12
        }
        r.salp1 = cbet2 * somg12
        r.calp1 = comg12 >= 0
            ? sbet12 + cbet2 * sbet1 * somg12 * somg12 / (1 + comg12)
            : sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12)
        let ssig12 = AngleMath.hyp(r.salp1, r.calp1)
        let csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12

        if shortline && ssig12 < etol2 {
            // Really short line: the spherical solution is accurate enough.
            r.salp2 = cbet1 * somg12
            r.calp2 = sbet12 - cbet1 * sbet2 * (comg12 >= 0 ? somg12 * somg12 / (1 + comg12) : 1 - comg12)
            AngleMath.norm(&r.salp2, &r.calp2)
            r.sig12 = atan2(ssig12, csig12)
        } else if abs(n) > 0.1 || csig12 >= 0 || ssig12 >= 6 * abs(n) * .pi * cbet1 * cbet1 {
            // Not nearly antipodal: keep the spherical start.
        } else {
            // Nearly antipodal: scale to the astroid problem (f > 0 branch; WGS84 and GRS80 are oblate).
            let lam12x = atan2(-slam12, -clam12)   // lam12 - pi
            let k2 = sbet1 * sbet1 * ep2
            let eps = k2 / (2 * (1 + (1 + k2).squareRoot()) + k2)
            let lamscale = f * cbet1 * a3f(eps) * .pi
            let betscale = lamscale * cbet1
            let x = lam12x / lamscale
            let y = sbet12a / betscale
            if y > -Self.tol1 && x > -1 - Self.xthresh {
                // Strip near the cut: alpha1 from x alone.
                r.salp1 = min(1, -x)
                r.calp1 = -(1 - r.salp1 * r.salp1).squareRoot()
            } else {
                let k = GeodesicSeries.astroid(x, y)
                let omg12a = lamscale * (-x * k / (1 + k))
                somg12 = sin(omg12a); comg12 = -cos(omg12a)
                r.salp1 = cbet2 * somg12
                r.calp1 = sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12)
            }
        }
        if !(r.salp1 <= 0) {
            AngleMath.norm(&r.salp1, &r.calp1)
        } else {
            r.salp1 = 1; r.calp1 = 0
        }
        return r
    }
}
