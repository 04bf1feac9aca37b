import Testing
import GeoJSON

@Suite("GeoJSON reader errors")
struct GeoJSONBadInputTests {
    /// A bad input: the error is expected exactly where `before` ends.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var before: String
        var after: [UInt8]
        var kind: GeoJSONError.Kind
        var featureIndex: Int? = nil
        var testDescription: String { name }

        init(_ name: String, _ before: String, _ after: String, _ kind: GeoJSONError.Kind, feature: Int? = nil) {
            self.init(name, before, Array(after.utf8), kind, feature: feature)
        }
        init(_ name: String, _ before: String, _ after: [UInt8], _ kind: GeoJSONError.Kind, feature: Int? = nil) {
            self.name = name
            self.before = before
            self.after = after
            self.kind = kind
            self.featureIndex = feature
        }

        var expectedPosition: SourcePosition {
            let bytes = Array(before.utf8)
            let line = bytes.filter { $0 == 0x0A }.count + 1
            let lineStart = (bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            return SourcePosition(offset: bytes.count, line: line, column: bytes.count - lineStart + 1)
        }
    }

    static let cases: [Case] = [
        Case("a missing value after a comma", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,"#, "]}}",
             .unexpectedCharacter(found: "']'", expected: "a JSON value")),
        Case("a feature without geometry, on line 2", "{\"type\":\"FeatureCollection\",\"features\":[\n  ",
             #"{"type":"Feature","properties":{}}]}"#,
             .invalidGeoJSON(path: "features[0]", message: "missing member \"geometry\" (use null for none)"), feature: 0),
        Case("a ring of three positions in the second feature",
             "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}},\n",
             #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]},"properties":{}}]}"#,
             .invalidGeoJSON(path: "features[1].geometry.coordinates[0]", message: "a linear ring needs at least 4 positions, found 3"),
             feature: 1),
        Case("an unclosed ring", "", #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
             .invalidGeoJSON(path: "$.coordinates[0]", message: "linear ring is not closed (first position differs from last)")),
        Case("a raw control character in a string", #"{"type":"Feature","properties":{"name":"a"#, "\u{01}b\"}}",
             .invalidString("control character 0x1 must be escaped")),
        Case("invalid UTF-8 in a string", #"{"type":"Feature","properties":{"name":"K"#, [0xC3, 0x28, 0x22, 0x7D, 0x7D],
             .invalidUTF8),
        Case("an overlong UTF-8 encoding", #"{"type":"Feature","properties":{"n":""#, [0xC0, 0xAF, 0x22, 0x7D, 0x7D], .invalidUTF8),
        Case("a UTF-8 byte outside strings", "{", [0xFF], .invalidUTF8),
        Case("a lone high surrogate", #"{"type":"Feature","properties":{"n":"\uD800"#, "x\"}}",
             .invalidString("lone high surrogate \\ud800")),
        Case("a number with a leading zero", #"{"type":"Point","coordinates":["#, "01,2]}",
             .invalidNumber("01 (leading zero)")),
        Case("a 100-digit number", #"{"type":"Point","coordinates":["#, String(repeating: "1", count: 100) + ",2]}",
             .numberTooLong(limit: 64)),
        Case("arrays nested 100 deep", #"{"type":"Feature","properties":{"a":"# + String(repeating: "[", count: 62),
             String(repeating: "[", count: 38), .nestingTooDeep(limit: 64)),
        Case("an unterminated string", #"{"type":"Feature","properties":{"name":"abc"#, "",
             .unexpectedEnd(expected: "closing '\"' of string")),
        Case("an unknown geometry type", "", #"{"type":"Circle","coordinates":[1,2]}"#,
             .invalidGeoJSON(path: "$.type", message: "unknown geometry type \"Circle\"")),
        Case("a position with one number", "", #"{"type":"Point","coordinates":[1]}"#,
             .invalidGeoJSON(path: "$.coordinates", message: "a position needs at least 2 numbers, found 1")),
        Case("trailing data", #"{"type":"Point","coordinates":[1,2]}  "#, "x", .trailingData),
        Case("a top-level array", "", "[]", .unexpectedCharacter(found: "'['", expected: "a GeoJSON object ('{')")),
        Case("a misspelt literal", #"{"type":"Feature","geometry":"#, "nul}", .unexpectedCharacter(found: "'}'", expected: "'null' (started at column 30)")),
    ]

    @Test("Bad input is rejected with what was expected and the exact position", arguments: cases)
    func rejects(_ c: Case) {
        let adjusted: SourcePosition
        switch c.kind {
        case .invalidGeoJSON where c.featureIndex == nil:
            adjusted = SourcePosition(offset: 0, line: 1, column: 1)
        case .unexpectedCharacter where c.name == "a misspelt literal":
            var p = c.expectedPosition
            p.offset += 3; p.column += 3
            adjusted = p
        default:
            adjusted = c.expectedPosition
        }
        let reader = GeoJSONReader(bytes: Array(c.before.utf8) + c.after)
        #expect(throws: GeoJSONError(c.kind, at: adjusted, featureIndex: c.featureIndex)) {
            _ = try reader.readAll()
        }
    }

    @Test("A missing file is an I/O error naming the path")
    func missingFile() {
        do {
            _ = try GeoJSONReader(path: "/nonexistent/x.geojson")
            Issue.record("opened a missing file")
        } catch {
            #expect(error.kind == .io(operation: "open /nonexistent/x.geojson", errno: 2))
        }
    }
}
