#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif


extension GeodesicSolver {
    /// Karney's direct method (2013, section 3): the end point and azimuth of the geodesic that starts
    /// at (lat1, lon1) with azimuth azi1 (degrees) and runs s12 metres (may be negative).
    func direct(lat1: Double, lon1: Double, azi1: Double, s12: Double) -> (lat2: Double, lon2: Double, azi2: Double) {
        let (salp1, calp1) = AngleMath.sincosd(AngleMath.angRound(AngleMath.angNormalize(azi1)))
        var (sbet1, cbet1) = AngleMath.sincosd(AngleMath.angRound(lat1))
        sbet1 *= f1
        AngleMath.norm(&sbet1, &cbet1)
        cbet1 = max(Self.tiny, cbet1)

        let salp0 = salp1 * cbet1
        let calp0 = AngleMath.hyp(calp1, salp1 * sbet1)
        var ssig1 = sbet1
        let somg1 = salp0 * sbet1
        var csig1 = sbet1 != 0 || calp1 != 0 ? cbet1 * calp1 : 1
        let comg1 = csig1
        AngleMath.norm(&ssig1, &csig1)

        let k2 = calp0 * calp0 * ep2
        let eps = k2 / (2 * (1 + (1 + k2).squareRoot()) + k2)
        let a1m1 = GeodesicSeries.a1m1(eps)
        let c1a = GeodesicSeries.c1(eps)
        let c1pa = GeodesicSeries.c1p(eps)
        let b11 = c1a.sinSum(ssig1, csig1)
        let sb11 = sin(b11), cb11 = cos(b11)
        let stau1 = ssig1 * cb11 + csig1 * sb11
        let ctau1 = csig1 * cb11 - ssig1 * sb11
        let a3c = -f * salp0 * a3f(eps)
        let c3a = c3f(eps)
        let b31 = c3a.sinSum(ssig1, csig1)

        // Distance -> arc length via the reverted series (eq. 20).
        let tau12 = s12 / (b * (1 + a1m1))
        let st = sin(tau12), ct = cos(tau12)
        let b12 = -c1pa.sinSum(stau1 * ct + ctau1 * st, ctau1 * ct - stau1 * st)
        let sig12 = tau12 - (b12 - b11)
        let ssig12 = sin(sig12), csig12 = cos(sig12)

        let ssig2 = ssig1 * csig12 + csig1 * ssig12
        var csig2 = csig1 * csig12 - ssig1 * ssig12
        let sbet2 = calp0 * ssig2
        var cbet2 = AngleMath.hyp(salp0, calp0 * csig2)
        if cbet2 == 0 {
            cbet2 = Self.tiny
            csig2 = Self.tiny
        }
        let salp2 = salp0, calp2 = calp0 * csig2
        let somg2 = salp0 * ssig2, comg2 = csig2
        let e: Double = salp0 < 0 ? -1 : 1
        let omg12 = e * (sig12 - (atan2(ssig2, csig2) - atan2(ssig1, csig1))
                         + (atan2(e * somg2, comg2) - atan2(e * somg1, comg1)))
        let lam12 = omg12 + a3c * (sig12 + (c3a.sinSum(ssig2, csig2) - b31))
        let lon12 = lam12 / AngleMath.degree
        let lon2 = AngleMath.angNormalize(AngleMath.angNormalize(lon1) + AngleMath.angNormalize(lon12))
        let lat2 = AngleMath.atan2d(sbet2, f1 * cbet2)
        let azi2 = AngleMath.atan2d(salp2, calp2)
        return (lat2, lon2, azi2)
    }
}
