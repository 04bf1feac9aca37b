import TestSupport
import Foundation
@testable import Analysis

/// Great-circle distance on a sphere of the WGS84 mean radius. For generating test instances only:
/// production distances are exact geodesics from the spatial index.
func haversineMetres(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
    let r = 6_371_008.8, rad = Double.pi / 180
    let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
    let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * r * asin(min(1, sqrt(a)))
}

/// A seeded, clustered siting instance around Aalborg: towns of varying size, scattered rural
/// homes, and candidate sites mostly in or near towns.
struct RandomInstance {
    var demandLon: [Double] = [], demandLat: [Double] = [], weights: [Double] = [], rural: [Bool] = []
    var candidateLon: [Double] = [], candidateLat: [Double] = []

    init(seed: UInt64, demand: Int, candidates: Int, clusters: Int = 40) {
        var rng = SeededGenerator(seed: seed)
        let lonRange = 9.4 ... 10.6, latRange = 56.8 ... 57.2
        struct Town { var lon, lat, spread: Double; var big: Bool }
        let towns = (0 ..< max(1, clusters)).map { _ in
            Town(lon: Double.random(in: lonRange, using: &rng), lat: Double.random(in: latRange, using: &rng),
                 spread: Double.random(in: 0.3 ... 2.5, using: &rng) / 111, big: Int.random(in: 0 ..< 5, using: &rng) == 0)
        }
        func gaussian(_ rng: inout SeededGenerator) -> Double {
            let u = Double.random(in: Double.ulpOfOne ... 1, using: &rng), v = Double.random(in: 0 ... 1, using: &rng)
            return sqrt(-2 * log(u)) * cos(2 * .pi * v)
        }
        func place(_ rng: inout SeededGenerator, scatter: Double) -> (Double, Double, Bool) {
            if Double.random(in: 0 ... 1, using: &rng) < scatter {
                return (Double.random(in: lonRange, using: &rng), Double.random(in: latRange, using: &rng), true)
            }
            // Bigger towns draw more points.
            let t = towns[Int(Double(towns.count) * pow(Double.random(in: 0 ..< 1, using: &rng), 1.6))]
            return (t.lon + gaussian(&rng) * t.spread * 1.8, t.lat + gaussian(&rng) * t.spread, !t.big)
        }
        for _ in 0 ..< demand {
            let (lon, lat, isRural) = place(&rng, scatter: 0.3)
            demandLon.append(lon); demandLat.append(lat); rural.append(isRural)
            weights.append(Double(Int.random(in: 1 ... 40, using: &rng)))
        }
        for _ in 0 ..< candidates {
            let (lon, lat, _) = place(&rng, scatter: 0.4)
            candidateLon.append(lon); candidateLat.append(lat)
        }
    }

    /// Per demand point, the candidates within its class's threshold (brute force).
    func coverage(rural ruralMetres: Double, urban urbanMetres: Double) -> SparseRows {
        var rows: [[Int]] = []
        rows.reserveCapacity(weights.count)
        for i in weights.indices {
            let t = rural[i] ? ruralMetres : urbanMetres
            var row: [Int] = []
            for j in candidateLon.indices
            where haversineMetres(lon1: demandLon[i], lat1: demandLat[i], lon2: candidateLon[j], lat2: candidateLat[j]) <= t {
                row.append(j)
            }
            rows.append(row)
        }
        return try! SparseRows(rows: rows, columnCount: candidateLon.count)
    }
}

/// Brute force: the best value over all combinations of exactly min(p, n) candidates.
func bruteForceBest(_ problem: CoverageProblem, p: Int) -> Double {
    let n = problem.candidateCount
    let k = min(p, n)
    var best = 0.0
    var combo = Array(0 ..< k)
    while true {
        var covered = Set<Int>()
        for j in combo { for i in problem.demandsReached.row(j) { covered.insert(Int(i)) } }
        best = max(best, covered.reduce(0) { $0 + problem.values[$1] })
        // Next combination in lexicographic order.
        var t = k - 1
        while t >= 0, combo[t] == n - k + t { t -= 1 }
        if t < 0 { break }
        combo[t] += 1
        for u in (t + 1) ..< k { combo[u] = combo[u - 1] + 1 }
    }
    return best
}

/// A random set system (not geographic): each candidate reaches each demand point with a random
/// density. Harder for greedy than clustered geography, so exact searches and bounds get exercised.
func randomSetSystem(seed: UInt64) throws -> CoverageProblem {
    var rng = SeededGenerator(seed: seed &* 31)
    let m = Int.random(in: 20 ... 40, using: &rng), n = Int.random(in: 8 ... 14, using: &rng)
    let density = Double.random(in: 0.12 ... 0.3, using: &rng)
    let rows = (0 ..< m).map { _ in (0 ..< n).filter { _ in Double.random(in: 0 ..< 1, using: &rng) < density } }
    return try CoverageProblem(candidatesReaching: SparseRows(rows: rows, columnCount: n),
                               weights: (0 ..< m).map { _ in Double(Int.random(in: 1 ... 9, using: &rng)) })
}
