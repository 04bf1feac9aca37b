import Analysis
import Facilities
import Foundation
import GeoTypes
import Scheduling
import Testing
import TestSupport
@testable import Overblik

@Suite("2SFCA accessibility through the facade")
struct AccessibilityTests {
    @Test("a tiny case equals the hand-computed Gaussian 2SFCA", arguments: [DistanceDecay.gaussian, .none])
    func handComputed(decay: DistanceDecay) throws {
        let a = SitingFixture.Place(id: "a", lon: 9.90, lat: 57.00, population: 300)
        let b = SitingFixture.Place(id: "b", lon: 9.95, lat: 57.01, population: 1_200)
        let far = SitingFixture.Place(id: "far", lon: 10.40, lat: 57.30, population: 500)
        let hall = SitingFixture.Place(id: "hall", lon: 9.92, lat: 57.005, population: 0)
        let o = try SitingFixture.store(settlements: [a, b, far], schools: [], hall: hall)
        let d0 = 5_000.0
        let outcome = try o.accessibility(AccessibilityQuery(filter: FacilityFilter(kinds: [.villageHall]),
                                                             reach: Reach(.within(metres: d0)),
                                                             weekOf: try LocalDate(parsing: "2026-12-02"), decay: decay))
        #expect(outcome.weekFrom == "2026-11-30" && outcome.weekTo == "2026-12-06")
        // The fixture hall is open Mo-Su 08:00-22:00: 7 × 14 h, capacity 60.
        let supply = 7 * 14 * 60.0
        #expect(outcome.facilities.count == 1)
        #expect(abs(outcome.facilities[0].freeHours - 98) < 1e-9)
        #expect(abs(outcome.facilities[0].supply - supply) < 1e-9)
        func w(_ p: SitingFixture.Place) -> Double {
            let d = Geodesic.distance(from: Coordinate(lon: p.lon, lat: p.lat), to: Coordinate(lon: hall.lon, lat: hall.lat))
            guard d <= d0 else { return 0 }
            if decay == .none { return 1 }
            return (exp(-0.5 * (d / d0) * (d / d0)) - exp(-0.5)) / (1 - exp(-0.5))
        }
        let wa = w(a), wb = w(b)
        #expect(wa > 0 && wb > 0 && w(far) == 0)
        let ratio = supply / (wa * a.population + wb * b.population)
        #expect(abs(outcome.facilities[0].ratio - ratio) / ratio < 1e-9)
        let total = (a.population * wa * ratio + b.population * wb * ratio) / (a.population + b.population + far.population)
        #expect(abs((outcome.total ?? -1) - total) / total < 1e-9)
    }
}
