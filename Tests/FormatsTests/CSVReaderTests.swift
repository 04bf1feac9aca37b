import Foundation
import Testing
import Formats

@Suite("CSV reader")
struct CSVReaderTests {
    func read(_ text: String, options: CSVOptions = CSVOptions()) throws -> CSVReader {
        try CSVReader(bytes: Array(text.utf8), options: options)
    }

    @Test("Quoted fields keep separators, doubled quotes and newlines, and records know their line")
    func quotedFields() throws {
        let csv = try read("id,name,note\r\n1,\"Skole, Nibe\",\"say \"\"hi\"\"\"\r\n2,Hal,\"two\nlines\"\r\n\r\n3,,end\n")
        #expect(csv.header == ["id", "name", "note"])
        #expect(csv.separator == UInt8(ascii: ","))
        let records = try csv.readAll()
        #expect(records.map(\.fields) == [["1", "Skole, Nibe", "say \"hi\""], ["2", "Hal", "two\nlines"], ["3", "", "end"]])
        #expect(records.map(\.line) == [2, 3, 6])
        #expect(records[0]["name"] == "Skole, Nibe")
        #expect(records[2].nonEmpty("name") == nil)
        #expect(records[2]["missing"] == nil)
    }

    @Test("A Danish semicolon export with a BOM and decimal commas is read by its header")
    func danishSemicolons() throws {
        let csv = try read("\u{FEFF}id;navn;lon;lat\r\n1;Næsby Forsamlingshus;\"9,95\";57,1\r\n")
        #expect(csv.hadByteOrderMark)
        #expect(csv.separator == UInt8(ascii: ";"))
        #expect(csv.header == ["id", "navn", "lon", "lat"])
        let record = try #require(try csv.next())
        #expect(record["navn"] == "Næsby Forsamlingshus")
        #expect(record["lon"] == "9,95")
        #expect(try csv.next() == nil)
    }

    @Test("Separator detection ignores separators inside quotes", arguments: [
        ("a;\"b,c,d\";e\n1;2;3\n", UInt8(ascii: ";")),
        ("a,\"b;c;d\",e\n1,2,3\n", UInt8(ascii: ",")),
        ("single\nvalue\n", UInt8(ascii: ",")),
    ])
    func separatorDetection(text: String, expected: UInt8) throws {
        let csv = try read(text)
        #expect(csv.separator == expected)
        #expect(csv.header.count == (text.hasPrefix("single") ? 1 : 3))
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var error: CSVError
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "an unterminated quote reports the line where it opened",
                bytes: Array("id,name\n1,ok\n2,\"open\nstill open\n".utf8), error: CSVError(.unterminatedQuote, line: 3)),
        BadCase(name: "Windows-1252 bytes are invalid UTF-8 with line and byte",
                bytes: Array("id,name\n1,N".utf8) + [0xE6] + Array("sby\n".utf8),
                error: CSVError(.invalidUTF8(byteOffset: 11), line: 2)),
        BadCase(name: "a truncated UTF-8 sequence at the end of a field",
                bytes: Array("id,name\n1,x".utf8) + [0xC3] + Array(",\n".utf8),
                error: CSVError(.invalidUTF8(byteOffset: 11), line: 2)),
        BadCase(name: "too few fields", bytes: Array("a,b,c\n1,2,3\n4,5\n".utf8),
                error: CSVError(.wrongFieldCount(expected: 3, found: 2), line: 3)),
        BadCase(name: "too many fields", bytes: Array("a;b\n1;2;3;4\n".utf8),
                error: CSVError(.wrongFieldCount(expected: 2, found: 4), line: 2)),
        BadCase(name: "text after a closing quote", bytes: Array("a,b\n\"x\"y,2\n".utf8),
                error: CSVError(.textAfterClosingQuote, line: 2)),
        BadCase(name: "a duplicate column", bytes: Array("id,name,id\n".utf8), error: CSVError(.duplicateColumn("id"), line: 1)),
        BadCase(name: "an empty file", bytes: [], error: CSVError(.missingHeader, line: 1)),
        BadCase(name: "a header of 10 001 columns",
                bytes: Array((0...10_000).map { "c\($0)" }.joined(separator: ",").utf8), error: CSVError(.tooManyColumns(limit: 10_000), line: 1)),
    ]

    @Test("Bad CSV is rejected with the line and what was wrong", arguments: badCases)
    func rejects(_ c: BadCase) {
        #expect(throws: c.error) {
            let csv = try CSVReader(bytes: c.bytes)
            _ = try csv.readAll()
        }
    }

    @Test("A header with a million columns fails with a clear error instead of hanging")
    func millionColumns() {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2_000_000)
        for _ in 0..<1_000_000 { bytes.append(UInt8(ascii: "x")); bytes.append(UInt8(ascii: ";")) }
        bytes.append(0x0A)
        #expect(throws: CSVError(.tooManyColumns(limit: 10_000), line: 1)) { _ = try CSVReader(bytes: bytes) }
    }

    @Test("A missing file is an I/O error")
    func missingFile() {
        #expect(throws: CSVError(.io(operation: "open /nonexistent.csv", errno: 2), line: 0)) {
            _ = try CSVReader(path: "/nonexistent.csv")
        }
    }
}

@Suite("CSV reader on larger files")
struct CSVLargeFileTests {
    @Test("Ten thousand records with multi-line quoted fields cross 64 KiB chunk edges and keep their line numbers")
    func largeFile() throws {
        var text = "\u{FEFF}id;navn;note\r\n"
        var expectedLines: [Int] = []
        var line = 2
        for i in 0..<10_000 {
            expectedLines.append(line)
            if i % 3 == 0 {
                text += "\(i);\"Forsamlingshus \(i); Næsby\";\"første linje\r\nanden \"\"linje\"\"\"\r\n"
                line += 2
            } else {
                text += "\(i);Hal \(i);\r\n"
                line += 1
            }
        }
        let path = FormatsFixtures.temporaryStem("large.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let csv = try CSVReader(path: path)
        #expect(csv.separator == UInt8(ascii: ";"))
        let records = try csv.readAll()
        #expect(records.count == 10_000)
        #expect(records.map(\.line) == expectedLines)
        #expect(records[9_999]["navn"] == "Forsamlingshus 9999; Næsby")
        #expect(records[9_999]["note"] == "første linje\r\nanden \"linje\"")
        #expect(records[9_998]["note"] == "")
    }
}
