import GeoJSON
import GeoTypes
import Testing

@Suite("GeoJSON property writer fast path")
struct PropertyWriterTests {
    static let strings = [
        "", "a", "plain ascii longer than eight bytes", "0123456\"", "01234567\"", "012345678\\tail",
        "\u{1F}\u{20}\u{21}!!!!!!!!", "long text with a\nnewline after the first word block", "\"\"\"\"\"\"\"\"\"\"",
        "Næsby Forsamlingshus — Hals 😀 \u{7F}", "ends in control\u{01}",
    ]

    /// Writes the same feature through `write(_:)` and through `writePointFeature`, in both framings.
    @Test("Point features written member by member are byte-identical to the general writer",
          arguments: strings, [GeoJSONWriter<MemoryByteSink>.Format.featureCollection, .textSequence])
    func identical(_ s: String, format: GeoJSONWriter<MemoryByteSink>.Format) throws {
        let point = Coordinate(lon: 9.9217, lat: 57.0488)
        for bbox in [false, true] {
            let options = GeoJSONWriterOptions(precision: 6, bbox: bbox)
            let general = GeoJSONWriter(sink: MemoryByteSink(), format: format, options: options)
            let fast = GeoJSONWriter(sink: MemoryByteSink(), format: format, options: options)
            for n in 0..<3 {
                try general.write(GeoJSONFeature(id: .string(s), geometry: .point(point), properties: [
                    JSONMember("name", .string(s)), JSONMember("count", .integer(Int64(n - 1))),
                    JSONMember("open", n == 0 ? .null : .bool(n == 1)), JSONMember("rooms", .string("\(s) (\(n)); x")),
                    JSONMember("none", .null),
                ]))
                try fast.writePointFeature(id: .string(s), point: point) { p in
                    p.string("name", s)
                    p.integer("count", n - 1)
                    p.bool("open", n == 0 ? nil : n == 1)
                    p.beginString("rooms")
                    p.piece(s)
                    p.piece(" (")
                    p.piece(n)
                    p.piece("); x")
                    p.endString()
                    p.string("none", nil)
                }
            }
            #expect(try fast.finish().bytes == general.finish().bytes)
        }
    }

    @Test("Escaping matches JSON rules at every position of a long string", arguments: 0..<20)
    func escapingEveryPosition(_ at: Int) throws {
        for special in ["\"", "\\", "\n", "\u{1F}", "\u{00}"] {
            let s = String(repeating: "x", count: at) + special + String(repeating: "y", count: 19 - at)
            let writer = GeoJSONWriter(sink: MemoryByteSink(), format: .textSequence)
            try writer.writePointFeature(id: nil, point: Coordinate(lon: 0, lat: 0)) { $0.string("s", s) }
            let text = try writer.finish().text
            let expected = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\u{1F}": "\\u001f", "\u{00}": "\\u0000"][special]!
            let literal = String(repeating: "x", count: at) + expected + String(repeating: "y", count: 19 - at)
            #expect(text.contains("\"s\":\"\(literal)\"}"), "\(text)")
        }
    }
}
