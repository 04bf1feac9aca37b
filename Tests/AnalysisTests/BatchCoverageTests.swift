import TestSupport
import Facilities
import GeoTypes
import Testing
@testable import Analysis

/// The batch coverage path (``ProximityEngine/nearestQualifying(lons:lats:in:qualifying:within:)``
/// through ``CoverageAnalysis/run(threads:batch:)``) gives the same result as the per-point path.
@Suite("Batch coverage equals per-point coverage")
struct BatchCoverageTests {
    static func facilities(count: Int, seed: UInt64) -> [Facility] {
        var rng = SeededGenerator(seed: seed)
        let kinds: [FacilityKind] = [.villageHall, .school, .library, .sportsHall]
        return (0 ..< count).map { i in
            // Some share a position (ties broken by id); ids not in position order.
            let location = i % 17 == 5 ? Coordinate(lon: 9.92, lat: 57.05)
                : Coordinate(lon: .random(in: 9.5 ... 10.4, using: &rng), lat: .random(in: 56.85 ... 57.25, using: &rng))
            return Facility(id: "f\((i * 7919) % 1_000)", name: "F\(i)", kind: kinds[Int.random(in: 0 ..< 4, using: &rng)],
                            location: location)
        }
    }

    @Test("Same report, facility and distance per point, 1 and 2 threads, with filters", arguments: [1, 2])
    func sameAsPerPoint(threads: Int) throws {
        let engine = ProximityEngine(facilities: Self.facilities(count: 300, seed: 5), rooms: [])
        var rng = SeededGenerator(seed: 6)
        let n = CoverageAnalysis.parallelThreshold + 3_001
        var lons: [Double] = [], lats: [Double] = []
        for i in 0 ..< n {
            if i % 50 == 0 {
                let f = engine.facilities[Int.random(in: 0 ..< engine.facilities.count, using: &rng)].location
                lons.append(f.lon); lats.append(f.lat)             // exactly on a facility
            } else if i % 97 == 0 {
                lons.append(.random(in: -60 ... -20, using: &rng)); lats.append(.random(in: 60 ... 80, using: &rng))  // Greenland
            } else {
                lons.append(9.92 + .random(in: -0.3 ... 0.3, using: &rng)); lats.append(57.05 + .random(in: -0.15 ... 0.15, using: &rng))
            }
        }
        let (qLons, qLats) = (lons, lats)
        let districts = (0 ..< 5).map { DistrictInfo(code: "D\($0)", name: "", rural: $0 % 2 == 0) }
        let points = try DemandPoints(weights: (0 ..< n).map { Double($0 % 7) }, districts: (0 ..< n).map { Int32($0 % 6) - 1 },
                                      rural: (0 ..< n).map { $0 % 3 == 0 })
        let reaches = [Reach(.within(metres: 1_000)), Reach(.byClass(ruralMetres: 5_000, urbanMetres: 2_000))]
        for filter in [FacilityFilter(), FacilityFilter(kinds: [.villageHall]), FacilityFilter(kinds: [.library, .school]),
                       FacilityFilter(minCapacity: 10_000)] {
            let qualifying = engine.qualifying(filter: filter)
            let analysis = try CoverageAnalysis(districts: districts, points: points, facilityDistricts: [], reaches: reaches)
            let perPoint = analysis.run(threads: threads) { i in
                engine.nearestQualifying(to: Coordinate(lon: qLons[i], lat: qLats[i]), qualifying: qualifying)
            }
            let batch = analysis.run(threads: threads) { range in
                engine.nearestQualifying(lons: qLons, lats: qLats, in: range, qualifying: qualifying)
            }
            #expect(batch.nearestFacility == perPoint.nearestFacility, "\(filter)")
            #expect(batch.nearestMetres.map(\.bitPattern) == perPoint.nearestMetres.map(\.bitPattern), "\(filter)")
            #expect(batch.report == perPoint.report, "\(filter)")
        }
    }

    @Test("Batch answers are normalised: negative or NaN distances and negative facilities count as none")
    func normalised() throws {
        let points = try DemandPoints(weights: [1, 1, 1, 1], districts: [-1, -1, -1, -1])
        let analysis = try CoverageAnalysis(districts: [], points: points, facilityDistricts: [],
                                            reaches: [Reach(.within(metres: 10))])
        let result = analysis.run(threads: 1) { _ in
            ([0, 1, -1, 2], [5, -1, 3, .nan])
        }
        #expect(result.nearestFacility == [0, -1, -1, -1])
        #expect(result.nearestMetres == [5, .infinity, .infinity, .infinity])
        #expect(result.report.total.coveredPopulation[analysis.reaches[0].label] == 1)
    }
}
