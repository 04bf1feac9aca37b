import Analysis
import Foundation
import GeoTypes

/// Seeded synthetic facilities shaped like Aalborg Kommune: most in the city, the rest clustered in
/// towns and villages around 57.05N 9.92E, with attribute bits for kind and accessibility.
struct AalborgSynthetic {
    /// Attribute bits of the synthetic facilities.
    static let villageHall: UInt64 = 1 << 0
    static let wheelchair: UInt64 = 1 << 1

    struct Settlement {
        var name: String, lon: Double, lat: Double
        /// Share of facilities and queries.
        var weight: Double
        /// Standard deviation of the scatter, metres.
        var spread: Double
    }

    /// The city and larger towns (approximate centres), then seeded villages.
    static let towns: [Settlement] = [
        Settlement(name: "Aalborg", lon: 9.9187, lat: 57.048, weight: 40, spread: 2500),
        Settlement(name: "Nørresundby", lon: 9.923, lat: 57.066, weight: 8, spread: 1200),
        Settlement(name: "Svenstrup", lon: 9.853, lat: 56.975, weight: 3, spread: 700),
        Settlement(name: "Nibe", lon: 9.638, lat: 56.982, weight: 3, spread: 700),
        Settlement(name: "Storvorde", lon: 10.100, lat: 57.003, weight: 2, spread: 600),
        Settlement(name: "Vodskov", lon: 10.025, lat: 57.104, weight: 3, spread: 600),
        Settlement(name: "Gistrup", lon: 9.990, lat: 56.997, weight: 2, spread: 600),
        Settlement(name: "Klarup", lon: 10.057, lat: 57.013, weight: 2, spread: 600),
        Settlement(name: "Vadum", lon: 9.858, lat: 57.118, weight: 2, spread: 500),
        Settlement(name: "Hals", lon: 10.309, lat: 56.996, weight: 2, spread: 600),
        Settlement(name: "Sulsted", lon: 9.960, lat: 57.160, weight: 1, spread: 400),
        Settlement(name: "Vestbjerg", lon: 9.960, lat: 57.130, weight: 1, spread: 400),
        Settlement(name: "Frejlev", lon: 9.817, lat: 57.004, weight: 1, spread: 400),
    ]

    let settlements: [Settlement]
    private let cumulative: [Double]

    /// - Parameter seed: seeds the village placement.
    init(seed: UInt64) {
        var rng = SplitMix64(seed: seed ^ 0xA11B0)
        var all = Self.towns
        for i in 0..<80 {
            all.append(Settlement(name: "village \(i)", lon: .random(in: 9.45...10.45, using: &rng),
                                  lat: .random(in: 56.84...57.25, using: &rng), weight: 0.25, spread: 250))
        }
        settlements = all
        var sum = 0.0
        cumulative = all.map { sum += $0.weight; return sum }
    }

    /// A point drawn from the settlement mixture (Gaussian scatter around a weighted settlement).
    func point(using rng: inout SplitMix64) -> Coordinate {
        let u = Double.random(in: 0..<cumulative.last!, using: &rng)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        let s = settlements[lo]
        let (gx, gy) = gaussianPair(using: &rng)
        let metresPerDegreeLat = 111_320.0
        let metresPerDegreeLon = metresPerDegreeLat * cos(s.lat * .pi / 180)
        return Coordinate(lon: s.lon + gx * s.spread / metresPerDegreeLon, lat: s.lat + gy * s.spread / metresPerDegreeLat)
    }

    /// A query point: 70 % where people live, 30 % anywhere in the municipality's box.
    func queryPoint(using rng: inout SplitMix64) -> Coordinate {
        if Double.random(in: 0..<1, using: &rng) < 0.7 { return point(using: &rng) }
        return Coordinate(lon: .random(in: 9.45...10.45, using: &rng), lat: .random(in: 56.84...57.25, using: &rng))
    }

    /// Attribute mask: village hall with probability 0.2, wheelchair access 0.5, independent (10 % both).
    func attributes(using rng: inout SplitMix64) -> UInt64 {
        (Double.random(in: 0..<1, using: &rng) < 0.2 ? Self.villageHall : 0)
            | (Bool.random(using: &rng) ? Self.wheelchair : 0)
    }

    private func gaussianPair(using rng: inout SplitMix64) -> (Double, Double) {
        let u1 = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng)
        let u2 = Double.random(in: 0..<1, using: &rng)
        let r = (-2 * log(u1)).squareRoot()
        return (r * cos(2 * .pi * u2), r * sin(2 * .pi * u2))
    }
}

/// The seeded generator of every suite: the one the siting search uses.
typealias SplitMix64 = Analysis.SplitMix64
