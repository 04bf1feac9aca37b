/// JSON made safe to embed in an HTML `<script>` element. Inside a script, `</script` ends the
/// element and `<!--` starts a comment state in which even the page's own `</script>` no longer
/// closes it; both are only possible with `<`. JSON text has `<`, `>` and `&` only inside strings,
/// where `\u003c`, `\u003e` and `\u0026` mean the same characters, so escaping them keeps the
/// value and removes every way out of the element. U+2028 and U+2029 are escaped too (line
/// terminators in older JavaScript).
///
/// ```swift
/// EmbeddedJSON.escape(#"{"name":"<!--<script>"}"#)   // {"name":"\u003c!--\u003cscript\u003e"}
/// ```
public enum EmbeddedJSON {
    /// Escapes `<`, `>`, `&`, U+2028 and U+2029 in JSON text (a whole document or a string literal).
    /// - Complexity: O(n).
    public static func escape(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: isSpecial) else { return json }
        var out = String.UnicodeScalarView()
        for u in json.unicodeScalars {
            switch u {
            case "<": out.append(contentsOf: #"\u003c"#.unicodeScalars)
            case ">": out.append(contentsOf: #"\u003e"#.unicodeScalars)
            case "&": out.append(contentsOf: #"\u0026"#.unicodeScalars)
            case "\u{2028}": out.append(contentsOf: #"\u2028"#.unicodeScalars)
            case "\u{2029}": out.append(contentsOf: #"\u2029"#.unicodeScalars)
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// `text` as a JSON string literal (quotes included) safe inside a script element.
    public static func string(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return escape(out + "\"")
    }

    private static func isSpecial(_ u: Unicode.Scalar) -> Bool {
        u == "<" || u == ">" || u == "&" || u == "\u{2028}" || u == "\u{2029}"
    }
}
