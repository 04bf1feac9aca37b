import Analysis
import Facilities
import Foundation
import GeoTypes
import Store
import Testing
import TestSupport
@testable import Overblik

/// A small store with every source of the rural rule: two districts A and B side by side, a town of
/// 5 000 (T) straddling them, a village of 1 000 (S) in A, population points inside and outside the
/// districts (one with its own rural flag), and three village halls.
enum RuralFixture {
    static func square(_ code: String, _ lon0: Double, _ lat0: Double, _ lon1: Double, _ lat1: Double, extra: String) -> String {
        """
        {"type":"Feature","properties":{"code":"\(code)",\(extra)},"geometry":{"type":"Polygon","coordinates":\
        [[[\(lon0),\(lat0)],[\(lon1),\(lat0)],[\(lon1),\(lat1)],[\(lon0),\(lat1)],[\(lon0),\(lat0)]]]}}
        """
    }

    /// Expected class per population point id (`outside` for p6).
    static let expected: [String: PointClass] = [
        "p1": .rural, "p2": .urban, "p3": .urban, "p4": .rural, "p5": .rural, "p6": .outside, "p7": .rural,
    ]
    static let weights: [String: Double] = ["p1": 100, "p2": 50, "p3": 300, "p4": 80, "p5": 20, "p6": 1_000, "p7": 10]

    static func store(urbanAreas: Bool = true, layerFlags: Bool = false) throws -> Overblik {
        let (o, _) = try freshOverblik("rural")
        let flagA = layerFlags ? ",\"rural\":true" : "", flagB = layerFlags ? ",\"rural\":true" : ""
        let districts = "{\"type\":\"FeatureCollection\",\"features\":["
            + square("A", 9.0, 57.0, 9.1, 57.1, extra: "\"name\":\"Alpha\"" + flagA) + ","
            + square("B", 9.1, 57.0, 9.2, 57.1, extra: "\"name\":\"Beta\"" + flagB) + "]}"
        _ = try o.importFile(.districts, at: TestSupport.writeTemporary(districts, name: "districts.geojson").path,
                             options: ImportOptions(ruralField: layerFlags ? "rural" : nil))
        if urbanAreas {
            let towns = "{\"type\":\"FeatureCollection\",\"features\":["
                + square("T", 9.08, 57.04, 9.14, 57.06, extra: "\"id\":\"T\",\"name\":\"Town\",\"population\":5000") + ","
                + square("S", 9.02, 57.02, 9.03, 57.03, extra: "\"id\":\"S\",\"name\":\"Village\",\"population\":1000") + "]}"
            _ = try o.importFile(.urbanAreas, at: TestSupport.writeTemporary(towns, name: "towns.geojson").path)
        }
        let population = """
            id,lon,lat,weight,rural
            p1,9.05,57.05,100,
            p2,9.09,57.05,50,
            p3,9.12,57.05,300,
            p4,9.15,57.08,80,
            p5,9.025,57.025,20,
            p6,9.30,57.05,1000,
            p7,9.12,57.052,10,true

            """
        _ = try o.importFile(.population, at: TestSupport.writeTemporary(population, name: "population.csv").path)
        let facilities = """
            id,name,kind,lon,lat
            h1,Hall One,village_hall,9.05,57.06
            h2,Hall Two,village_hall,9.13,57.05
            h3,Hall Three,village_hall,9.31,57.05

            """
        _ = try o.importFile(.facilities, at: TestSupport.writeTemporary(facilities, name: "facilities.csv").path)
        return o
    }
}

@Suite("Rural classification: one function, sources in order, outside demand apart")
struct RuralClassificationTests {
    static let halls = FacilityFilter(kinds: [.villageHall])

