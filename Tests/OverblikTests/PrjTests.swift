import Foundation
import Overblik
import Testing
import TestSupport

/// A Shapefile whose .prj the reader cannot name is refused instead of being read as WGS84
/// (issue 14, item 7).
@Suite("Unrecognised .prj files")
struct PrjTests {
    static let institutions = TestSupport.sharedData?.appendingPathComponent("formats/institutions-midtjylland-25832.shp")
    static var hasInstitutions: Bool { institutions.map { FileManager.default.fileExists(atPath: $0.path) } ?? false }

    @Test("an unrecognised .prj is refused naming the file; --crs says what it is",
          .enabled(if: hasInstitutions, "needs ../shared/data/formats (set OVERBLIK_SHARED_DATA)"))
    func unrecognisedPrj() throws {
        let source = try #require(Self.institutions).deletingPathExtension()
        let dir = try TestSupport.temporaryDirectory("prj")
        let stem = dir.appendingPathComponent("inst")
        for ext in ["shp", "shx", "dbf"] {
            try FileManager.default.copyItem(at: source.appendingPathExtension(ext), to: stem.appendingPathExtension(ext))
        }
        try Data(#"PROJCS["ED50 / UTM zone 32N",GEOGCS["ED50",DATUM["European_Datum_1950"]]]"#.utf8)
            .write(to: stem.appendingPathExtension("prj"))
        let (o, _) = try freshOverblik("prj")
        let options = ImportOptions(idField: "INST_NR", nameField: "INST_NAVN", defaultKind: .school)
        do {
            _ = try o.importFile(.facilities, at: stem.appendingPathExtension("shp").path, options: options)
            Issue.record("an unrecognised .prj was read as WGS84")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("inst.shp") && text.contains(".prj") && text.contains("--crs"), "\(text)")
            #expect(OverblikFailure(error).failureClass == .badInput)
        }
        var stated = options
        stated.crs = .utm32
        #expect(try o.importFile(.facilities, at: stem.appendingPathExtension("shp").path, options: stated).imported == 1_117)
    }
}
