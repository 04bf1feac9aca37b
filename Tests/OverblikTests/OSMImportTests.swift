import Facilities
import Foundation
import GeoTypes
import Testing
import TestSupport
@testable import Overblik
import Store

@Suite("Importing OpenStreetMap data (PBF, XML, OSM-tagged GeoJSON)")
struct OSMImportTests {
    static let helsinki = TestSupport.sharedData.map { $0.appendingPathComponent("osm/helsinki.osm.pbf").path }
    static let haveHelsinki = helsinki.map { FileManager.default.fileExists(atPath: $0) } ?? false
    static let haveGDAL = TestSupport.which("ogr2ogr") != nil

    @Test("the Helsinki PBF gives the same facilities as GDAL's points and multipolygons of the same file",
          .enabled(if: haveHelsinki, "needs ../shared/data/osm/helsinki.osm.pbf"),
          .enabled(if: haveGDAL, "needs ogr2ogr (gdal-bin)"))
    func helsinkiAgreesWithGDAL() throws {
        let pbf = try #require(Self.helsinki)
        let dir = try TestSupport.temporaryDirectory("osm-gdal")
        var gdalFiles: [String] = []
        // GDAL writes broken rings for some ways this extract cuts (a park with two nodes), which the
        // GeoJSON reader refuses; the filters keep every feature the tag mapping can use (the values
        // FacilityKind(osmTags:) reads, and any club tag), so no facility is filtered out.
        let mapped = ["amenity": ["community_centre", "library", "school", "social_centre", "social_facility", "arts_centre",
                                  "youth_centre", "clubhouse"],
                      "leisure": ["sports_hall", "sports_centre", "clubhouse"],
                      "building": ["school", "sports_hall", "community_centre", "civic"]]
        func filter(columns: Set<String>) -> String {
            var terms = ["other_tags LIKE '%\"club\"=>%'"]
            for (key, values) in mapped.sorted(by: { $0.key < $1.key }) {
                if columns.contains(key) { terms.append("\(key) IN (" + values.map { "'\($0)'" }.joined(separator: ",") + ")") }
                terms += values.map { "other_tags LIKE '%\"\(key)\"=>\"\($0)\"%'" }
            }
            return terms.joined(separator: " OR ")
        }
        let filters = ["points": filter(columns: []), "multipolygons": filter(columns: ["amenity", "leisure", "building"])]
        for layer in ["points", "multipolygons"] {
            let out = dir.appendingPathComponent("\(layer).geojson").path
            let run = try TestSupport.run(try #require(TestSupport.which("ogr2ogr")),
                                          ["-f", "GeoJSON", "-where", filters[layer]!, out, pbf, layer])
            #expect(run.status == 0, "ogr2ogr \(layer): \(run.stderr)")
            gdalFiles.append(out)
        }
        let (fromPBF, _) = try freshOverblik("osm-pbf")
        let report = try fromPBF.importFile(.facilities, at: pbf)
        let (fromGDAL, _) = try freshOverblik("osm-gdal")
        var gdalReports: [ImportReport] = []
        for file in gdalFiles { gdalReports.append(try fromGDAL.importFile(.facilities, at: file)) }

        let ours = Dictionary(uniqueKeysWithValues: try fromPBF.store.facilities().map { ($0.id, $0) })
        let theirs = Dictionary(uniqueKeysWithValues: try fromGDAL.store.facilities().map { ($0.id, $0) })
        #expect(ours.count >= 15, "facilities from the PBF: \(ours.count)")
        // GDAL keeps ways cut at the extract's edge with the nodes it has; we report them instead.
        let incomplete = Set(report.skipped.filter { $0.reason.contains("missing") }.compactMap(\.id))
        #expect(Set(ours.keys) == Set(theirs.keys).subtracting(incomplete),
                "only ours: \(Set(ours.keys).subtracting(theirs.keys).sorted()), only GDAL's: \(Set(theirs.keys).subtracting(ours.keys).subtracting(incomplete).sorted())")
        for (id, a) in ours {
            guard let b = theirs[id] else { continue }
            #expect(a.name == b.name && a.kind == b.kind, "\(id): \(a.name)/\(a.kind) vs \(b.name)/\(b.kind)")
            let metres = Geodesic.distance(from: a.location, to: b.location)
            #expect(metres < 1, "\(id) lies \(metres) m from GDAL's")
        }
        // The same nameless facilities are listed from both sources, and nothing is counted twice.
        let namelessOurs = Set(report.skipped.filter { $0.reason.hasPrefix("no name") }.compactMap(\.id))
        let namelessGDAL = Set(gdalReports.flatMap(\.skipped).filter { $0.reason.hasPrefix("no name") }.compactMap(\.id))
        #expect(namelessOurs == namelessGDAL.subtracting(incomplete))
        #expect(!namelessOurs.isEmpty)
        #expect(report.skippedUnmapped["highway=footway", default: 0] > 100)
    }

    @Test("--name-from takes a facility's name from another tag instead of skipping it",
          .enabled(if: haveHelsinki, "needs ../shared/data/osm/helsinki.osm.pbf"))
    func nameFrom() throws {
        let pbf = try #require(Self.helsinki)
        let (o, _) = try freshOverblik("osm-name-from")
        let plain = try o.importFile(.facilities, at: pbf)
        let (o2, _) = try freshOverblik("osm-name-from-2")
        var options = ImportOptions()
        options.nameFrom = "addr:street"
        let named = try o2.importFile(.facilities, at: pbf, options: options)
        #expect(named.imported > plain.imported)
        #expect(named.skipped.filter { $0.reason.hasPrefix("no name") }.count < plain.skipped.filter { $0.reason.hasPrefix("no name") }.count)
    }

    @Test("an OSM-tagged GeoJSON with a restaurant in it imports the library and counts the restaurant")
    func taggedGeoJSONSkipsUnmapped() throws {
        let text = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"@id":"node/1","amenity":"library","name":"Nibe Bibliotek"},"geometry":{"type":"Point","coordinates":[9.64,56.98]}},
         {"type":"Feature","properties":{"@id":"node/2","amenity":"restaurant","name":"Kroen"},"geometry":{"type":"Point","coordinates":[9.65,56.98]}},
         {"type":"Feature","properties":{"@id":"node/3","amenity":"community_centre"},"geometry":{"type":"Point","coordinates":[9.66,56.98]}}
        ]}
        """
        let file = try TestSupport.writeTemporary(text, name: "osm.geojson")
        let (o, _) = try freshOverblik("osm-geojson")
        let report = try o.importFile(.facilities, at: file.path)
        #expect(report.imported == 1)
        #expect(report.skippedUnmapped == ["amenity=restaurant": 1])
        #expect(report.skipped.map(\.id) == ["node/3"])
        #expect(try o.store.facilities().map(\.kind) == [.library])
    }
}