    @Test("the classifier takes the first source that applies", arguments: [
        // (district, own flag, urban areas stored, layer flag of A, expected class, expected source)
        ("A", true, true, nil, PointClass.rural, RuralSource?.some(.pointFlag)),
        ("A", false, false, true, .urban, .pointFlag),
        ("A", nil, true, false, .urban, .urbanAreas),       // inside town T: urban whatever the layer says
        ("A", nil, false, true, .rural, .districtLayer),
        ("A", nil, false, nil, .urban, .settlementRule),     // a settlement of 3 000+ lies in A
        (nil, true, true, nil, .outside, nil),               // outside every district: nothing else counts
    ] as [(String?, Bool?, Bool, Bool?, PointClass, RuralSource?)])
    func precedence(_ c: (String?, Bool?, Bool, Bool?, PointClass, RuralSource?)) throws {
        let town = StoredUrbanArea(area: UrbanArea(id: "T", population: 5_000),
                                   rings: [[[Coordinate(lon: 9.08, lat: 57.04), Coordinate(lon: 9.14, lat: 57.04),
                                             Coordinate(lon: 9.14, lat: 57.06), Coordinate(lon: 9.08, lat: 57.06),
                                             Coordinate(lon: 9.08, lat: 57.04)]]])
        let classifier = PointClassifier(policy: RuralPolicy(), urbanAreas: c.2 ? [town] : [],
                                         districts: [District(code: "A", name: "Alpha", rural: c.3)],
                                         settlements: [Settlement(id: "s", name: "Big", location: Coordinate(lon: 9.05, lat: 57.05),
                                                                  population: 4_000, districtCode: "A")])
        let got = classifier.classify(Coordinate(lon: 9.09, lat: 57.05), district: c.0, pointRural: c.1)
        #expect(got.class == c.4)
        #expect(got.source == c.5)
    }

    @Test("rural, urban, total and outside add up exactly, and the total leaves out demand outside the districts")
    func figuresAddUp() throws {
        let o = try RuralFixture.store()
        for includeDemand in [true, false] {
            let outcome = try o.coverage(CoverageQuery(filter: Self.halls, reaches: [Reach(.within(metres: 3_000), label: "3km")],
                                                       includeDemand: includeDemand))
            let r = outcome.report
            #expect(r.rural.population == 210)
            #expect(r.urban.population == 350)
            #expect(r.total.population == 560)
            #expect(r.outsideDistricts.population == 1_000)
            #expect(r.rural.population + r.urban.population == r.total.population)
            #expect(r.rural.points + r.urban.points == r.total.points)
            #expect((r.rural.coveredPopulation["3km"] ?? -1) + (r.urban.coveredPopulation["3km"] ?? -1) == r.total.coveredPopulation["3km"])
            #expect(r.districts.reduce(0) { $0 + $1.figures.population } == r.total.population)
            // A: 120 rural, 50 urban -> rural; B: 300 urban, 90 rural -> urban (most residents).
            #expect(r.districts.map(\.code) == ["A", "B"] && r.districts.map(\.rural) == [true, false])
            #expect(outcome.classification?.source == .urbanAreas)
            #expect(outcome.classification?.residentsBySource == ["urban_areas": 550, "point_flag": 10])
            #expect(outcome.classification?.warning == nil)
        }
    }

    @Test("the urban majority threshold is configurable, and a district layer's flag overrides it")
    func districtMajority() throws {
        let strict = try RuralFixture.store().coverage(CoverageQuery(
            filter: Self.halls, reaches: [Reach(.within(metres: 3_000))], policy: RuralPolicy(urbanMajority: 0.8)))
        #expect(strict.report.districts.map(\.rural) == [true, true])   // B is 77 % urban, not over 80 %
        let layered = try RuralFixture.store(layerFlags: true).coverage(CoverageQuery(filter: Self.halls, reaches: [Reach(.within(metres: 3_000))]))
        #expect(layered.report.districts.allSatisfy { $0.rural })
        // The points are still classed by the town extents (source b before the layer, source c).
        #expect(layered.report.urban.population == 350)
    }

    @Test("without town extents the layer's flags decide; without those, the settlement rule with a warning")
    func fallbackSources() throws {
        let layered = try RuralFixture.store(urbanAreas: false, layerFlags: true)
            .coverage(CoverageQuery(filter: Self.halls, reaches: [Reach(.within(metres: 3_000))]))
        #expect(layered.classification?.source == .districtLayer)
        #expect(layered.report.rural.population == 560 && layered.report.urban.population == 0)
        let bare = try RuralFixture.store(urbanAreas: false).coverage(CoverageQuery(filter: Self.halls, reaches: [Reach(.within(metres: 3_000))]))
        #expect(bare.classification?.source == .settlementRule)
        #expect(bare.classification?.warning != nil)
    }

