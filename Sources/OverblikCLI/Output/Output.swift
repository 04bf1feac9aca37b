import Foundation
import Overblik

/// Writes to standard output through a buffer (large results are printed in chunks, not per line).
/// A failed write (full disk, closed pipe) is kept and thrown by ``finish()``, so the command exits 4.
struct Output {
    nonisolated(unsafe) static var buffer: [UInt8] = []
    nonisolated(unsafe) static var standardOutput = try! OutputFile(path: OutputFile.standardOutput)
    /// The first write error; later output is dropped.
    nonisolated(unsafe) static var failure: (any Error)?

    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    /// A line for people: control characters in it are escaped (data cannot drive the terminal).
    static func line(_ text: String = "") { write(TerminalText.escape(text) + "\n") }

    static func flush() {
        guard !buffer.isEmpty else { return }
        if failure == nil {
            do { try buffer.withUnsafeBytes { raw in try standardOutput.write(raw) } } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and throws the first write error.
    static func finish() throws {
        flush()
        if let failure { throw failure }
    }

    /// A message on standard error, terminal-safe (newlines kept). A failure to write it cannot be reported.
    static func error(_ text: String) {
        let bytes = Array((TerminalText.escape(text, keepingNewlines: true) + "\n").utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(2, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
            }
        }
    }

    /// Pretty, key-sorted JSON of an Encodable value, followed by a newline.
    static func json<T: Encodable>(_ value: T) throws {
        write(try OverblikJSON.text(value))
    }
}

/// A plain-text table with aligned columns.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// Adds a row; each cell is escaped and capped (``TerminalText/cell(_:maxWidth:)``).
    mutating func add(_ row: [String]) { rows.append(row.map { TerminalText.cell($0) }) }

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [format(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(format)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// RFC 4180 CSV writing, with the library's guard against formulas unless `--raw-csv`.
enum CSVText {
    nonisolated(unsafe) static var guardsFormulas = true

    static func field(_ text: String) -> String { CSVField.encode(text, guardFormulas: guardsFormulas) }

    static func row(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",") + "\n"
    }
}

/// Number formatting for people.
enum Format {
    /// "850 m" below 1 km, else "12.345 km" (to the metre).
    static func distance(_ metres: Double) -> String {
        if metres < 1_000 { return "\(Int(metres.rounded())) m" }
        return String(format: "%.3f km", (metres.rounded()) / 1_000)
    }

    /// Seconds as minutes (road travel times).
    static func minutes(_ seconds: Double) -> String { String(format: "%.1f min", seconds / 60) }

    static func count(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
