import Analysis
import Facilities
import Foundation
import GeoTypes
import Testing
import TestSupport
@testable import Overblik

/// A tiny hand-made store: settlements on a seeded scatter, one existing village hall, schools as
/// candidate sites.
enum SitingFixture {
    struct Place { var id: String; var lon: Double; var lat: Double; var population: Double }

    static func scatter(_ count: Int, seed: UInt64, prefix: String) -> [Place] {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0 ..< count).map { i in
            Place(id: "\(prefix)\(i)", lon: 9.6 + 0.6 * next(), lat: 56.9 + 0.3 * next(), population: (50 + 4_000 * next()).rounded())
        }
    }

    static func store(settlements: [Place], schools: [Place], hall: Place?) throws -> Overblik {
        let (o, _) = try freshOverblik("siting")
        var s = "id,name,lon,lat,population\n"
        for p in settlements { s += "\(p.id),Town \(p.id),\(p.lon),\(p.lat),\(p.population)\n" }
        _ = try o.importFile(.settlements, at: TestSupport.writeTemporary(s, name: "settlements.csv").path)
        var f = "id,name,kind,lon,lat,owner,capacity,opening_hours\n"
        for p in schools { f += "\(p.id),School \(p.id),school,\(p.lon),\(p.lat),municipal,40,Mo-Fr 08:00-22:00\n" }
        if let hall { f += "\(hall.id),Hall,village_hall,\(hall.lon),\(hall.lat),private,60,Mo-Su 08:00-22:00\n" }
        _ = try o.importFile(.facilities, at: TestSupport.writeTemporary(f, name: "facilities.csv").path)
        return o
    }

    static func covers(_ a: Place, _ b: Place, metres: Double) -> Bool {
        Geodesic.distance(from: Coordinate(lon: a.lon, lat: a.lat), to: Coordinate(lon: b.lon, lat: b.lat)) <= metres
    }

    /// Every subset of `count` indices out of `n`.
    static func subsets(_ n: Int, _ count: Int) -> [[Int]] {
        guard count > 0 else { return [[]] }
        guard n >= count else { return [] }
        return subsets(n - 1, count - 1).map { $0 + [n - 1] } + subsets(n - 1, count)
    }
}

@Suite("Siting new facilities through the facade")
struct SitingTests {
    static let settlements = SitingFixture.scatter(14, seed: 7, prefix: "s")
    static let schools = SitingFixture.scatter(7, seed: 99, prefix: "c")
    static let hall = SitingFixture.Place(id: "hall", lon: 9.9, lat: 57.05, population: 0)

    @Test("maximal covering equals brute-force enumeration", arguments: [1, 2, 3])
    func bruteForce(p: Int) throws {
        let o = try SitingFixture.store(settlements: Self.settlements, schools: Self.schools, hall: Self.hall)
        let reach = Reach(.within(metres: 8_000), label: "8km")
        let outcome = try o.site(SiteQuery(filter: FacilityFilter(kinds: [.villageHall]), reach: reach,
                                           candidates: .facilities(FacilityFilter(kinds: [.school])), p: p))
        let already = Self.settlements.map { SitingFixture.covers($0, Self.hall, metres: 8_000) }
        func newly(_ set: [Int]) -> Double {
            Self.settlements.indices.reduce(0.0) { sum, i in
                guard !already[i], set.contains(where: { SitingFixture.covers(Self.settlements[i], Self.schools[$0], metres: 8_000) })
                else { return sum }
                return sum + Self.settlements[i].population
            }
        }
        let best = SitingFixture.subsets(Self.schools.count, p).map(newly).max() ?? 0
        #expect(outcome.candidates == Self.schools.count)
        #expect(abs(outcome.newlyCoveredPopulation - best) < 1e-6)
        #expect(outcome.provedOptimal)
        // The reported sites really cover what they claim, and the gains add up.
        let chosen = outcome.sites.map { s in Self.schools.firstIndex { $0.id == s.id }! }
        #expect(abs(newly(chosen) - outcome.newlyCoveredPopulation) < 1e-6)
        #expect(abs(outcome.sites.reduce(0) { $0 + $1.gain } - outcome.newlyCoveredPopulation) < 1e-6)
        let alreadyPopulation = Self.settlements.indices.filter { already[$0] }.reduce(0.0) { $0 + Self.settlements[$1].population }
        #expect(abs(outcome.alreadyCoveredPopulation - alreadyPopulation) < 1e-6)
        #expect(abs((outcome.sites.last?.cumulativeCovered ?? alreadyPopulation) - outcome.coveredPopulation) < 1e-6)
        #expect((outcome.gap ?? 1) < 1e-9)
    }