    @Test("near, coverage, gaps, site and access give every point the same class")
    func sameClassEverywhere() throws {
        let o = try RuralFixture.store()
        let reach = Reach(.within(metres: 0), label: "0m")
        let coverage = try o.coverage(CoverageQuery(filter: Self.halls, reaches: [reach]))
        let byCoverage = Dictionary(uniqueKeysWithValues: coverage.demand.map { ($0.id, $0.pointClass) })
        #expect(byCoverage == RuralFixture.expected)
        // Every point is a gap at 0 m; outside ones only when asked for, and after the others.
        let gaps = try o.gaps(CoverageQuery(filter: Self.halls, reaches: [reach], source: .population), includeOutside: true)
        #expect(Dictionary(uniqueKeysWithValues: gaps.map { ($0.id, $0.pointClass) }) == RuralFixture.expected)
        let rank: [PointClass: Int] = [.rural: 0, .urban: 1, .outside: 2]
        let ranks = gaps.map { rank[$0.pointClass]! }
        #expect(ranks == ranks.sorted())
        let inside = try o.gaps(CoverageQuery(filter: Self.halls, reaches: [reach], source: .population))
        #expect(inside.count == 6 && !inside.contains { $0.pointClass == .outside })
        // Siting plans for the districts' demand only, classed the same way.
        let site = try o.site(SiteQuery(filter: FacilityFilter(kinds: [.school]), reach: Reach(.within(metres: 3_000)),
                                        candidates: .facilities(Self.halls), p: 1))
        #expect(site.demandPoints == 6 && site.population == 560)
        #expect(site.classification == coverage.classification)
        let access = try o.accessibility(AccessibilityQuery(filter: Self.halls, reach: Reach(.within(metres: 3_000))))
        #expect(access.classification == coverage.classification)
        #expect(access.outsideDistricts != nil)
        // near: each facility's class is the classifier's answer for its location.
        let classifier = try o.pointClassifier()
        let hits = try o.near(ResolvedPlace(kind: .coordinate, name: "x", location: Coordinate(lon: 9.1, lat: 57.05)),
                              NearQuery(filter: Self.halls)).hits
        #expect(hits.count == 3)
        let expectedNear: [String: Bool?] = ["h1": true, "h2": false, "h3": nil]
        for h in hits {
            let f = try #require(o.catalog().facilities.first { $0.id == h.id })
            #expect(h.rural == classifier.classify(f.location, district: f.districtCode, pointRural: nil).class.isRural)
            #expect(h.rural == expectedNear[h.id]!)
        }
    }

    @Test("--district keeps the planner's own area: its demand, its rows, no outside demand")
    func restrictedToDistricts() throws {
        let o = try RuralFixture.store()
        for includeDemand in [true, false] {
            let outcome = try o.coverage(CoverageQuery(filter: Self.halls, reaches: [Reach(.within(metres: 3_000))],
                                                       includeDemand: includeDemand, districts: ["B"]))
            #expect(outcome.report.districts.map(\.code) == ["B"])
            #expect(outcome.report.total.population == 390 && outcome.report.outsideDistricts.population == 0)
        }
        #expect(throws: OverblikError.self) {
            try o.coverage(CoverageQuery(filter: Self.halls, reaches: [Reach(.within(metres: 3_000))], districts: ["Z"]))
        }
    }

    @Test("an urban-areas import needs polygons with a population and lands whole or not at all")
    func urbanAreaImport() throws {
        let (o, _) = try freshOverblik("urban-import")
        let bad = "{\"type\":\"FeatureCollection\",\"features\":["
            + RuralFixture.square("T", 9.0, 57.0, 9.1, 57.1, extra: "\"id\":\"T\",\"population\":5000") + ","
            + RuralFixture.square("U", 9.0, 57.0, 9.1, 57.1, extra: "\"id\":\"U\",\"population\":\"many\"") + "]}"
        let error = try #require(throws: ImportError.self) {
            try o.importFile(.urbanAreas, at: TestSupport.writeTemporary(bad, name: "towns.geojson").path)
        }
        #expect(error.problems.count == 1 && error.problems[0].field == "population" && error.problems[0].value == "many")
        #expect(try o.store.urbanAreas().isEmpty)
    }
}
