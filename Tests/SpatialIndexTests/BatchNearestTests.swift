import TestSupport
import Testing
import GeoTypes
@testable import SpatialIndex

/// The batch nearest search answers exactly as the per-point search (same rank, bit-identical
/// distance) and as an exhaustive Karney scan (same rank, distance within the series bound).
@Suite("GeodesicIndex batch nearest equals the per-point search and brute force")
struct BatchNearestTests {
    /// Query points for a scenario: fresh draws, copies of facilities (distance 0), repeated
    /// queries (duplicates), and points a few metres off facilities.
    static func queries(_ scenario: Scenario, facilities: [Coordinate], count: Int, seed: UInt64) -> [Coordinate] {
        var rng = SeededGenerator(seed: seed)
        var out: [Coordinate] = []
        while out.count < count {
            switch Int.random(in: 0 ..< 10, using: &rng) {
            case 0: out.append(facilities[Int.random(in: 0 ..< facilities.count, using: &rng)])
            case 1 where !out.isEmpty: out.append(out[Int.random(in: 0 ..< out.count, using: &rng)])
            case 2:
                let f = facilities[Int.random(in: 0 ..< facilities.count, using: &rng)]
                out.append(Coordinate(lon: f.lon + .random(in: -1e-4 ... 1e-4, using: &rng),
                                      lat: max(-90, min(90, f.lat + .random(in: -1e-4 ... 1e-4, using: &rng)))))
            default: out.append(scenario.point(&rng))
            }
        }
        return out
    }

    /// Checks batch against per-point for every query, and against brute force for every `stride`-th.
    static func check(_ index: GeodesicIndex, facilities: [Coordinate], queries: [Coordinate], within: Double? = nil,
                      masks: [UInt64]? = nil, required: UInt64 = 0, accept: @escaping (Int32) -> Bool = { _ in true },
                      bruteStride: Int = 7, _ label: String) {
        let batch = index.nearestNeighbors(lons: queries.map(\.lon), lats: queries.map(\.lat), within: within,
                                           requiring: required, where: accept)
        #expect(batch.ranks.count == queries.count && batch.distances.count == queries.count)
        var mismatches = 0
        for (i, q) in queries.enumerated() {
            let one = index.nearestNeighbor(to: q, within: within, requiring: required, where: accept)
            let same = one.map { $0.rank == batch.ranks[i] && $0.distance.bitPattern == batch.distances[i].bitPattern }
                ?? (batch.ranks[i] == -1 && batch.distances[i] == .infinity)
            if !same {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("\(label): query \(i) \(q): per-point \(String(describing: one)), batch \(batch.ranks[i]) at \(batch.distances[i])")
                }
            }
            // Brute force only for real coordinates (the reference has no answer for NaN or infinite input).
            if i % bruteStride == 0, q.lon.isFinite, abs(q.lat) <= 90 {
                let want = BruteForce.nearest(facilities, to: q, k: 1, within: within, masks: masks, required: required,
                                              accept: accept).first
                #expect(want?.rank ?? -1 == batch.ranks[i], "\(label): brute force rank at \(q)")
                if let want { #expect(abs(want.distance - batch.distances[i]) <= ShortGeodesic.errorBound) }
            }
        }
        #expect(mismatches == 0, "\(label): \(mismatches) of \(queries.count) differ")
    }

    @Test("Every scenario, unfiltered and filtered", arguments: Scenario.allCases)
    func scenarios(_ scenario: Scenario) {
        let facilities = scenario.points(count: 400, seed: 11)
        var rng = SeededGenerator(seed: 12)
        let masks: [UInt64] = facilities.indices.map { _ in
            (UInt64.random(in: 0 ..< 10, using: &rng) == 0 ? 1 : 0) | (Bool.random(using: &rng) ? 2 : 0)
        }
        let index = GeodesicIndex(points: facilities, attributes: masks)
        let queries = Self.queries(scenario, facilities: facilities, count: 1_500, seed: 13)
        Self.check(index, facilities: facilities, queries: queries, masks: masks, "\(scenario)")
        Self.check(index, facilities: facilities, queries: queries, masks: masks, required: 3, "\(scenario) required 3")
        Self.check(index, facilities: facilities, queries: queries, masks: masks, required: 1, accept: { $0 % 3 == 1 },
                   "\(scenario) required 1, rank % 3 == 1")
        Self.check(index, facilities: facilities, queries: queries, masks: masks, accept: { _ in false }, "\(scenario) none")
        Self.check(index, facilities: facilities, queries: queries, masks: masks, required: 4, "\(scenario) no mask matches")
        for radius in [0.0, 150, 2_000, 95_000] {
            Self.check(index, facilities: facilities, queries: queries, within: radius, masks: masks, "\(scenario) within \(radius)")
        }
    }

