import Foundation
import GeoTypes

/// One CSV output cell: RFC 4180 quoting, and by default the OWASP guard against CSV injection.
/// A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, TAB or CR as a formula (for
/// example `=HYPERLINK(...)` in a facility name); such a cell gets a leading `'`, which
/// spreadsheets show as text. Plain numbers (`-12.5`) are left alone. Programs that want the bytes
/// as stored turn the guard off (`--raw-csv`).
///
/// ```swift
/// CSVField.encode("=1+2")                        // "'=1+2"
/// CSVField.encode("a,b")                         // "\"a,b\""
/// CSVField.encode("=1+2", guardFormulas: false)  // "=1+2"
/// ```
public enum CSVField {
    /// The cell text, guarded and quoted as needed.
    public static func encode(_ text: String, guardFormulas: Bool = true) -> String {
        var cell = text
        if guardFormulas, let first = text.utf8.first, isFormulaStart(first), DecimalNumber.parse(text) == nil {
            cell = "'" + text
        }
        if cell.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }

    static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }
}
