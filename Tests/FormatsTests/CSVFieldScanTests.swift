import Foundation
import Testing
import TestSupport
import Formats

/// The reader takes plain ASCII fields that end inside its buffer in one scan and everything else
/// (quotes, non-ASCII, fields across a buffer edge) byte by byte: both give the same records.
@Suite("CSV field scanning")
struct CSVFieldScanTests {
    /// A value and how it is written: quoted or not, and with which line end the record closes.
    static let values = ["", "f12", "Facility 7", "9.994085", "57,03", "Vej 0 9000 Aalborg", "Mo-Su 08:00-23:00",
                         "Næsby Forsamlingshus", "æ", "a \"quoted\" word", "two\nlines", "two\r\nlines", "x;y", "a,b",
                         String(repeating: "long ascii ", count: 30), String(repeating: "ø", count: 200), " spaced ", "\t"]

    /// A random file of `rows` records of three fields (a BOM, mixed LF/CRLF, quoting where needed
    /// and sometimes where not), with the fields and starting lines the reader must give.
    static func randomFile(seed: UInt64, rows: Int, separator: Character) -> (text: String, fields: [[String]], lines: [Int]) {
        var random = SeededGenerator(seed: seed)
        var text = "\u{FEFF}a\(separator)b\(separator)c\r\n"
        var fields: [[String]] = [], lines: [Int] = []
        var line = 2
        for _ in 0..<rows {
            var record: [String] = []
            var written: [String] = []
            for _ in 0..<3 {
                let value = values.randomElement(using: &random)!
                // By bytes: "\r\n" is one Character, equal to neither "\r" nor "\n".
                let special = [separator.asciiValue!, UInt8(ascii: "\""), 0x0A, 0x0D]
                let needsQuotes = value.utf8.contains { special.contains($0) }
                let quoted = needsQuotes || Int.random(in: 0..<8, using: &random) == 0
                record.append(value)
                written.append(quoted ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value)
            }
            // A record whose every field is empty would be a blank line: the reader skips those.
            if written.allSatisfy(\.isEmpty) { written[0] = "\"\"" }
            fields.append(record)
            lines.append(line)
            let crlf = Bool.random(using: &random)
            text += written.joined(separator: String(separator)) + (crlf ? "\r\n" : "\n")
            line += 1 + record.reduce(0) { $0 + $1.utf8.filter { $0 == 0x0A }.count }
            if Int.random(in: 0..<50, using: &random) == 0 { text += "\n"; line += 1 }
        }
        return (text, fields, lines)
    }

    @Test("Random files crossing 64 KiB buffer edges read back every field and line exactly",
          arguments: [(UInt64(1), Character(",")), (2, ","), (3, ";"), (4, ";")])
    func randomFiles(seed: UInt64, separator: Character) throws {
        let (text, fields, lines) = Self.randomFile(seed: seed, rows: 6_000, separator: separator)
        #expect(text.utf8.count > 4 << 16, "the file should span several buffers")
        let csv = try CSVReader(bytes: Array(text.utf8))
        #expect(csv.hadByteOrderMark)
        #expect(csv.header == ["a", "b", "c"])
        let records = try csv.readAll()
        #expect(records.count == fields.count)
        for (i, record) in records.enumerated() where i < fields.count {
            #expect(record.fields == fields[i], "record \(i)")
            #expect(record.line == lines[i], "record \(i)")
            if record.fields != fields[i] || record.line != lines[i] { break }
        }
    }

    @Test("A record says it may hold a byte order mark exactly when a field holds the byte 0xEF", arguments: [
        ("1,plain", false), ("1,Næsby", false), ("1,\u{FEFF}b", true), ("1,\"\u{FEFF}quoted\"", true), ("\u{FEFF}1,x", true), ("1,ｱ", true),
    ])
    func byteOrderMarkFlag(row: String, flagged: Bool) throws {
        let csv = try CSVReader(bytes: Array("\u{FEFF}id,name\n\(row)\n2,after\n".utf8))
        let records = try csv.readAll()
        #expect(records.map(\.mayHoldByteOrderMark) == [flagged, false])
    }

    @Test("A file without a final line end keeps its last field", arguments: ["id,name\n1,Hal", "id,name\r\n1,\"Hal\"", "id,name\n1,Næsby"])
    func noFinalNewline(text: String) throws {
        let records = try CSVReader(bytes: Array(text.utf8)).readAll()
        #expect(records.map(\.fields) == [["1", text.hasSuffix("Næsby") ? "Næsby" : "Hal"]])
    }

    @Test("An unquoted field longer than the limit is refused with its line, whichever path reads it",
          arguments: ["abcdefghijklmnop", "æbcdefghijklmnop"])
    func fieldTooLong(field: String) {
        let text = "id,name\n1,ok\n2,\(field)\n"
        let options = CSVOptions(maxFieldBytes: 12)
        #expect(throws: CSVError(.fieldTooLong(limit: 12), line: 3)) {
            _ = try CSVReader(bytes: Array(text.utf8), options: options).readAll()
        }
    }

    @Test("Fields past the header's column count are refused, not kept, even when long")
    func extraColumns() {
        let text = "id,name\n1,ok,\(String(repeating: "x", count: 40))\n"
        #expect(throws: CSVError(.wrongFieldCount(expected: 2, found: 3), line: 2)) {
            _ = try CSVReader(bytes: Array(text.utf8), options: CSVOptions(maxFieldBytes: 12)).readAll()
        }
    }

    @Test("Short records are padded with empty fields when allowed")
    func shortRecords() throws {
        let records = try CSVReader(bytes: Array("a,b,c\n1,2\n".utf8), options: CSVOptions(allowsShortRecords: true)).readAll()
        #expect(records.map(\.fields) == [["1", "2", ""]])
    }
}
