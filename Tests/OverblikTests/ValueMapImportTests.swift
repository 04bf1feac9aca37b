import Facilities
import Foundation
import Testing
import TestSupport
@testable import Overblik
import Store

@Suite("Mapping source values: --map, --kind-field, --owner-field, unknown owners, DBF integers")
struct ValueMapImportTests {
    static let shapefile = TestSupport.sharedData.map { $0.appendingPathComponent("formats/institutions-midtjylland-25832.shp").path }
    static let haveShapefile = shapefile.map { FileManager.default.fileExists(atPath: $0) } ?? false

    static let map = """
    field,value,target_type,target
    INST_TYPE_,Grundskoler mv.,kind,school
    INST_TYPE_,Centre for rådgivning og vejledning,kind,other
    INST_TYPE_,Institutioner med almengymnasiale uddannelser,owner,education
    INST_TYPE_,Institutioner med videregående uddannelser,owner,education
    """

    @Test("the real institutions Shapefile imports with integer ids, owners from the map and unknown otherwise",
          .enabled(if: haveShapefile, "needs ../shared/data/formats/institutions-midtjylland-25832.shp"))
    func institutions() throws {
        let mapFile = try TestSupport.writeTemporary(Self.map, name: "map.csv")
        let (o, _) = try freshOverblik("value-map")
        var options = ImportOptions(idField: "INST_NR", nameField: "INST_NAVN", kindField: "INST_TYPE_", defaultKind: .other)
        options.valueMap = try SourceValueMap(path: mapFile.path)
        let report = try o.importFile(.facilities, at: try #require(Self.shapefile), options: options)
        #expect(report.imported == 1_136 - 19)
        let facilities = try o.store.facilities()
        let skive = try #require(facilities.first { $0.id == "779017" })
        #expect(skive.name == "10. Klasse Center Skive" && skive.kind == .school && skive.owner == .unknown)
        #expect(!facilities.contains { $0.id.hasSuffix(".0") })
        // Owners come from the map; nothing is assumed municipal.
        #expect(!facilities.contains { $0.owner == .municipal })
        let owners = Dictionary(grouping: facilities, by: \.owner).mapValues(\.count)
        // 39 + 70 records have the two mapped types (ogr2ogr to CSV); record 1112 of them has no geometry.
        #expect(owners[.education, default: 0] == 39 + 70 - 1)
        #expect(owners[.unknown, default: 0] == facilities.count - owners[.education, default: 0])
        // The skipped records say which record they are.
        #expect(report.skippedEmptyGeometry.count == 19)
        #expect(report.skippedEmptyGeometry.allSatisfy { $0.contains("(id ") })
    }

    @Test("a file without the name field is refused once, listing its fields and the option",
          .enabled(if: haveShapefile, "needs ../shared/data/formats/institutions-midtjylland-25832.shp"))
    func missingFieldsListed() throws {
        let (o, _) = try freshOverblik("missing-field")
        let error = try #require(throws: ImportError.self) {
            try o.importFile(.facilities, at: try #require(Self.shapefile), options: ImportOptions(idField: "INST_NR"))
        }
        #expect(error.total == 1)
        let message = try #require(error.problems.first?.expected)
        #expect(message.contains("inst_navn") && message.contains("--name-field"))
        let wrong = try #require(throws: ImportError.self) {
            try o.importFile(.facilities, at: try #require(Self.shapefile), options: ImportOptions(idField: "INST_NR", nameField: "NAVN"))
        }
        #expect(wrong.problems.first?.field == "NAVN" && wrong.problems.first?.expected.contains("--name-field") == true)
    }

    @Test("--owner-field reads owners and names the field when a value is not an owner")
    func ownerField() throws {
        let csv = "id,name,kind,lon,lat,ejerforhold\na,Hal,sports_hall,9.9,57.0,kommunal\nb,Skole,school,9.91,57.0,Privat\nc,Hus,village_hall,9.92,57.0,\n"
        let file = try TestSupport.writeTemporary(csv, name: "owners.csv")
        let (o, _) = try freshOverblik("owner-field")
        var options = ImportOptions()
        options.ownerField = "ejerforhold"
        _ = try o.importFile(.facilities, at: file.path, options: options)
        #expect(try o.store.facilities().sorted { $0.id < $1.id }.map(\.owner) == [.municipal, .private, .unknown])
        let bad = try TestSupport.writeTemporary("id,name,kind,lon,lat,ejerforhold\na,Hal,sports_hall,9.9,57.0,kirke\n", name: "bad.csv")
        let (o2, _) = try freshOverblik("owner-field-bad")
        let error = try #require(throws: ImportError.self) { try o2.importFile(.facilities, at: bad.path, options: options) }
        #expect(error.problems.first?.field == "ejerforhold" && error.problems.first?.expected.contains("--map") == true)
    }

    @Test("a map file with a bad target is refused with its line")
    func badMap() throws {
        let file = try TestSupport.writeTemporary("field,value,target_type,target\ntype,Hal,kind,arena\ntype,X,colour,red\n", name: "bad-map.csv")
        let error = try #require(throws: ImportError.self) { try SourceValueMap(path: file.path) }
        #expect(error.problems.map(\.position.line) == [2, 3])
    }
}
