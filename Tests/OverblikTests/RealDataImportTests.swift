import Facilities
import Foundation
import Store
import Testing
import TestSupport
@testable import Overblik

@Suite("Importing the real reference layers from ../shared/data")
struct RealDataImportTests {
    @Test("the 2014 parish layer gives 57 districts and the sample facilities get parishes",
          .enabled(if: TestSupport.hasSharedFile("aalborg/parishes-2014.geojson"), "../shared/data is not beside the project"))
    func parishes() throws {
        let parishes = try #require(TestSupport.sharedFile("aalborg/parishes-2014.geojson"))
        let (o, _) = try freshOverblik("parish")
        _ = try o.importFile(.facilities, at: TestSupport.sampleFile("facilities.csv").path)
        let report = try o.importFile(.districts, at: parishes.path,
                                      options: ImportOptions(nameField: "SOGNENAVN", codeField: "SOGNEKODE"))
        #expect(report.imported == 57)
        let districts = try o.store.districts()
        #expect(districts.count == 57)
        #expect(districts.allSatisfy { !$0.district.name.isEmpty && !$0.rings.isEmpty })
        // Areas agree with the layer's own area_km2 field to 1 %.
        let total = districts.compactMap(\.areaKm2).reduce(0, +)
        #expect(abs(total - 1137.3) / 1137.3 < 0.01, "total area \(total)")
        // Every sample facility lies in the municipality, so in some parish.
        let facilities = try o.store.facilities()
        let outside = facilities.filter { $0.districtCode == nil }
        #expect(outside.isEmpty, "outside: \(outside.map(\.id))")
        // SpatiaLite agrees with our point-in-polygon for every facility.
        for f in facilities.prefix(60) {
            let code = try o.store.database.scalar("""
                SELECT code FROM districts WHERE ST_Contains(geom, MakePoint(?, ?, 4326))
                """, [.real(f.location.lon), .real(f.location.lat)])?.string
            #expect(code == f.districtCode, "\(f.id)")
        }
    }

    @Test("the real EPSG:25832 Shapefile imports with its 19 empty geometries reported",
          .enabled(if: TestSupport.hasSharedFile("formats/institutions-midtjylland-25832.shp"),
                   "../shared/data is not beside the project"))
    func shapefile() throws {
        let shp = try #require(TestSupport.sharedFile("formats/institutions-midtjylland-25832.shp"))
        let (o, _) = try freshOverblik("shp")
        let report = try o.importFile(.facilities, at: shp.path,
                                      options: ImportOptions(idField: "INST_NR", nameField: "INST_NAVN", kindField: "INST_TYPE_", defaultKind: .other))
        #expect(report.crs == "EPSG:25832")
        #expect(report.skippedEmptyGeometry.count == 19)
        #expect(report.imported == 1_136 - 19)
        let facilities = try o.store.facilities()
        // Region Midtjylland lies within lon 8-11.5, lat 55.6-57.
        #expect(facilities.allSatisfy { (8.0...11.7).contains($0.location.lon) && (55.5...57.1).contains($0.location.lat) })
        // --strict refuses the file instead, and writes nothing.
        let (strict, _) = try freshOverblik("shp-strict")
        #expect(throws: ImportError.self) {
            try strict.importFile(.facilities, at: shp.path, options: ImportOptions(idField: "INST_NR", nameField: "INST_NAVN", defaultKind: .school, strict: true))
        }
        #expect(try strict.store.facilities().isEmpty)
    }

    @Test("an invalid district polygon is reported with its ring and vertex")
    func invalidPolygon() throws {
        let (o, _) = try freshOverblik("poly")
        let bowtie = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"X","name":"Bow"},
         "geometry":{"type":"Polygon","coordinates":[[[9,57],[10,58],[10,57],[9,58],[9,57]]]}}]}
        """
        let url = try TestSupport.writeTemporary(bowtie, name: "bow.geojson")
        do {
            _ = try o.importFile(.districts, at: url.path)
            Issue.record("expected refusal")
        } catch let error as ImportError {
            let text = error.description
            #expect(text.contains("ring 0"), "\(text)")
            #expect(text.contains("vertex"), "\(text)")
            #expect(error.problems.first?.position.feature == 0)
        }
        #expect(try o.store.districts().isEmpty)
    }
}