    @Test("cover-all reaches everyone any candidate can reach")
    func coverAll() throws {
        let o = try SitingFixture.store(settlements: Self.settlements, schools: Self.schools, hall: Self.hall)
        let reach = Reach(.within(metres: 8_000), label: "8km")
        let outcome = try o.site(SiteQuery(filter: FacilityFilter(kinds: [.villageHall]), reach: reach,
                                           candidates: .facilities(FacilityFilter(kinds: [.school])), p: 0, coverAll: true))
        let reachable = Self.settlements.filter { s in
            SitingFixture.covers(s, Self.hall, metres: 8_000) || Self.schools.contains { SitingFixture.covers(s, $0, metres: 8_000) }
        }
        #expect(abs(outcome.coveredPopulation - reachable.reduce(0) { $0 + $1.population }) < 1e-6)
        #expect(abs(outcome.coveredPopulation + outcome.uncoverablePopulation - outcome.population) < 1e-6)
        #expect((outcome.lowerBound ?? 0) <= outcome.sites.count)
        // No smaller subset of the candidates covers the same people (brute force).
        if outcome.provedOptimal, outcome.sites.count > 1 {
            let needed = Self.settlements.filter { s in !SitingFixture.covers(s, Self.hall, metres: 8_000)
                && Self.schools.contains { SitingFixture.covers(s, $0, metres: 8_000) } }
            for set in SitingFixture.subsets(Self.schools.count, outcome.sites.count - 1) {
                let all = needed.allSatisfy { s in set.contains { SitingFixture.covers(s, Self.schools[$0], metres: 8_000) } }
                #expect(!all)
            }
        }
    }

    @Test("settlements as candidates: a site in each settlement covers at least itself")
    func settlementCandidates() throws {
        let o = try SitingFixture.store(settlements: Self.settlements, schools: [], hall: nil)
        let outcome = try o.site(SiteQuery(filter: FacilityFilter(kinds: [.villageHall]), reach: Reach(.within(metres: 1_000)),
                                           candidates: .settlements, p: 0, coverAll: true))
        #expect(outcome.alreadyCoveredPopulation == 0)
        #expect(outcome.uncoverablePopulation == 0)
        #expect(abs(outcome.coveredPopulation - Self.settlements.reduce(0) { $0 + $1.population }) < 1e-6)
    }

    @Test("a rural weight favours rural residents in the objective, not in the resident counts")
    func ruralWeight() throws {
        let o = try SitingFixture.store(settlements: Self.settlements, schools: Self.schools, hall: Self.hall)
        let q = SiteQuery(filter: FacilityFilter(kinds: [.villageHall]), reach: Reach(.within(metres: 8_000)),
                          candidates: .facilities(FacilityFilter(kinds: [.school])), p: 2, ruralWeight: 3)
        let outcome = try o.site(q)
        for s in outcome.sites { #expect(s.weightedGain >= s.gain - 1e-9 && s.weightedGain <= 3 * s.gain + 1e-9) }
        #expect(throws: OverblikError.self) { try o.site(SiteQuery(reach: Reach(.within(metres: 1)), candidates: .settlements, p: -1)) }
    }
}
