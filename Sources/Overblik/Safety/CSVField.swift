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
        var out = ""
        append(text, guardFormulas: guardFormulas, to: &out)
        return out
    }

    /// Appends the encoded cell to `out` (what ``encode(_:guardFormulas:)`` returns), without
    /// intermediate strings: the row writer of large CSV answers.
    public static func append(_ text: String, guardFormulas: Bool = true, to out: inout String) {
        let guarded = guardFormulas && text.utf8.first.map(isFormulaStart) == true && DecimalNumber.parse(text) == nil
        var quotes = false, special = false
        for b in text.utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
            special = true
            if b == UInt8(ascii: "\"") { quotes = true; break }
        }
        if special { out.append("\"") }
        if guarded { out.append("'") }
        if quotes {
            for part in text.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
                if part.offset > 0 { out.append("\"\"") }
                out.append(contentsOf: part.element)
            }
        } else {
            out.append(text)
        }
        if special { out.append("\"") }
    }

    static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }
}
