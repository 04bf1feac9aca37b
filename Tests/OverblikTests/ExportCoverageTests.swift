import Analysis
import Foundation
import GeoJSON
import Scheduling
import Testing
import TestSupport
@testable import Overblik

@Suite("GeoJSON export of coverage and gaps")
struct ExportCoverageTests {
    static func sample() throws -> Overblik {
        let (o, _) = try freshOverblik("export-coverage")
        _ = try o.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path,
                             options: ImportOptions(nameField: "name", codeField: "code", ruralField: "rural"))
        _ = try o.importFile(.settlements, at: TestSupport.sampleFile("settlements.csv").path)
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        return o
    }

    @Test("district features carry the coverage use case's own figures, one pair of properties per reach")
    func coverageFigures() throws {
        let o = try Self.sample()
        var filter = FacilityFilter()
        filter.kinds = [.villageHall]
        let query = CoverageQuery(filter: filter, reaches: [Reach(.within(metres: 5_000)), Reach(.within(metres: 2_500))])
        let report = try o.coverage(query).report
        let exported = try o.exportCoverage(query)
        #expect(exported.headline == "5000m")
        let features = try o.districtFeatures(options: ExportOptions(filter: filter, now: LocalDateTime(localMinutes: 0), style: true),
                                              coverage: exported.figures)
        #expect(features.count == report.districts.count)
        var checked = 0
        for d in report.districts {
            guard let f = features.first(where: { $0[property: "code"] == .string(d.code) }) else {
                Issue.record("district \(d.code) missing from the export")
                continue
            }
            #expect(f[property: "population"] == .number(d.figures.population))
            #expect(f[property: "covered_5000m"] == .number(d.figures.coveredPopulation["5000m"] ?? -1))
            #expect(f[property: "covered_2500m"] == .number(d.figures.coveredPopulation["2500m"] ?? -1))
            if let share = d.figures.share["5000m"] ?? nil {
                #expect(f[property: "share_5000m"]?.doubleValue.map { abs($0 - share) <= 0.00005 } == true)
                #expect(f[property: "fill"] == .string(MapStyle.fill(share: (share * 10_000).rounded() / 10_000)))
                checked += 1
            } else {
                #expect(f[property: "share_5000m"] == .null)
            }
        }
        #expect(checked > 0)
    }

    @Test("the gaps layer lists the facade's gaps in order as points")
    func gaps() throws {
        let o = try Self.sample()
        var filter = FacilityFilter()
        filter.kinds = [.library]
        let query = CoverageQuery(filter: filter, reaches: [Reach(.within(metres: 5_000))])
        let lines = try o.gaps(query)
        let features = try o.gapFeatures(query, options: ExportOptions(now: LocalDateTime(localMinutes: 0)))
        #expect(!lines.isEmpty)
        #expect(features.map { $0.id } == lines.map { FeatureID.string($0.id) })
        #expect(features.first?[property: "threshold_m"] == .number(5_000))
    }
}
