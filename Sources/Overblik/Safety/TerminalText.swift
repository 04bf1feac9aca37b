/// Text made safe to print on a terminal: data from files and the store can contain escape
/// sequences (ESC, CSI, OSC, BEL, the C1 controls) that would move the cursor, clear the screen or
/// change the window title. Every table cell and every message that quotes data goes through here.
///
/// ```swift
/// TerminalText.escape("Hall\u{1B}]0;owned\u{07}")   // "Hall\\u{1b}]0;owned\\u{7}"
/// TerminalText.cell(String(repeating: "x", count: 10_000)).count   // TerminalText.maxCellWidth
/// ```
public enum TerminalText {
    /// The widest table cell, in characters; longer cells end in "…" (CSV and JSON stay complete).
    public static let maxCellWidth = 120

    /// `text` with every control character (C0 but `newline` when kept, DEL, C1) and every
    /// bidirectional override written as a visible `\u{XX}` escape.
    /// - Parameter keepingNewlines: keep LF (multi-line messages); tables escape it.
    /// - Complexity: O(n); text without such characters is returned as it is.
    public static func escape(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingNewlines) }) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if needsEscape(u, keepingNewlines) {
                out.append(contentsOf: "\\u{\(String(u.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// A table cell: escaped, then cut to ``maxCellWidth`` characters.
    public static func cell(_ text: String, maxWidth: Int = maxCellWidth) -> String {
        let safe = escape(text)
        guard safe.count > maxWidth else { return safe }
        return String(safe.prefix(max(0, maxWidth - 1))) + "…"
    }

    @inline(__always)
    static func needsEscape(_ u: Unicode.Scalar, _ keepingNewlines: Bool) -> Bool {
        let v = u.value
        if v < 0x20 { return !(keepingNewlines && v == 0x0A) }
        if v < 0x7F { return false }
        // DEL, C1, bidi embeddings/overrides and isolates (text that reorders what follows it).
        return v <= 0x9F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
