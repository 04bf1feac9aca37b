import Analysis
import Foundation
import GeoJSON
import Scheduling
import Testing
import TestSupport
@testable import Overblik

@Suite("Map classes that cannot be misread")
struct MapClassesTests {
    @Test("a district without residents gets its own grey in the export and the map, with a legend entry and the source")
    func noResidents() throws {
        let o = try RuralFixture.store()
        // A third district with nobody in it.
        let empty = "{\"type\":\"FeatureCollection\",\"features\":["
            + RuralFixture.square("A", 9.0, 57.0, 9.1, 57.1, extra: "\"name\":\"Alpha\"") + ","
            + RuralFixture.square("B", 9.1, 57.0, 9.2, 57.1, extra: "\"name\":\"Beta\"") + ","
            + RuralFixture.square("C", 9.0, 57.1, 9.1, 57.2, extra: "\"name\":\"Empty\"") + "]}"
        _ = try o.importFile(.districts, at: TestSupport.writeTemporary(empty, name: "districts.geojson").path,
                             options: ImportOptions(replace: true))
        o.invalidateCatalog()
        let filter = FacilityFilter(kinds: [.villageHall])
        let (figures, headline, classification) = try o.exportCoverageWithClassification(
            CoverageQuery(filter: filter, reaches: [Reach(.within(metres: 3_000))]))
        let features = try o.districtFeatures(options: ExportOptions(filter: filter, now: LocalDateTime(localMinutes: 0), style: true),
                                              coverage: figures)
        let c = try #require(features.first { $0[property: "code"] == .string("C") })
        #expect(c[property: "fill"] == .string(MapStyle.noResidents))
        #expect(!MapStyle.shareClasses.contains { $0.color == MapStyle.noResidents })
        let notes = ["rækkevidde: 3000m", try #require(classification).danishSummary]
        let html = try WebMap(facilities: [], districts: features, coverageLabel: headline, legendNotes: notes,
                              options: WebMapOptions(leaflet: .cdn, tiles: nil)).html()
        #expect(html.contains("ingen beboere"), "the Danish legend names the no-residents class")
        #expect(html.contains("const NO_RESIDENTS_COLOR = \"\(MapStyle.noResidents)\""))
        #expect(html.contains("land/by-klassen fra byzonerne"))
        #expect(html.contains("rækkevidde: 3000m"))
    }
}
