import TestSupport
import Testing
import Foundation
import Formats

@Suite("Shapefile reader")
struct ShapefileReaderTests {
    @Test("The Midtjylland institutions file has 1 136 point records, 19 of them without geometry",
          .enabled(if: FormatsFixtures.institutionsAvailable, "../shared/data is not beside the project"))
    func institutions() throws {
        let shapefile = try ShapefileReader(path: try FormatsFixtures.institutions)
        #expect(shapefile.shapeType == .point)
        #expect(shapefile.recordCount == 1_136)
        #expect(shapefile.indexRecordCount == 1_136)
        #expect(shapefile.epsg == 25832)
        #expect(shapefile.encoding == .utf8)
        #expect(shapefile.prj?.contains("ETRS_1989_UTM_Zone_32N") == true)
        #expect(shapefile.fields.map(\.name) == ["elevtal_20", "Afdeling", "Afdelingsn", "Institutio", "Institut_1", "INST_NR",
                                                 "INST_NAVN", "INST_TYPE_", "GEO_BREDDE", "GEO_LAENGD", "styling", "id"])
        let id = try #require(shapefile.fields.last)
        #expect((id.type, id.length, id.decimals) == ("N", 10, 0))
        let records = try shapefile.readAll()
        #expect(records.count == 1_136)
        #expect(shapefile.emptyGeometryRecords.count == 19)
        #expect(records.filter { $0.geometry == nil }.map(\.number) == shapefile.emptyGeometryRecords)
        // Values as `ogrinfo -al` prints them for features 0, 3 and 29.
        #expect(records[0]["INST_NAVN"] == .string("10. Klasse Center Skive"))
        #expect(records[0]["elevtal_20"] == .double(74))
        #expect(records[0]["styling"] == .double(10.67))
        #expect(records[0]["id"] == .integer(0))
        guard case let .point(first)? = records[0].geometry else { Issue.record("record 1 is not a point"); return }
        #expect(abs(first.x - 501088.990195967) < 1e-6 && abs(first.y - 6267481.93007803) < 1e-6, "\(first)")
        #expect(records[3]["INST_NAVN"] == .string("Arnborg-Kølkær Skole"))
        #expect(records[29]["Afdeling"] == .string("Blåhøj Skole"))
        #expect(records[29]["INST_NAVN"] == .null)
        #expect(records[29]["elevtal_20"] == .null)
        #expect(records[29].geometry == nil)
    }

    @Test("Every record agrees with ogrinfo -al: names, ids and coordinates",
          .enabled(if: FormatsFixtures.institutionsAvailable, "../shared/data is not beside the project"),
          .enabled(if: TestSupport.hasTool("ogrinfo"), "ogrinfo (gdal-bin) is not installed"))
    func agreesWithOgrinfo() throws {
        let ogrinfo = try #require(TestSupport.which("ogrinfo"))
        let result = try TestSupport.run(ogrinfo, ["-al", "-q", try FormatsFixtures.institutions])
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout
        var expected: [[String: String]] = []
        for line in output.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("OGRFeature(") { expected.append([:]); continue }
            guard !expected.isEmpty else { continue }
            if text.hasPrefix("POINT") { expected[expected.count - 1]["geometry"] = text; continue }
            if let eq = text.range(of: " = ") {
                let name = String(text[..<eq.lowerBound].split(separator: " ")[0])
                expected[expected.count - 1][name] = String(text[eq.upperBound...])
            }
        }
        let records = try ShapefileReader(path: try FormatsFixtures.institutions).readAll()
        #expect(expected.count == records.count)
        var mismatches: [String] = []
        for (record, ogr) in zip(records, expected) {
            let name = record["INST_NAVN"]?.text ?? "(null)"
            if name != ogr["INST_NAVN"] { mismatches.append("record \(record.number) INST_NAVN \(name) vs \(ogr["INST_NAVN"] ?? "-")") }
            if record["id"]?.text != ogr["id"] { mismatches.append("record \(record.number) id") }
            switch record.geometry {
            case let .point(p)?:
                let parts = ogr["geometry"]?.dropFirst(7).dropLast().split(separator: " ").compactMap { Double($0) } ?? []
                if parts.count != 2 || abs(parts[0] - p.x) > 1e-6 || abs(parts[1] - p.y) > 1e-6 {
                    mismatches.append("record \(record.number) point \(p) vs \(ogr["geometry"] ?? "none")")
                }
            case nil:
                if let g = ogr["geometry"], g != "POINT EMPTY" { mismatches.append("record \(record.number) has \(g) in ogrinfo") }
            default:
                mismatches.append("record \(record.number) is not a point")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(5))")
    }

    @Test("A polygon file with a hole, a null shape and Latin-1 attributes of every dBase type reads back")
    func syntheticPolygons() throws {
        let stem = FormatsFixtures.temporaryStem("poly")
        defer { ShapefileBuilder.remove(stem: stem) }
        let clockwiseSquare = [(0.0, 0.0), (0.0, 10.0), (10.0, 10.0), (10.0, 0.0), (0.0, 0.0)]
        let counterClockwiseHole = [(2.0, 2.0), (4.0, 2.0), (4.0, 4.0), (2.0, 2.0)]
        let island = [(20.0, 20.0), (20.0, 21.0), (21.0, 21.0), (20.0, 20.0)]
        let latin1Name: [UInt8] = [0x4E, 0xE6, 0x73, 0x62, 0x79]  // "Næsby" in ISO-8859-1
        try ShapefileBuilder(
            shapeType: 5,
            shapes: [.polygon([clockwiseSquare, counterClockwiseHole, island]), .null],
            fields: [.init(name: "NAVN", type: "C", length: 20), .init(name: "KODE", type: "N", length: 6),
                     .init(name: "AREAL", type: "F", length: 10, decimals: 3), .init(name: "LAND", type: "L", length: 1),
                     .init(name: "DATO", type: "D", length: 8)],
            rows: [[latin1Name, Array("  8276".utf8), Array("  20.010".utf8), Array("T".utf8), Array("20140213".utf8)],
                   [[], [], [], Array("?".utf8), []]]
        ).write(stem: stem, cpg: "ISO-8859-1", prj: nil)

        let shapefile = try ShapefileReader(path: stem)
        #expect(shapefile.encoding == .latin1)
        #expect(shapefile.epsg == nil)
        let records = try shapefile.readAll()
        #expect(records.count == 2)
        func points(_ ring: [(Double, Double)]) -> [ShapePoint] { ring.map { ShapePoint(x: $0.0, y: $0.1) } }
        #expect(records[0].geometry == .polygon([ShapePolygon(exterior: points(clockwiseSquare), holes: [points(counterClockwiseHole)]),
                                                 ShapePolygon(exterior: points(island))]))
        #expect(records[0]["NAVN"] == .string("Næsby"))
        #expect(records[0]["KODE"] == .integer(8276))
        #expect(records[0]["AREAL"] == .double(20.01))
        #expect(records[0]["LAND"] == .bool(true))
        #expect(records[0]["DATO"] == .date(DBFDate(year: 2014, month: 2, day: 13)))
        #expect(records[1].values == [.null, .null, .null, .null, .null])
        #expect(shapefile.emptyGeometryRecords == [2])
    }

    @Test("A bad numeric value is an error naming the file, record and field")
    func badNumber() throws {
        let stem = FormatsFixtures.temporaryStem("bad")
        defer { ShapefileBuilder.remove(stem: stem) }
        try ShapefileBuilder(shapeType: 1, shapes: [.point(1, 2), .point(3, 4)],
                             fields: [.init(name: "N", type: "N", length: 4)],
                             rows: [[Array("12".utf8)], [Array("1x".utf8)]]).write(stem: stem, cpg: nil, prj: nil)
        let shapefile = try ShapefileReader(path: stem + ".shp")
        #expect(try shapefile.next()?.geometry == .point(ShapePoint(x: 1, y: 2)))
        #expect(throws: ShapefileError(.invalidField(name: "N", text: "1x  "), file: stem + ".dbf", record: 2)) {
            _ = try shapefile.next()
        }
    }

    @Test("A missing .dbf is reported by name")
    func missingDBF() throws {
        let stem = FormatsFixtures.temporaryStem("nodbf")
        defer { ShapefileBuilder.remove(stem: stem) }
        try ShapefileBuilder(shapeType: 1, shapes: [], fields: [], rows: []).write(stem: stem, cpg: nil, prj: nil)
        ShapefileBuilderRemoveDBF(stem)
        #expect(throws: ShapefileError(.missingFile, file: stem + ".dbf")) { _ = try ShapefileReader(path: stem) }
    }

    @Test("EPSG codes are recognised from common .prj texts", arguments: [
        ("PROJCS[\"ETRS_1989_UTM_Zone_32N\",GEOGCS[\"GCS_ETRS_1989\"]]", 25832),
        ("PROJCS[\"WGS 84 / UTM zone 32N\",GEOGCS[\"WGS 84\"],AUTHORITY[\"EPSG\",\"32632\"]]", 32632),
        ("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\"]]", 4326),
        ("PROJCS[\"ETRS89 / LAEA Europe\"]", -1),
    ])
    func epsgFromPRJ(wkt: String, code: Int) {
        #expect(ShapefileReader.epsg(fromWKT: wkt) == (code < 0 ? nil : code))
    }
}

private func ShapefileBuilderRemoveDBF(_ stem: String) {
    try? FileManager.default.removeItem(atPath: stem + ".dbf")
}
