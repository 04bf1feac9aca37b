import TestSupport
import GeoTypes
@testable import SpatialIndex

/// The reference the index must equal: an exhaustive scan with Karney distances.
enum BruteForce {
    static func all(_ points: [Coordinate], from q: Coordinate, masks: [UInt64]?, required: UInt64,
                    accept: (Int32) -> Bool) -> [Neighbor] {
        var out = [Neighbor]()
        for (i, p) in points.enumerated() {
            let rank = Int32(i)
            guard (masks?[i] ?? 0) & required == required, accept(rank) else { continue }
            out.append(Neighbor(rank: rank, distance: Geodesic.distance(from: q, to: p)))
        }
        return out.sorted()
    }

    static func nearest(_ points: [Coordinate], to q: Coordinate, k: Int, within: Double? = nil, masks: [UInt64]? = nil,
                        required: UInt64 = 0, accept: (Int32) -> Bool = { _ in true }) -> [Neighbor] {
        Array(all(points, from: q, masks: masks, required: required, accept: accept)
            .filter { $0.distance <= (within ?? .infinity) }.prefix(k))
    }

    static func within(_ points: [Coordinate], radius: Double, of q: Coordinate, masks: [UInt64]? = nil,
                       required: UInt64 = 0, accept: (Int32) -> Bool = { _ in true }) -> [Neighbor] {
        all(points, from: q, masks: masks, required: required, accept: accept).filter { $0.distance <= radius }
    }
}

/// The index's answer equals the brute-force one: the same ranks in the same order, each distance
/// within the series error bound of Karney's (equal where Karney decided a near-tie).
func same(_ got: [Neighbor], _ want: [Neighbor]) -> Bool {
    got.count == want.count
        && zip(got, want).allSatisfy { $0.rank == $1.rank && abs($0.distance - $1.distance) <= ShortGeodesic.errorBound }
}


/// Seeded point sets of different shapes.
enum Scenario: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case global, aalborgClusters, duplicates, antimeridian, polar, greenland

    var testDescription: String { rawValue }

    func points(count: Int, seed: UInt64) -> [Coordinate] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in point(&rng) }
    }

    func point(_ rng: inout SeededGenerator) -> Coordinate {
        switch self {
        case .global:
            // Uniform on the sphere (not in lat), so the poles get their share.
            let z = Double.random(in: -1...1, using: &rng)
            return Coordinate(lon: .random(in: -180...180, using: &rng), lat: asin(z) * 180 / .pi)
        case .aalborgClusters:
            let towns = [(9.92, 57.05), (9.63, 56.99), (10.07, 57.12), (9.45, 56.85), (9.80, 57.20)]
            let t = towns[Int.random(in: 0..<towns.count, using: &rng)]
            return Coordinate(lon: t.0 + .random(in: -0.05...0.05, using: &rng), lat: t.1 + .random(in: -0.03...0.03, using: &rng))
        case .duplicates:
            // Few distinct positions, many points on each: ties must break by rank.
            let k = Int.random(in: 0..<12, using: &rng)
            return Coordinate(lon: 9.9 + Double(k % 4) * 0.01, lat: 57.0 + Double(k / 4) * 0.01)
        case .antimeridian:
            let lon = Double.random(in: 177...183, using: &rng)
            return Coordinate(lon: lon > 180 ? lon - 360 : lon, lat: .random(in: -20...20, using: &rng))
        case .polar:
            let sign: Double = Bool.random(using: &rng) ? 1 : -1
            return Coordinate(lon: .random(in: -180...180, using: &rng), lat: sign * .random(in: 85...90, using: &rng))
        case .greenland:
            return Coordinate(lon: .random(in: -73...(-12), using: &rng), lat: .random(in: 59...84, using: &rng))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
