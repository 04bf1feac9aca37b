import TestSupport
import Foundation
import Testing
import GeoJSON
import GeoTypes

@Suite("GeoJSON writer")
struct GeoJSONWriterTests {
    static let sample: [GeoJSONFeature] = [
        GeoJSONFeature(id: .integer(1), geometry: .point(c(9.9187, 57.048)),
                       properties: [JSONMember("name", "Aalborg Bibliotek"), JSONMember("capacity", 120),
                                    JSONMember("wheelchair", true), JSONMember("note", nil)]),
        GeoJSONFeature(id: .string("p-8276"), geometry: .polygon([
            [c(0, 0), c(0, 1), c(1, 1), c(1, 0), c(0, 0)],                         // clockwise exterior
            [c(0.25, 0.25), c(0.75, 0.25), c(0.75, 0.75), c(0.25, 0.25)],          // counter-clockwise hole
        ]), properties: [JSONMember("tags", .array(["a", "b"])), JSONMember("meta", .object([JSONMember("k", 1.5)]))]),
        GeoJSONFeature(geometry: nil, properties: []),
    ]

    @Test("A small collection matches its golden file and reads back")
    func goldenCollection() throws {
        let text = try render(Self.sample, options: GeoJSONWriterOptions(bbox: true))
        try Golden.expect(text, matches: "Tests/GeoJSONTests/Golden/small.geojson")
        let back = try GeoJSONReader(bytes: Array(text.utf8)).readAll()
        #expect(back.count == 3)
        #expect(back[0] == Self.sample[0])
        #expect(back[1][property: "tags"] == .string(#"["a","b"]"#), "nested values become strings")
        #expect(back[1][property: "meta"] == .string(#"{"k":1.5}"#))
        #expect(!text.contains("crs"))
    }

