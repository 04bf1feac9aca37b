import Analysis
import Testing
import TestSupport
@testable import Overblik

@Suite("info classes districts by the majority of their residents, as coverage does")
struct InfoDistrictClassTests {
    @Test("info gives each district the class coverage gives it, and names what decided it", arguments: [
        // (urban areas stored, layer flags, expected rural per district A/B, decided by, point source)
        (true, false, [true, false], ["resident_majority", "resident_majority"], "urban_areas"),
        (true, true, [true, true], ["district_layer", "district_layer"], "urban_areas"),
        (false, false, [true, true], ["resident_majority", "resident_majority"], "settlement_rule"),
    ] as [(Bool, Bool, [Bool], [String], String)])
    func sameAsCoverage(_ c: (Bool, Bool, [Bool], [String], String)) throws {
        let o = try RuralFixture.store(urbanAreas: c.0, layerFlags: c.1)
        let summary = try o.summary()
        let coverage = try o.coverage(CoverageQuery(filter: RuralClassificationTests.halls, reaches: [Reach(.within(metres: 3_000))]))
        #expect(summary.districtList.map(\.code) == ["A", "B"])
        #expect(summary.districtList.map(\.rural) == c.2)
        #expect(summary.districtList.map(\.rural) == coverage.report.districts.map(\.rural))
        #expect(summary.districtList.map(\.ruralBy) == c.3)
        #expect(summary.ruralDistricts == c.2.filter { $0 }.count && summary.urbanDistricts == c.2.filter { !$0 }.count)
        #expect(summary.classification.source?.rawValue == c.4)
        #expect(summary.classification.residentsBySource == coverage.classification?.residentsBySource)
        #expect((summary.classification.warning != nil) == (c.4 == "settlement_rule"))
    }

    @Test("the urban majority is the policy's: B (77 % urban residents) stays rural at 80 %")
    func configurableMajority() throws {
        let o = try RuralFixture.store()
        let strict = try o.districtClasses(policy: RuralPolicy(urbanMajority: 0.8))
        #expect(strict.rural == ["A": true, "B": true])
        let loose = try o.districtClasses(policy: RuralPolicy(urbanMajority: 0.5))
        #expect(loose.rural == ["A": true, "B": false])
    }
}
