import Analysis
import Facilities
import Foundation
import GeoTypes
import Testing
import TestSupport
@testable import Overblik
import Store

@Suite("Coverage and gaps through the facade")
struct CoverageTests {
    static func sample(parishes: Bool = false) throws -> Overblik {
        let (o, _) = try freshOverblik("coverage")
        if parishes, let file = TestSupport.sharedFile("aalborg/parishes-2014.geojson") {
            _ = try o.importFile(.districts, at: file.path, options: ImportOptions(nameField: "SOGNENAVN", codeField: "SOGNEKODE"))
        } else {
            _ = try o.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path,
                                 options: ImportOptions(nameField: "name", codeField: "code", ruralField: "rural"))
        }
        _ = try o.importFile(.settlements, at: TestSupport.sampleFile("settlements.csv").path)
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        _ = try o.importFile(.rooms, at: TestSupport.sampleFile("rooms.csv").path)
        return o
    }

    @Test("nearest distances and reach flags equal a brute-force geodesic scan")
    func bruteForce() throws {
        let o = try Self.sample()
        let filter = FacilityFilter(kinds: [.villageHall])
        let outcome = try o.coverage(CoverageQuery(filter: filter, reaches: [Reach(.within(metres: 5_000), label: "5km")]))
        #expect(outcome.source == .settlements)
        let halls = try o.store.facilities().filter { $0.kind == .villageHall }
        #expect(outcome.qualifyingFacilities.sorted() == halls.map(\.id).sorted())
        for d in outcome.demand {
            let best = halls.map { (Geodesic.distance(from: Coordinate(lon: d.lon, lat: d.lat), to: $0.location), $0.id) }
                .min { $0 < $1 }!
            #expect(abs((d.distanceM ?? -1) - best.0) < 0.001, "\(d.id)")
            #expect(d.nearestFacility == best.1, "\(d.id)")
            #expect(d.covered["5km"] == (best.0 <= 5_000))
        }
        // The district figures add up to the total (which leaves out demand outside every district).
        let total = outcome.report.districts.reduce(0.0) { $0 + $1.figures.population }
        #expect(abs(total - outcome.report.total.population) < 1e-6)
        let covered = outcome.demand.filter { $0.covered["5km"] == true && $0.pointClass != .outside }.reduce(0.0) { $0 + $1.weight }
        #expect(abs((outcome.report.total.coveredPopulation["5km"] ?? -1) - covered) < 1e-6)
    }

    @Test("gaps are the settlements beyond reach, ordered by residents times distance")
    func gapsOrdered() throws {
        let o = try Self.sample()
        let reach = Reach(.byClass(ruralMetres: 5_000, urbanMetres: 2_000))
        let gaps = try o.gaps(CoverageQuery(filter: FacilityFilter(kinds: [.villageHall]), reaches: [reach], source: .settlements))
        #expect(!gaps.isEmpty)
        for g in gaps { #expect((g.distanceM ?? .infinity) > g.thresholdM) }
        // Rural gaps first, then urban ones; each class worst first.
        let classes = gaps.map(\.pointClass)
        #expect(classes == classes.sorted { $0 == .rural && $1 != .rural })
        for cls in [PointClass.rural, .urban] {
            let scores = gaps.filter { $0.pointClass == cls }.compactMap(\.score)
            #expect(scores == scores.sorted(by: >))
        }
        #expect(gaps.allSatisfy { $0.thresholdM == ($0.rural == true ? 5_000 : 2_000) })
    }

    @Test("without a source, gaps lists settlements, or population points on a store without settlements")
    func gapsDefaultSource() throws {
        let reach = Reach(.within(metres: 2_000), label: "2km")
        let halls = FacilityFilter(kinds: [.villageHall])
        let o = try Self.sample()
        _ = try o.importFile(.population, at: TestSupport.sampleFile("population.csv").path)
        let byDefault = try o.gaps(CoverageQuery(filter: halls, reaches: [reach]))
        #expect(!byDefault.isEmpty)
        #expect(byDefault.map(\.id) == (try o.gaps(CoverageQuery(filter: halls, reaches: [reach], source: .settlements))).map(\.id))

        let (points, _) = try freshOverblik("gaps-points")
        _ = try points.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path,
                                  options: ImportOptions(nameField: "name", codeField: "code", ruralField: "rural"))
        _ = try points.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        _ = try points.importFile(.population, at: TestSupport.sampleFile("population.csv").path)
        let onPoints = try points.gaps(CoverageQuery(filter: halls, reaches: [reach]))
        #expect(!onPoints.isEmpty, "a store with population points only has gaps to list")
        #expect(onPoints.map(\.id) == (try points.gaps(CoverageQuery(filter: halls, reaches: [reach], source: .population))).map(\.id))
    }

    @Test("the real parish layer with the sample facilities: 57 districts, rural parishes first",
          .enabled(if: TestSupport.hasSharedFile("aalborg/parishes-2014.geojson"), "../shared/data is not beside the project"))
    func parishes() throws {
        let o = try Self.sample(parishes: true)
        let outcome = try o.coverage(CoverageQuery(filter: FacilityFilter(kinds: [.villageHall]),
                                                   reaches: [Reach(.within(metres: 5_000), label: "5km")]))
        #expect(outcome.report.districts.count == 57)
        let flags = outcome.report.districts.map(\.rural)
        // Rural districts come before urban ones.
        if let firstUrban = flags.firstIndex(of: false) { #expect(!flags[firstUrban...].contains(true)) }
        #expect(outcome.report.outsideDistricts.population == 0)
    }

    @Test("without districts, every qualifying facility counts in RURAL or URBAN by its own location's class",
          arguments: [true, false])
    func facilitiesWithoutDistricts(includeDemand: Bool) throws {
        let (o, _) = try freshOverblik("coverage-no-districts")
        _ = try o.importFile(.settlements, at: TestSupport.sampleFile("settlements.csv").path)
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        _ = try o.importFile(.urbanAreas, at: TestSupport.sampleFile("urban-areas.geojson").path)
        _ = try o.importFile(.population, at: TestSupport.sampleFile("population.csv").path)
        let outcome = try o.coverage(CoverageQuery(reaches: [Reach(.within(metres: 5_000), label: "5km")],
                                                   includeDemand: includeDemand))
        let r = outcome.report
        #expect(r.districts.isEmpty && r.total.facilities == outcome.qualifyingFacilities.count)
        let facilities = try o.store.facilities()
        let classes = try o.pointClassifier().classify(facilities.map(\.location), districts: facilities.map { _ in nil },
                                                       pointRural: facilities.map { _ in nil })
        let rural = classes.count { $0.class == .rural }
        #expect(rural > 0 && rural < facilities.count, "the sample's town extents must hold some facilities, not all")
        #expect(r.rural.facilities == rural && r.urban.facilities == facilities.count - rural)
    }
}