    @Test("A text sequence frames every feature with RS and LF and matches its golden file")
    func goldenTextSequence() throws {
        let text = try render(Self.sample, format: .textSequence)
        try Golden.expect(text, matches: "Tests/GeoJSONTests/Golden/small.geojsons")
        let records = text.split(separator: "\u{1E}", omittingEmptySubsequences: true)
        #expect(text.first == "\u{1E}")
        #expect(records.count == 3)
        for record in records {
            #expect(record.last == "\n")
            let feature = try GeoJSONReader(bytes: Array(#"{"type":"FeatureCollection","features":["#.utf8) + Array(record.utf8) + Array("]}".utf8)).readAll()
            #expect(feature.count == 1)
        }
    }

    @Test("Rings are rewound: exterior counter-clockwise, holes clockwise")
    func rewinding() throws {
        let text = try render([Self.sample[1]])
        let back = try #require(try GeoJSONReader(bytes: Array(text.utf8)).readAll().first)
        guard case let .polygon(rings)? = back.geometry else { Issue.record("not a polygon"); return }
        #expect(rings[0] == [c(0, 0), c(1, 0), c(1, 1), c(0, 1), c(0, 0)])
        #expect(rings[1] == [c(0.25, 0.25), c(0.75, 0.75), c(0.75, 0.25), c(0.25, 0.25)])
    }

    struct PrecisionCase: Sendable, CustomTestStringConvertible {
        var value: Double
        var precision: Int
        var expected: String
        var testDescription: String { "\(value) at \(precision) decimals is \(expected)" }
    }

    @Test("Coordinates are rounded to the precision with trailing zeros trimmed", arguments: [
        PrecisionCase(value: 1.23456789, precision: 6, expected: "1.234568"),
        PrecisionCase(value: -1.23456749, precision: 6, expected: "-1.234567"),
        PrecisionCase(value: 9.5, precision: 6, expected: "9.5"),
        PrecisionCase(value: 555917.034999, precision: 2, expected: "555917.03"),
        PrecisionCase(value: 2.5, precision: 0, expected: "3"),
        PrecisionCase(value: -0.0000001, precision: 6, expected: "0"),
        PrecisionCase(value: 0.000001, precision: 6, expected: "0.000001"),
        PrecisionCase(value: -179.9999999, precision: 6, expected: "-180"),
        PrecisionCase(value: 10, precision: 3, expected: "10"),
        PrecisionCase(value: 1e20, precision: 6, expected: "1e+20"),
    ])
    func precision(_ c: PrecisionCase) throws {
        let text = try render([GeoJSONFeature(geometry: .point(Coordinate(lon: c.value, lat: 0)))],
                              options: GeoJSONWriterOptions(precision: c.precision))
        #expect(text.contains("\"coordinates\":[\(c.expected),0]"), "\(text)")
    }

    @Test("Strings with quotes, backslashes, control characters and Unicode are escaped and read back", arguments: [
        "plain", "say \"hi\"", "back\\slash", "line\nbreak\ttab\r", "\u{01}\u{1F}\u{7F}", "Næsby Forsamlingshus 😀", "",
    ])
    func escaping(_ s: String) throws {
        let text = try render([GeoJSONFeature(id: .string(s), geometry: nil, properties: [JSONMember(s, .string(s))])])
        #expect(!text.utf8.contains { $0 < 0x20 && $0 != 0x0A }, "no raw control characters")
        let back = try #require(try GeoJSONReader(bytes: Array(text.utf8)).readAll().first)
        #expect(back.id == .string(s))
        #expect(back[property: s] == .string(s))
    }

    @Test("A line crossing the antimeridian is cut at ±180")
    func antimeridianLine() throws {
        let line = GeoJSONGeometry.lineString([c(170, 10), c(179, 20), c(-179, 40), c(-170, 40)])
        #expect(line.normalizedForRFC7946() == .multiLineString([
            [c(170, 10), c(179, 20), c(180, 30)], [c(-180, 30), c(-179, 40), c(-170, 40)],
        ]))
    }

    @Test("A polygon crossing the antimeridian becomes two counter-clockwise parts of the same total area")
    func antimeridianPolygon() throws {
        let polygon = GeoJSONGeometry.polygon([[c(170, -10), c(-170, -10), c(-170, 10), c(170, 10), c(170, -10)]])
        guard case let .multiPolygon(parts) = polygon.normalizedForRFC7946() else { Issue.record("not split"); return }
        #expect(parts.count == 2)
        let boxes = parts.map { GeoJSONGeometry.polygon($0).bbox! }.sorted { $0[0] < $1[0] }
        #expect(boxes == [[-180, -10, -170, 10], [170, -10, 180, 10]])
        for part in parts { #expect(signedArea(part[0]) == 200, "10° x 20° and counter-clockwise") }
    }

    @Test("A non-finite coordinate is refused before anything of the feature is written")
    func nonFinite() throws {
        let writer = GeoJSONWriter(sink: MemoryByteSink())
        #expect(throws: GeoJSONWriteError.nonFiniteCoordinate(featureIndex: 0)) {
            try writer.write(GeoJSONFeature(geometry: .point(c(.nan, 1))))
        }
        try writer.write(GeoJSONFeature(geometry: .point(c(1, 1))))
        let text = try writer.finish().text
        #expect(try GeoJSONReader(bytes: Array(text.utf8)).readAll().count == 1)
    }

    @Test("ogrinfo reads a written file and reports its feature count",
          .enabled(if: TestSupport.hasTool("ogrinfo"), "ogrinfo (gdal-bin) is not installed"))
    func ogrinfoAgrees() throws {
        let ogrinfo = try #require(TestSupport.which("ogrinfo"))
        let path = Fixtures.temporaryPath("ogr.geojson")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = GeoJSONWriter(sink: try FileByteSink(path: path), options: GeoJSONWriterOptions(bbox: true))
        for i in 0..<1_234 {
            try writer.write(GeoJSONFeature(id: .integer(Int64(i)), geometry: .point(c(9 + Double(i) / 1_000, 57)),
                                            properties: [JSONMember("name", .string("site \(i)")), JSONMember("n", .integer(Int64(i)))]))
        }
        _ = try writer.finish()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ogrinfo)
        process.arguments = ["-al", "-so", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("Feature Count: 1234"), "\(output)")
        #expect(output.contains("Geometry: Point"))
    }

    private func signedArea(_ ring: [Coordinate]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + ($1.0.lon * $1.1.lat - $1.1.lon * $1.0.lat) } / 2
    }
}
