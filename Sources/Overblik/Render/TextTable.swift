import Foundation

/// A plain-text table with aligned columns.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]] = []
    /// Columns aligned right (numbers).
    public var rightAligned: Set<Int> = []

    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// Adds a row; each cell is escaped and capped (``TerminalText/cell(_:maxWidth:)``).
    public mutating func add(_ row: [String]) { rows.append(row.map { TerminalText.cell($0) }) }

    /// One line of a table with these column widths (cells already escaped and capped).
    static func line(_ cells: [String], widths: [Int], rightAligned: Set<Int>) -> String {
        cells.enumerated().map { i, cell in
            let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
            return rightAligned.contains(i) ? pad + cell : cell + pad
        }.joined(separator: "  ").trimmingTrailingSpaces()
    }

    /// The line under the headers.
    static func rule(_ widths: [Int]) -> String { widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") }

    public func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func format(_ cells: [String]) -> String { Self.line(cells, widths: widths, rightAligned: rightAligned) }
        var lines = [format(headers), Self.rule(widths)]
        lines += rows.map(format)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// RFC 4180 CSV writing, with the library's guard against formulas unless switched off (`--raw-csv`).
public enum CSVText {
    nonisolated(unsafe) public static var guardsFormulas = true

    public static func field(_ text: String) -> String { CSVField.encode(text, guardFormulas: guardsFormulas) }

    public static func row(_ cells: [String]) -> String {
        var line = ""
        line.reserveCapacity(cells.reduce(cells.count + 8) { $0 + $1.utf8.count })
        for (i, cell) in cells.enumerated() {
            if i > 0 { line.append(",") }
            CSVField.append(cell, guardFormulas: guardsFormulas, to: &line)
        }
        line.append("\n")
        return line
    }
}

/// Number formatting for people.
public enum Format {
    /// "850 m" below 1 km, else "12.345 km" (to the metre).
    public static func distance(_ metres: Double) -> String {
        if metres < 1_000 { return "\(Int(metres.rounded())) m" }
        return String(format: "%.3f km", (metres.rounded()) / 1_000)
    }

    /// `String(format: "%.3f", value)`, without Foundation's formatter for the values answers carry
    /// (non-negative, already rounded to the thousandth: metres to the millimetre); any other value
    /// goes through the formatter.
    public static func threeDecimals(_ value: Double) -> String {
        let scaled = (value * 1000).rounded()
        guard value.sign == .plus, value < 1e12, scaled / 1000 == value else { return String(format: "%.3f", value) }
        let n = Int(scaled), fraction = n % 1000
        return String(n / 1000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + String(fraction)
    }

    /// Seconds as minutes (road travel times).
    public static func minutes(_ seconds: Double) -> String { String(format: "%.1f min", seconds / 60) }

    public static func count(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    public static func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
