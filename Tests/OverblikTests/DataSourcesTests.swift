import Foundation
import Testing
import TestSupport
@testable import Overblik

/// Every import records its layer's source in its own transaction, and pages name them.
@Suite("Data sources recorded with each import")
struct DataSourcesTests {
    @Test("an import records file, attribution and time; a re-import without one keeps it; a refused import changes nothing")
    func recordedWithTheImport() throws {
        let (o, _) = try freshOverblik("sources")
        #expect(try o.dataSources().isEmpty)
        var options = ImportOptions()
        options.attribution = "Aalborg Kommune, CC BY 4.0"
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path, options: options)
        _ = try o.importFile(.settlements, at: TestSupport.sampleFile("settlements.csv").path)
        let sources = try o.dataSources()
        #expect(sources.map(\.layer) == ["facilities", "settlements"])
        #expect(sources[0].file == "facilities.csv")
        #expect(sources[0].attribution == "Aalborg Kommune, CC BY 4.0")
        #expect(sources[1].attribution == nil)
        #expect(sources[0].importedAt.count == 16 && sources[0].importedAt.contains("T"))

        // A refused import (a duplicate id without --replace) leaves the record as it was.
        let bad = try TestSupport.writeTemporary("id,name,kind,lon,lat\nnew,Ny,village_hall,9.6,57.0\nnew,Igen,village_hall,9.6,57.0\n",
                                                 name: "dupes.csv")
        #expect(throws: (any Error).self) { try o.importFile(.facilities, at: bad.path) }
        #expect(try o.dataSources() == sources)

        // A re-import without --attribution keeps the layer's attribution and names the new file.
        let more = try TestSupport.writeTemporary("id,name,kind,lon,lat\nny-hal,Ny Hal,village_hall,9.6,57.0\n", name: "more.csv")
        _ = try o.importFile(.facilities, at: more.path)
        let after = try o.dataSources()
        #expect(after[0].file == "more.csv")
        #expect(after[0].attribution == "Aalborg Kommune, CC BY 4.0")
    }

    @Test("the pages' sources line names each layer with its attribution, or its file, and the import date")
    func attributionText() {
        let sources = [DataSource(layer: "facilities", file: "f.csv", attribution: "Aalborg Kommune", importedAt: "2026-12-07T05:40"),
                       DataSource(layer: "settlements", file: "towns.csv", attribution: nil, importedAt: "2026-11-30T09:00")]
        #expect(PageWords.attribution(sources, english: false)
                == "lokaler: Aalborg Kommune (importeret 7.12.2026); byer: towns.csv (importeret 30.11.2026)")
        #expect(PageWords.attribution(sources, english: true)
                == "premises: Aalborg Kommune (imported 7.12.2026); towns: towns.csv (imported 30.11.2026)")
        #expect(PageWords.attribution([], english: false) == PageWords.dataAttribution.danish)
    }
}
