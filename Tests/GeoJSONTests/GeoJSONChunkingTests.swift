import TestSupport
import Testing
import GeoJSON
import GeoTypes
import Foundation

/// A source that hands out at most `step` bytes per read, to push every token across chunk edges.
struct TrickleSource: ByteSource {
    var inner: MemoryByteSource
    var step: Int
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
        try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(step, buffer.count)]))
    }
}

@Suite("GeoJSON reader across chunk boundaries")
struct GeoJSONChunkingTests {
    @Test("The parish file reads the same through reads of 1, 3 and 7 bytes",
          .enabled(if: TestSupport.hasSharedFile("aalborg/parishes-2014.geojson"), "../shared/data is not beside the project"),
          arguments: [1, 3, 7])
    func parishesTrickle(step: Int) throws {
        let path = try #require(TestSupport.sharedFile("aalborg/parishes-2014.geojson")).path
        let whole = try GeoJSONReader(path: path).readAll()
        var bytes: [UInt8] = []
        let file = try FileByteSource(path: path)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while case let n = try chunk.withUnsafeMutableBytes({ raw throws(ByteSourceError) in try file.read(into: raw) }), n > 0 {
            bytes += chunk[0..<n]
        }
        let trickled = try GeoJSONReader(source: TrickleSource(inner: MemoryByteSource(bytes), step: step)).readAll()
        #expect(trickled == whole)
    }

    @Test("A byte order mark is skipped even when it arrives one byte at a time")
    func byteOrderMarkTrickle() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"type":"Point","coordinates":[1,2]}"#.utf8)
        let reader = GeoJSONReader(source: TrickleSource(inner: MemoryByteSource(bytes), step: 1))
        #expect(try reader.readAll() == [GeoJSONFeature(geometry: .point(Coordinate(lon: 1, lat: 2)))])
        #expect(reader.notes.contains("skipped a UTF-8 byte order mark"))
    }

    @Test("Errors keep their line and column when the input trickles in")
    func errorPositionTrickle() {
        let text = "{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"a\":01}}]}"
        let bytes = Array(text.utf8)
        let offset = bytes.indices.first { bytes[$0] == UInt8(ascii: "0") && bytes[$0 + 1] == UInt8(ascii: "1") }!
        let lineStart = bytes.firstIndex(of: 0x0A)! + 1
        #expect(throws: GeoJSONError(.invalidNumber("01 (leading zero)"), at: SourcePosition(offset: offset, line: 2, column: offset - lineStart + 1),
                                     featureIndex: 0)) {
            _ = try GeoJSONReader(source: TrickleSource(inner: MemoryByteSource(text), step: 2)).readAll()
        }
    }

    @Test("Numbers parse exactly as Swift's own parser does", arguments: [
        "0", "-0", "7", "-42", "9223372036854775807", "-9223372036854775808", "12345678901234567890",
        "0.1", "-0.5", "56.88545490631416", "9.50903212247949", "123456789012345.6", "1.5e3", "-2E-2", "1e308",
        "0.000001", "555917.034999", "6323195.55", "3.141592653589793",
    ])
    func numbers(text: String) throws {
        let json = "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"v\":\(text)}}"
        for step in [1, 1 << 16] {
            let feature = try #require(try GeoJSONReader(source: TrickleSource(inner: MemoryByteSource(json), step: step)).readAll().first)
            let value = try #require(feature[property: "v"])
            if let i = Int64(text) {
                #expect(value == .integer(i), "step \(step)")
            } else {
                #expect(value == .number(Double(text)!), "step \(step)")
            }
        }
    }

    @Test("Random decimal numbers of up to 17 significant digits parse exactly")
    func randomNumbers() throws {
        var generator = SystemRandomNumberGenerator()
        var values: [String] = []
        for _ in 0..<2_000 {
            let digits = Int.random(in: 1...17, using: &generator)
            let mantissa = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let point = Int.random(in: 0...digits, using: &generator)
            var s = String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point))
            if s.hasPrefix(".") { s = "0" + s }
            while s.hasPrefix("0") && s.count > 1 && !s.hasPrefix("0.") { s.removeFirst() }
            if s.hasSuffix(".") { s += "0" }
            values.append(Bool.random(using: &generator) ? "-" + s : s)
        }
        let json = "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"v\":[" + values.joined(separator: ",") + "]}}"
        let feature = try #require(try GeoJSONReader(bytes: Array(json.utf8)).readAll().first)
        guard case let .array(parsed)? = feature[property: "v"] else { Issue.record("no array"); return }
        let mismatches = zip(values, parsed).filter { $1.doubleValue != Double($0)! }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }
}
