#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif


/// Transverse Mercator by Krüger's series to sixth order in the third flattening n, as given by
/// C. F. F. Karney, "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85 (2011),
/// eqs. 35-36. Within a UTM zone the series error is far below a millimetre.
struct TransverseMercator: Sendable {
    let a: Double, f: Double, e: Double, e2: Double
    let k0: Double, lon0: Double, falseEasting: Double, falseNorthing: Double
    /// Rectifying radius A (eq. 14).
    let rectifyingRadius: Double
    let alpha: [Double]   // alpha_1...alpha_6 at indices 0...5
    let beta: [Double]

    init(a: Double, f: Double, k0: Double, lon0: Double, falseEasting: Double, falseNorthing: Double) {
        self.a = a; self.f = f; self.k0 = k0; self.lon0 = lon0
        self.falseEasting = falseEasting; self.falseNorthing = falseNorthing
        e2 = f * (2 - f)
        e = e2.squareRoot()
        let n = f / (2 - f)
        let n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n
        rectifyingRadius = a / (1 + n) * (1 + n2 / 4 + n4 / 64 + n6 / 256)
        alpha = [
            n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 + 7891 * n6 / 37800,
            13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 - 1_983_433 * n6 / 1_935_360,
            61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167_603 * n6 / 181_440,
            49561 * n4 / 161_280 - 179 * n5 / 168 + 6_601_661 * n6 / 7_257_600,
            34729 * n5 / 80640 - 3_418_889 * n6 / 1_995_840,
            212_378_941 * n6 / 319_334_400,
        ]
        beta = [
            n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360 - 81 * n5 / 512 + 96199 * n6 / 604_800,
            n2 / 48 + n3 / 15 - 437 * n4 / 1440 + 46 * n5 / 105 - 1_118_711 * n6 / 3_870_720,
            17 * n3 / 480 - 37 * n4 / 840 - 209 * n5 / 4480 + 5569 * n6 / 90720,
            4397 * n4 / 161_280 - 11 * n5 / 504 - 830_251 * n6 / 7_257_600,
            4583 * n5 / 161_280 - 108_847 * n6 / 3_991_680,
            20_648_693 * n6 / 638_668_800,
        ]
    }

    /// tan of the conformal latitude from tan of the geodetic latitude (Karney 2011, eqs. 7-9).
    func conformalTan(_ tau: Double) -> Double {
        let tau1 = (1 + tau * tau).squareRoot()
        let sig = sinh(e * atanh(e * tau / tau1))
        return tau * (1 + sig * sig).squareRoot() - sig * tau1
    }

    /// Geodetic (lon, lat) in degrees to (easting, northing) in metres.
    func forward(lon: Double, lat: Double) -> ProjectedPoint {
        let lam = (lon - lon0).remainder(dividingBy: 360) * AngleMath.degree
        let (sphi, cphi) = AngleMath.sincosd(lat)
        let taup = conformalTan(sphi / cphi)
        let clam = cos(lam), slam = sin(lam)
        let xip = atan2(taup, clam)
        let etap = asinh(slam / (taup * taup + clam * clam).squareRoot())
        var xi = xip, eta = etap
        for j in 1...6 {
            let t = 2 * Double(j)
            xi += alpha[j - 1] * sin(t * xip) * cosh(t * etap)
            eta += alpha[j - 1] * cos(t * xip) * sinh(t * etap)
        }
        let scale = k0 * rectifyingRadius
        return ProjectedPoint(easting: falseEasting + scale * eta, northing: falseNorthing + scale * xi)
    }

    /// (easting, northing) in metres to geodetic (lon, lat) in degrees.
    func inverse(_ p: ProjectedPoint) -> (lon: Double, lat: Double) {
        let scale = k0 * rectifyingRadius
        let xi = (p.northing - falseNorthing) / scale
        let eta = (p.easting - falseEasting) / scale
        var xip = xi, etap = eta
        for j in 1...6 {
            let t = 2 * Double(j)
            xip -= beta[j - 1] * sin(t * xi) * cosh(t * eta)
            etap -= beta[j - 1] * cos(t * xi) * sinh(t * eta)
        }
        let sxip = sin(xip), cxip = cos(xip), shetap = sinh(etap)
        let taup = sxip / (shetap * shetap + cxip * cxip).squareRoot()
        let lam = atan2(shetap, cxip)
        // Newton's method for tau from tau' (Karney 2011, eqs. 19-21); converges in 2-3 steps.
        var tau = taup
        for _ in 0..<8 {
            let taupi = conformalTan(tau)
            let dtau = (taup - taupi) * (1 + (1 - e2) * tau * tau)
                / ((1 - e2) * ((1 + taupi * taupi) * (1 + tau * tau)).squareRoot())
            tau += dtau
            if abs(dtau) < 1e-15 * max(1, abs(tau)) { break }
        }
        let lat = atan(tau) / AngleMath.degree
        let lon = AngleMath.angNormalize(lon0 + lam / AngleMath.degree)
        return (lon, lat)
    }
}
