import Foundation
import Testing
import TestSupport
@testable import Overblik
import Store

@Suite("--clip-to and --municipality keep what lies in the planner's area")
struct ClipAreaTests {
    static let municipality = TestSupport.sharedData.map { $0.appendingPathComponent("aalborg/municipality-0851.geojson").path }
    static let parishes = TestSupport.sharedData.map { $0.appendingPathComponent("aalborg/parishes-2014.geojson").path }
    static let haveData = [municipality, parishes].allSatisfy { $0.map { FileManager.default.fileExists(atPath: $0) } ?? false }

    /// The western part of the municipality: everything west of 9.9°E.
    static let west = """
    {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"KOMKODE":"9999"},
     "geometry":{"type":"Polygon","coordinates":[[[9.0,56.5],[9.9,56.5],[9.9,57.5],[9.0,57.5],[9.0,56.5]]]}}]}
    """

    @Test("districts are cut to the clip area and points outside it are left out and counted",
          .enabled(if: haveData, "needs ../shared/data/aalborg"))
    func clipToWest() throws {
        let west = try TestSupport.writeTemporary(Self.west, name: "west.geojson")
        let (o, _) = try freshOverblik("clip")
        var options = ImportOptions(nameField: "SOGNENAVN", codeField: "SOGNEKODE")
        options.clipTo = west.path
        let report = try o.importFile(.districts, at: try #require(Self.parishes), options: options)
        let districts = try o.store.districts()
        #expect(report.outsideArea > 0 && districts.count == 57 - report.outsideArea)
        #expect(districts.allSatisfy { $0.rings.joined().joined().allSatisfy { $0.lon <= 9.9 + 1e-9 } })
        var pointOptions = ImportOptions()
        pointOptions.clipTo = west.path
        let facilities = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path, options: pointOptions)
        #expect(facilities.outsideArea > 0 && facilities.imported > 0)
        #expect(try o.store.facilities().allSatisfy { $0.location.lon <= 9.9 })
    }

    @Test("--municipality picks its feature from the clip file, and an unknown code is refused",
          .enabled(if: haveData, "needs ../shared/data/aalborg"))
    func municipalityCode() throws {
        let (o, _) = try freshOverblik("clip-municipality")
        var options = ImportOptions()
        options.clipTo = try #require(Self.municipality)
        options.municipality = "851"
        let report = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path, options: options)
        #expect(report.outsideArea == 0 && report.imported > 0)
        options.municipality = "0999"
        let (o2, _) = try freshOverblik("clip-municipality-bad")
        #expect(throws: OverblikError.self) { try o2.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path, options: options) }
    }

    @Test("--municipality alone keeps records whose KOMKODE field has the code")
    func municipalityField() throws {
        let csv = "id,name,kind,lon,lat,KOMKODE\na,Hal,sports_hall,9.9,57.0,0851\nb,Skole,school,10.2,56.1,0751\n"
        let file = try TestSupport.writeTemporary(csv, name: "komkode.csv")
        let (o, _) = try freshOverblik("municipality-field")
        var options = ImportOptions()
        options.municipality = "851"
        let report = try o.importFile(.facilities, at: file.path, options: options)
        #expect(report.imported == 1 && report.outsideArea == 1)
        #expect(try o.store.facilities().map(\.id) == ["a"])
    }
}
