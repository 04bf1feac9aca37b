#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif


extension GeodesicSolver {
    /// Solution of the inverse problem in the internal frame: distance in metres, and the azimuths
    /// as (sin, cos) pairs already mapped back to the caller's point order.
    struct InverseSolution {
        var s12: Double
        var salp1: Double, calp1: Double, salp2: Double, calp2: Double
    }

    /// Karney's inverse method (2013, sections 4-5): the shortest geodesic between two points given
    /// in degrees. Handles coincident, meridional, equatorial and nearly antipodal pairs.
    func inverse(lat1 latIn1: Double, lon1: Double, lat2 latIn2: Double, lon2: Double) -> InverseSolution {
        // Longitude difference, reduced to [-180, 180], then made non-negative.
        var lon12 = AngleMath.angDiff(lon1, lon2)
        var lonsign: Double = lon12.sign == .minus ? -1 : 1
        lon12 = lonsign * AngleMath.angRound(lon12)
        if lon12 == 180 && lonsign < 0 { lonsign = 1 }
        let lon12s = AngleMath.angRound(180 - lon12)
        let lam12 = lon12 * AngleMath.degree
        var slam12: Double, clam12: Double
        if lon12 > 90 {
            (slam12, clam12) = AngleMath.sincosd(lon12s)
            clam12 = -clam12
        } else {
            (slam12, clam12) = AngleMath.sincosd(lon12)
        }

        // Make |lat1| >= |lat2| and lat1 <= 0.
        var lat1 = AngleMath.angRound(latIn1), lat2 = AngleMath.angRound(latIn2)
        let swapp: Double = abs(lat1) < abs(lat2) ? -1 : 1
        if swapp < 0 {
            lonsign = -lonsign
            swap(&lat1, &lat2)
        }
        let latsign: Double = lat1 < 0 ? 1 : -1
        lat1 *= latsign
        lat2 *= latsign

        var (sbet1, cbet1) = AngleMath.sincosd(lat1)
        sbet1 *= f1
        AngleMath.norm(&sbet1, &cbet1)
        cbet1 = max(Self.tiny, cbet1)
        var (sbet2, cbet2) = AngleMath.sincosd(lat2)
        sbet2 *= f1
        AngleMath.norm(&sbet2, &cbet2)
        cbet2 = max(Self.tiny, cbet2)

        // Equal |beta| must compare equal after rounding (so the symmetric cases are exact).
        if cbet1 < -sbet1 {
            if cbet2 == cbet1 { sbet2 = sbet2 < 0 ? sbet1 : -sbet1 }
        } else {
            if abs(sbet2) == -sbet1 { cbet2 = cbet1 }
        }
        let dn1 = (1 + ep2 * sbet1 * sbet1).squareRoot()
        let dn2 = (1 + ep2 * sbet2 * sbet2).squareRoot()

        var salp1 = 0.0, calp1 = 0.0, salp2 = 0.0, calp2 = 0.0
        var s12x = 0.0
        var meridian = lat1 == -90 || slam12 == 0

        if meridian {
            // Along a meridian (or from a pole): alpha1 = lam12, alpha2 = 0.
            calp1 = clam12; salp1 = slam12
            calp2 = 1; salp2 = 0
            let ssig1 = sbet1, csig1 = calp1 * cbet1
            let ssig2 = sbet2, csig2 = calp2 * cbet2
            var sig12 = atan2(max(0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2)
            let l = lengths(eps: n, sig12: sig12, ssig1: ssig1, csig1: csig1, dn1: dn1,
                            ssig2: ssig2, csig2: csig2, dn2: dn2, wantDistance: true, wantReduced: true)
            // A meridional geodesic with sig12 > pi/2 and m12 < 0 is not a shortest path.
            if sig12 < 1 || l.m12b >= 0 {
                if sig12 < 3 * Self.tiny { sig12 = 0; s12x = 0 } else { s12x = l.s12b * b }
            } else {
                meridian = false
            }
        }

        if !meridian && sbet1 == 0 && (f <= 0 || lon12s >= f * 180) {
            // Along the equator, when that is the shortest way round.
            calp1 = 0; calp2 = 0; salp1 = 1; salp2 = 1
            s12x = a * lam12
        } else if !meridian {
            let start = inverseStart(sbet1: sbet1, cbet1: cbet1, dn1: dn1, sbet2: sbet2, cbet2: cbet2, dn2: dn2,
                                     lam12: lam12, slam12: slam12, clam12: clam12)
            salp1 = start.salp1; calp1 = start.calp1
            if start.sig12 >= 0 {
                // Short line, solved on the auxiliary sphere scaled by dnm.
                s12x = start.sig12 * b * start.dnm
                salp2 = start.salp2; calp2 = start.calp2
            } else {
                s12x = newton(sbet1: sbet1, cbet1: cbet1, dn1: dn1, sbet2: sbet2, cbet2: cbet2, dn2: dn2,
                              slam12: slam12, clam12: clam12,
                              salp1: &salp1, calp1: &calp1, salp2: &salp2, calp2: &calp2)
            }
        }

        // Map back to the caller's order and signs.
        if swapp < 0 {
            swap(&salp1, &salp2)
            swap(&calp1, &calp2)
        }
        salp1 *= swapp * lonsign; calp1 *= swapp * latsign
        salp2 *= swapp * lonsign; calp2 *= swapp * latsign
        return InverseSolution(s12: 0 + s12x, salp1: salp1, calp1: calp1, salp2: salp2, calp2: calp2)
    }

    /// Newton's method on alpha1 with a bracketing bisection fallback (Karney section 4); returns the
    /// distance in metres and leaves the converged azimuths in the inout parameters.
    private func newton(sbet1: Double, cbet1: Double, dn1: Double, sbet2: Double, cbet2: Double, dn2: Double,
                        slam12: Double, clam12: Double,
                        salp1: inout Double, calp1: inout Double,
                        salp2: inout Double, calp2: inout Double) -> Double {
        var tripn = false, tripb = false
        var salp1a = Self.tiny, calp1a = 1.0, salp1b = Self.tiny, calp1b = -1.0
        var last = LambdaResult()
        var numit = 0
        while numit < Self.maxit2 {
            defer { numit += 1 }
            last = lambda12(sbet1: sbet1, cbet1: cbet1, dn1: dn1, sbet2: sbet2, cbet2: cbet2, dn2: dn2,
                            salp1: salp1, calp1: calp1, slam120: slam12, clam120: clam12)
            let v = last.lam12
            if tripb || !(abs(v) >= (tripn ? 8 : 1) * Self.tol0) { break }
            // Update the bracket [alpha1a, alpha1b] that contains the root.
            if v > 0 && (numit > Self.maxit1 || calp1 / salp1 > calp1b / salp1b) {
                salp1b = salp1; calp1b = calp1
            } else if v < 0 && (numit > Self.maxit1 || calp1 / salp1 < calp1a / salp1a) {
                salp1a = salp1; calp1a = calp1
            }
            let dlam12 = numit < Self.maxit1
                ? lambda12Derivative(last, sbet1: sbet1, dn1: dn1, cbet2: cbet2, dn2: dn2).dlam12 : 0
            if numit < Self.maxit1 && dlam12 > 0 {
                let dalp1 = -v / dlam12
                if abs(dalp1) < .pi {
                    let (sdalp1, cdalp1) = AngleMath.sincos(dalp1)
                    let nsalp1 = salp1 * cdalp1 + calp1 * sdalp1
                    if nsalp1 > 0 {
                        calp1 = calp1 * cdalp1 - salp1 * sdalp1
                        salp1 = nsalp1
                        AngleMath.norm(&salp1, &calp1)
                        tripn = abs(v) <= 16 * Self.tol0
                        continue
                    }
                }
            }
            // Newton failed to stay in range: bisect the bracket.
            salp1 = (salp1a + salp1b) / 2
            calp1 = (calp1a + calp1b) / 2
            AngleMath.norm(&salp1, &calp1)
            tripn = false
            tripb = abs(salp1a - salp1) + (calp1a - calp1) < Self.tolb
                || abs(salp1 - salp1b) + (calp1 - calp1b) < Self.tolb
        }
        salp2 = last.salp2; calp2 = last.calp2
        let l = lengths(eps: last.eps, sig12: last.sig12, ssig1: last.ssig1, csig1: last.csig1, dn1: dn1,
                        ssig2: last.ssig2, csig2: last.csig2, dn2: dn2, wantDistance: true, wantReduced: false)
        return l.s12b * b
    }
}
