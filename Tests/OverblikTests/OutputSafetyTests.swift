import Foundation
import GeoJSON
import GeoTypes
import Geometry
import Overblik
import Scheduling
import Store
import Testing
import TestSupport

@Suite("Terminal-safe text")
struct TerminalTextTests {
    @Test("control characters, DEL, C1 and bidi overrides become visible escapes", arguments: [
        ("plain Næsby", "plain Næsby"),
        ("a\u{1B}[2Jb", #"a\u{1b}[2Jb"#),
        ("t\u{1B}]0;x\u{07}", #"t\u{1b}]0;x\u{7}"#),
        ("c1 \u{9B}31m", #"c1 \u{9b}31m"#),
        ("del\u{7F}", #"del\u{7f}"#),
        ("rtl \u{202E}x", #"rtl \u{202e}x"#),
        ("tab\tnl\n", #"tab\u{9}nl\u{a}"#),
    ])
    func escapes(_ input: String, _ expected: String) {
        #expect(TerminalText.escape(input) == expected)
    }

    @Test("messages keep their newlines")
    func keepsNewlines() {
        #expect(TerminalText.escape("a\nb\u{1B}", keepingNewlines: true) == "a\nb\\u{1b}")
    }

    @Test("a cell is cut to the maximum width with an ellipsis")
    func capsCells() {
        let cell = TerminalText.cell(String(repeating: "x", count: 100_000))
        #expect(cell.count == TerminalText.maxCellWidth)
        #expect(cell.hasSuffix("x…"))
        #expect(TerminalText.cell("short") == "short")
    }
}

@Suite("JSON embedded in HTML")
struct EmbeddedJSONTests {
    @Test("<, > and & become \\u escapes, so no text can leave the script element", arguments: [
        "<!--<script>", "</script><script>alert(1)</script>", "]]>", "a & b", "\u{2028}\u{2029}", "<!-- -->",
    ])
    func escapesMarkup(_ name: String) throws {
        let json = EmbeddedJSON.string(name)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        #expect(!json.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
        // And it still means the same string.
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == name)
    }

    @Test("escaping a whole document keeps its value")
    func wholeDocument() throws {
        let text = #"{"name":"<b>&amp;</b>","n":1}"#
        let escaped = EmbeddedJSON.escape(text)
        let a = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: AnyHashable]
        let b = try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: AnyHashable]
        #expect(a == b)
        #expect(!escaped.contains("<"))
    }
}

@Suite("Output files")
struct OutputFileTests {
    @Test("an output is invisible until committed, and a dropped one leaves nothing")
    func atomic() throws {
        let dir = try TestSupport.temporaryDirectory("outputfile")
        let path = dir.appendingPathComponent("out.txt").path
        do {
            let file = try OutputFile(path: path)
            try file.write("partial")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let file = try OutputFile(path: path)
        try file.write("whole")
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "whole")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.txt"])
    }

    @Test("the store, its companions, a symbolic link and a hard link to it are refused")
    func refusesStore() throws {
        let dir = try TestSupport.temporaryDirectory("outputstore")
        let store = dir.appendingPathComponent("s.sqlite").path
        try Data("SQLite format 3\0".utf8).write(to: URL(fileURLWithPath: store))
        let symlink = dir.appendingPathComponent("sym.geojson").path
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: store)
        let hardlink = dir.appendingPathComponent("hard.geojson").path
        try FileManager.default.linkItem(atPath: store, toPath: hardlink)
        let dotted = dir.path + "/./../" + dir.lastPathComponent + "/s.sqlite-wal"
        for path in [store, store + "-wal", store + "-shm", store + "-journal", symlink, hardlink, dotted] {
            #expect(throws: OutputFileError.self, "\(path)") { try OutputFile(path: path, protecting: [store]) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)).count == 16)
        _ = try OutputFile(path: dir.appendingPathComponent("other.geojson").path, protecting: [store])
    }

    @Test("a write error names the output and is an I/O failure",
          .enabled(if: (try? FileManager.default.attributesOfItem(atPath: "/dev/full")[.type] as? FileAttributeType) == .typeCharacterSpecial))
    func deviceFull() throws {
        let file = try OutputFile(path: "/dev/full")
        do {
            try file.write(String(repeating: "x", count: 1 << 17))
            Issue.record("writing to /dev/full succeeded")
        } catch {
            let failure = OverblikFailure(error)
            #expect(failure.failureClass == .storeOrIO)
            #expect(failure.message.contains("/dev/full"))
        }
    }
}

@Suite("Failure classes")
struct FailureClassTests {
    struct Unknown: Error {}

    static func parseFailure() -> any Error {
        do { _ = try OpeningHours(parsing: "Mo 25:00-26:00"); return Unknown() } catch { return error }
    }

    static let cases: [(String, any Error, FailureClass)] = [
        ("unknown room", StoreError.notFound(kind: "room", id: "x"), .noResult),
        ("unknown place", OverblikError.notFound(what: "place 'x'", suggestions: []), .noResult),
        ("duplicate ids", StoreError.duplicateIDs(table: "facilities", ids: ["a"], total: 1), .badInput),
        ("bad opening_hours", parseFailure(), .badInput),
        ("refused import", ImportError(problems: []), .badInput),
        ("a line where a polygon is needed", GeometryError.unexpectedType(operation: "area", expected: "a polygon", found: "LineString"), .badInput),
        ("output over the store", OutputFileError(path: "s", reason: .isTheStore(store: "s")), .badInput),
        ("overlapping booking", OverblikError.conflict("overlaps"), .conflict),
        ("locked store", DatabaseError(code: 5, message: "database is locked", operation: "step"), .storeOrIO),
        ("not a store", StoreError.notAnOverblikStore(path: "x", reason: "other tables"), .storeOrIO),
        ("missing store", StoreError.missingStore(path: "x", reason: "no such file"), .storeOrIO),
        ("full disk", ByteSinkError(operation: "write out.geojson", errno: ENOSPC), .storeOrIO),
        ("closed pipe in GeoJSON", GeoJSONWriteError.io(ByteSinkError(operation: "write", errno: EPIPE)), .storeOrIO),
        ("GEOS failure", GeometryError.geos(operation: "union", message: "boom"), .storeOrIO),
        ("an error the library does not know", Unknown(), .storeOrIO),
    ]

    @Test("every error is classified by its conformance", arguments: cases)
    func classified(_ name: String, _ error: any Error, _ expected: FailureClass) {
        let failure = OverblikFailure(error)
        #expect(failure.failureClass == expected, "\(name)")
        #expect(!failure.message.isEmpty)
    }

    @Test("exit codes and HTTP statuses are those of the contract")
    func codes() {
        #expect(FailureClass.allCases.map(\.exitCode) == [1, 2, 3, 4])
        #expect(FailureClass.allCases.map(\.httpStatus) == [404, 400, 409, 503])
    }
}

@Suite("Strict decimal numbers and CSV cells")
struct DecimalAndCSVTests {
    @Test("decimal text parses; hexadecimal floats, nan, inf and stray characters do not", arguments: [
        ("9.9187", 9.9187), ("-12", -12), (".5", 0.5), ("5.", 5), ("1e-3", 0.001), ("+2E2", 200),
    ])
    func decimals(_ text: String, _ value: Double) {
        #expect(DecimalNumber.parse(text) == value)
    }

    @Test("not decimal", arguments: ["0x1p3", "0x10", "nan", "inf", "infinity", "", "-", ".", "1e", "1 ", " 1", "1,5", "1e400"])
    func notDecimal(_ text: String) {
        #expect(DecimalNumber.parse(text) == nil)
    }

    @Test("cells that start a formula get a quote; numbers and plain text do not", arguments: [
        ("=1+2", "'=1+2"), ("+1", "+1"), ("-12.5", "-12.5"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("Næsby", "Næsby"), ("a,b", "\"a,b\""), ("=a,\"b\"", "\"'=a,\"\"b\"\"\""),
    ])
    func csvCells(_ text: String, _ expected: String) {
        #expect(CSVField.encode(text) == expected)
        #expect(CSVField.encode("=1", guardFormulas: false) == "=1")
    }

    @Test("cells with quotes, line breaks or both keep every character, doubled quotes included", arguments: [
        "\"", "\"\"", "a\"", "\"a", "a\nb", "a\r\nb\"c\"", "x,\"y\",z", "Ø \"Hal\", 2",
    ])
    func csvQuoting(_ text: String) {
        let encoded = CSVField.encode(text)
        #expect(encoded.hasPrefix("\"") && encoded.hasSuffix("\""))
        #expect(encoded.dropFirst().dropLast().replacingOccurrences(of: "\"\"", with: "\"") == text)
    }

    static let decimalValues: [Double] = {
        let edges: [Double] = [0, 0.001, 0.0005, 1.5, 12.345, 999.9995, 1_000, 4_050.0, 123_456.789, 1e11 + 0.125, 1e13,
                               -0.0, -1.25, 0.1 + 0.2, .infinity, .nan]
        let spread: [Double] = (0..<100).map { (i: Int) -> Double in Double(i * 7919 % 100_003) / 1000 }
        let rounded: [Double] = (0..<50).map { (i: Int) -> Double in (Double(i) * 0.3141).rounded(.up) / 1000 }
        return edges + spread + rounded
    }()

    @Test("three decimals are written as %.3f writes them", arguments: decimalValues)
    func threeDecimals(_ value: Double) {
        #expect(Format.threeDecimals(value) == String(format: "%.3f", value), "\(value)")
    }
}
