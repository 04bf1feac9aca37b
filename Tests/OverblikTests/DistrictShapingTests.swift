import Foundation
import GeoTypes
import Store
import Testing
import TestSupport
@testable import Overblik

@Suite("District repair, dissolve and TopoJSON with the real parishes")
struct DistrictShapingTests {
    static let parishes = TestSupport.sharedData.map { $0.appendingPathComponent("aalborg/parishes-2014.geojson") }
    static let haveParishes = parishes.map { FileManager.default.fileExists(atPath: $0.path) } ?? false
    static let python = TestSupport.packageRoot.appendingPathComponent(".venv/bin/python").path
    static let haveTopoJSON: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        return (try? TestSupport.run(python, ["-c", "import topojson"]).status) == 0
    }()

    /// The parishes with every MultiPolygon split into one feature per part (parts share SOGNEKODE,
    /// as in DAGI's own downloads), and each code's area from the source geometry.
    static func explodedParishes() throws -> (file: URL, areas: [String: Double]) {
        let data = try Data(contentsOf: try #require(parishes))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var features: [[String: Any]] = []
        var areas: [String: Double] = [:]
        for case let feature as [String: Any] in try #require(json["features"] as? [Any]) {
            let properties = try #require(feature["properties"] as? [String: Any])
            let geometry = try #require(feature["geometry"] as? [String: Any])
            let code = try #require(properties["SOGNEKODE"] as? String)
            let polygons: [Any] = geometry["type"] as? String == "MultiPolygon"
                ? try #require(geometry["coordinates"] as? [Any]) : [try #require(geometry["coordinates"])]
            for polygon in polygons {
                features.append(["type": "Feature", "properties": properties, "geometry": ["type": "Polygon", "coordinates": polygon]])
                let rings = try #require(polygon as? [[[Double]]]).map { $0.map { Coordinate(lon: $0[0], lat: $0[1]) } }
                areas[code, default: 0] += Overblik.areaKm2([rings])
            }
        }
        let out = try TestSupport.temporaryDirectory("parish-parts").appendingPathComponent("parts.geojson")
        try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features]).write(to: out)
        return (out, areas)
    }

    func importDissolved(_ path: String) throws -> (ImportReport, [StoredDistrict]) {
        let (o, _) = try freshOverblik("dissolve")
        var options = ImportOptions(nameField: "SOGNENAVN", codeField: "SOGNEKODE")
        options.makeValid = true
        options.dissolveBy = "SOGNEKODE"
        let report = try o.importFile(.districts, at: path, options: options)
        return (report, try o.store.districts())
    }

    @Test("parishes split into parts import with --make-valid --dissolve-by as one district per code, areas within 0.5 %",
          .enabled(if: haveParishes, "needs ../shared/data/aalborg/parishes-2014.geojson"))
    func dissolvedGeoJSON() throws {
        let (file, areas) = try Self.explodedParishes()
        let (report, districts) = try importDissolved(file.path)
        #expect(report.dissolvedParts == 16 - 7)
        #expect(districts.count == areas.count)
        #expect(Set(districts.map(\.district.code)) == Set(areas.keys))
        for d in districts {
            let source = try #require(areas[d.district.code])
            let area = try #require(d.areaKm2)
            #expect(abs(area - source) / source < 0.005, "\(d.district.code): \(area) km² vs \(source) km²")
        }
    }

    @Test("without --dissolve-by the parts are refused naming SOGNEKODE and the option",
          .enabled(if: haveParishes, "needs ../shared/data/aalborg/parishes-2014.geojson"))
    func duplicatePartsNameTheField() throws {
        let (file, _) = try Self.explodedParishes()
        let (o, _) = try freshOverblik("dissolve-refused")
        let error = try #require(throws: ImportError.self) {
            try o.importFile(.districts, at: file.path, options: ImportOptions(nameField: "SOGNENAVN", codeField: "SOGNEKODE"))
        }
        #expect(error.problems.allSatisfy { $0.field == "SOGNEKODE" && $0.expected.contains("--dissolve-by SOGNEKODE") })
        #expect(try o.store.districts().isEmpty)
    }

    @Test("a quantised TopoJSON of the parish parts, with -999 third values, imports as one district per code within 0.5 %",
          .enabled(if: haveParishes, "needs ../shared/data/aalborg/parishes-2014.geojson"),
          .enabled(if: haveTopoJSON, "needs the topojson Python package in .venv (Tools/setup.sh --with-test-tools)"))
    func quantisedTopoJSON() throws {
        let (file, areas) = try Self.explodedParishes()
        let topo = file.deletingLastPathComponent().appendingPathComponent("parts.topojson")
        // Quantised to 10 000 steps a side (about 6 m here): coarse enough to make some rings invalid.
        let script = """
        import json, sys, topojson
        d = json.load(open(sys.argv[1]))
        t = json.loads(topojson.Topology(d, prequantize=10000, topology=True).to_json())
        t["arcs"] = [[p + [-999] for p in arc] for arc in t["arcs"]]
        json.dump(t, open(sys.argv[2], "w"))
        """
        let run = try TestSupport.run(Self.python, ["-c", script, file.path, topo.path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: topo, encoding: .utf8)
        #expect(text.contains("\"transform\"") && text.contains("-999"))
        let (report, districts) = try importDissolved(topo.path)
        #expect(report.format == "TopoJSON")
        #expect(districts.count == areas.count)
        for d in districts {
            let source = try #require(areas[d.district.code])
            let area = try #require(d.areaKm2)
            #expect(abs(area - source) / source < 0.005, "\(d.district.code): \(area) km² vs \(source) km²")
        }
        for repair in report.repaired {
            #expect(abs(repair.areaAfterKm2 - repair.areaBeforeKm2) / max(repair.areaAfterKm2, 1e-9) < 0.05, "\(repair)")
        }
    }

    static let bowtie = """
    {"type":"FeatureCollection","features":[
     {"type":"Feature","properties":{"code":"A","name":"Bowtie"},"geometry":{"type":"Polygon","coordinates":[[[9.0,57.0],[9.02,57.02],[9.02,57.0],[9.0,57.02],[9.0,57.0]]]}},
     {"type":"Feature","properties":{"code":"B","name":"Square"},"geometry":{"type":"Polygon","coordinates":[[[9.1,57.0],[9.12,57.0],[9.12,57.02],[9.1,57.02],[9.1,57.0]]]}}
    ]}
    """

    @Test("--make-valid repairs a bow-tie and reports it with areas before and after")
    func makeValidReports() throws {
        let file = try TestSupport.writeTemporary(Self.bowtie, name: "bowtie.geojson")
        let (o, _) = try freshOverblik("make-valid")
        var options = ImportOptions()
        options.makeValid = true
        let report = try o.importFile(.districts, at: file.path, options: options)
        #expect(report.imported == 2)
        let repair = try #require(report.repaired.first)
        #expect(report.repaired.count == 1 && repair.code == "A" && repair.name == "Bowtie")
        // The shoelace area of a bow-tie cancels out; the repaired two triangles have half the box.
        let box = Overblik.areaKm2([[[Coordinate(lon: 9.0, lat: 57.0), Coordinate(lon: 9.02, lat: 57.0),
                                      Coordinate(lon: 9.02, lat: 57.02), Coordinate(lon: 9.0, lat: 57.02), Coordinate(lon: 9.0, lat: 57.0)]]])
        #expect(repair.areaBeforeKm2 < 0.01 * box)
        #expect(abs(repair.areaAfterKm2 - box / 2) / (box / 2) < 0.01)
        #expect(try o.store.districts().first { $0.district.code == "A" }?.rings.count == 2)
    }

    @Test("--skip-invalid imports the valid districts and lists the invalid one with code and name")
    func skipInvalidLists() throws {
        let file = try TestSupport.writeTemporary(Self.bowtie, name: "bowtie.geojson")
        let (o, _) = try freshOverblik("skip-invalid")
        var options = ImportOptions()
        options.skipInvalid = true
        let report = try o.importFile(.districts, at: file.path, options: options)
        #expect(report.imported == 1)
        #expect(report.skipped.map(\.id) == ["A"] && report.skipped.first?.name == "Bowtie")
        #expect(try o.store.districts().map(\.district.code) == ["B"])
        // Without either option the import is refused and the message names both ways out.
        let (strict, _) = try freshOverblik("invalid-refused")
        let error = try #require(throws: ImportError.self) { try strict.importFile(.districts, at: file.path) }
        #expect(error.problems.contains { $0.expected.contains("--make-valid") && $0.expected.contains("--skip-invalid") })
    }
}
