import NIOCore
import Testing
import TestSupport
@testable import PostgresStore

/// The text fields of COPY rows and the buffers they are cut into (``CopyText``): escaped as
/// PostgreSQL's text format reads them, and whole rows in order across buffers; a real server reads
/// them back as they were written.
@Suite("Text in COPY rows")
struct CopyTextTests {
    /// Each text and the field ``CopyText`` must write for it.
    static let fields: [(text: String?, field: String)] = [
        ("plain", "plain"), ("", ""), (nil, "\\N"), ("\\N", "\\\\N"), ("a\tb", "a\\tb"), ("a\nb", "a\\nb"),
        ("a\rb", "a\\rb"), ("c:\\dir\\", "c:\\\\dir\\\\"), ("Æblegård ✓ Nørre", "Æblegård ✓ Nørre"), ("\t\n\r\\", "\\t\\n\\r\\\\"),
    ]

    static func row(_ text: String?) -> String {
        var rows = CopyText()
        rows.text(text)
        rows.int(7)
        rows.endRow()
        return rows.finished().map { String(buffer: $0) }.joined()
    }

    @Test("a text field is written with COPY's escapes for backslash, tab, newline and return, and nil as \\N",
          arguments: fields.indices)
    func escapes(index: Int) {
        let (text, field) = Self.fields[index]
        #expect(Self.row(text) == "\(field)\t7\n")
    }

    @Test("rows filling several buffers come out whole, in order, each buffer ending at a row's end")
    func rowsAcrossBuffers() {
        var rows = CopyText(), expected = ""
        for i in 0..<40_000 {
            let name = "row \(i) " + String(repeating: "x", count: i % 97)
            let number = Double(i) / 8
            rows.text(name + (i % 1_000 == 0 ? "\t!" : "")); rows.double(number); rows.bool(i % 2 == 0); rows.text(nil); rows.endRow()
            expected += name + (i % 1_000 == 0 ? "\\t!" : "") + "\t" + (number == number.rounded() ? String(i / 8) : "\(number)")
            expected += "\t" + (i % 2 == 0 ? "t" : "f") + "\t\\N\n"
        }
        let buffers = rows.finished()
        #expect(rows.rows == 40_000)
        #expect(buffers.count > 2)
        #expect(buffers.dropLast().allSatisfy { $0.readableBytes >= CopyText.limit && $0.getInteger(at: $0.writerIndex - 1, as: UInt8.self) == 10 })
        #expect(buffers.map { String(buffer: $0) }.joined() == expected)
    }

    @Test("the server reads every text back as it was written", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
    func serverReadsTheSameText() throws {
        let url = try #require(PostgresCluster.shared).makeDatabase("copytext")
        let store = try PostgresStore(url: url)
        let texts = Self.fields.map(\.text) + [String(repeating: "ø\\\t", count: 200_000)]
        var rows = CopyText()
        for (i, text) in texts.enumerated() { rows.int(i); rows.text(text); rows.endRow() }
        let read = try store.write {
            try store.execute("CREATE TEMP TABLE texts (i bigint, t text)")
            try store.copyRows(into: "texts", columns: ["i", "t"], rows: rows)
            return try store.query("SELECT t FROM texts ORDER BY i").map { try Cells($0).text(0) }
        }
        #expect(read == texts)
    }
}