    @Test("Dense Aalborg-like demand against a few hundred facilities, with sub-ranges")
    func denseClusters() {
        let facilities = Scenario.aalborgClusters.points(count: 300, seed: 21)
        let queries = Scenario.aalborgClusters.points(count: 30_000, seed: 22)
        let index = GeodesicIndex(points: facilities)
        Self.check(index, facilities: facilities, queries: queries, bruteStride: 97, "dense")
        let lons = queries.map(\.lon), lats = queries.map(\.lat)
        let whole = index.nearestNeighbors(lons: lons, lats: lats)
        for range in [0 ..< 0, 0 ..< 1, 100 ..< 17_000, 17_000 ..< 30_000] {
            let part = index.nearestNeighbors(lons: lons, lats: lats, in: range)
            #expect(part.ranks == Array(whole.ranks[range]))
            #expect(part.distances.map(\.bitPattern) == whole.distances[range].map(\.bitPattern))
        }
    }

    @Test("Exact ties: equal chords, equal distances, duplicate facilities, near-ties within the series error")
    func ties() {
        // Mirror pairs about the query meridian: equal chords from every point on it, different positions.
        var facilities: [Coordinate] = []
        for k in 1 ... 20 {
            let d = Double(k) * 0.003
            facilities.append(Coordinate(lon: 10 + d, lat: 57 + Double(k) * 0.001))
            facilities.append(Coordinate(lon: 10 - d, lat: 57 + Double(k) * 0.001))
        }
        // Mirror pairs about the meridian 0 and the equator (ECEF planes y = 0 and z = 0): bit-equal chords.
        for k in 1 ... 10 {
            let d = Double(k) * 0.002
            facilities += [Coordinate(lon: d, lat: 30 + d), Coordinate(lon: -d, lat: 30 + d),
                           Coordinate(lon: 20 + d, lat: d), Coordinate(lon: 20 + d, lat: -d)]
        }
        // Duplicates (same position, several ranks) and a pair a few micrometres apart.
        facilities += Array(repeating: Coordinate(lon: 9.5, lat: 56.9), count: 3)
        facilities.append(Coordinate(lon: 9.6, lat: 56.95))
        facilities.append(Coordinate(lon: 9.6 + 5e-11, lat: 56.95))
        var queries: [Coordinate] = []
        for k in 0 ... 400 { queries.append(Coordinate(lon: 10, lat: 56.99 + Double(k) * 0.0001)) }
        for k in 0 ... 100 { queries.append(Coordinate(lon: 9.5 + Double(k) * 1e-4, lat: 56.9 - Double(k) * 1e-4)) }
        for k in 0 ... 100 { queries.append(Coordinate(lon: 9.6 + Double(k - 50) * 1e-6, lat: 56.95 + Double(k) * 1e-3)) }
        for k in 0 ... 100 { queries.append(Coordinate(lon: 0, lat: 30 + Double(k) * 0.0003)) }
        for k in 0 ... 100 { queries.append(Coordinate(lon: 20 + Double(k) * 0.0003, lat: 0)) }
        let index = GeodesicIndex(points: facilities)
        Self.check(index, facilities: facilities, queries: queries, bruteStride: 1, "ties")
        Self.check(index, facilities: facilities, queries: queries, accept: { $0 % 2 == 0 }, bruteStride: 1, "ties, even ranks")
    }

    @Test("Far and odd queries: Greenland and the antimeridian against Danish facilities, invalid coordinates")
    func farAndInvalid() {
        let facilities = Scenario.aalborgClusters.points(count: 200, seed: 31)
        var queries = Scenario.greenland.points(count: 300, seed: 32) + Scenario.antimeridian.points(count: 100, seed: 33)
            + Scenario.aalborgClusters.points(count: 300, seed: 34)
        queries += [Coordinate(lon: 9.9, lat: 91), Coordinate(lon: 9.9, lat: .nan), Coordinate(lon: .nan, lat: 57),
                    Coordinate(lon: 1e6, lat: 57), Coordinate(lon: .infinity, lat: 57), Coordinate(lon: 190, lat: 57.05),
                    Coordinate(lon: -170.08, lat: 57.05), Coordinate(lon: 0, lat: 90), Coordinate(lon: 0, lat: -90)]
        let index = GeodesicIndex(points: facilities)
        Self.check(index, facilities: facilities, queries: queries, bruteStride: 3, "far")
        Self.check(index, facilities: facilities, queries: queries, within: 100_000, bruteStride: 3, "far within 100 km")
        let empty = GeodesicIndex(points: [])
        let none = empty.nearestNeighbors(lons: queries.map(\.lon), lats: queries.map(\.lat))
        #expect(none.ranks.allSatisfy { $0 == -1 } && none.distances.allSatisfy { $0 == .infinity })
    }
}
