/// A token of an opening_hours string.
struct OHToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case word(String)        // letters, lowercased: mo, jan, ph, off, week ... (`text` keeps the original)
        case number(Int, digits: Int)
        case comment(String)     // "..." without quotes
        case symbol(Character)   // : - , ; / + [ ] ( )
        case fallback            // ||
        case end
    }
    let kind: Kind
    /// 0-based scalar offset of the first character.
    let offset: Int
    /// The source text of the token (for error messages).
    let text: String
}

/// Splits opening_hours text into tokens. Whitespace only separates tokens.
enum OHLexer {
    static func tokenize(_ source: String) throws(OpeningHoursError) -> [OHToken] {
        let s = Array(source.unicodeScalars)
        var tokens: [OHToken] = []
        var i = 0
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            let start = i
            if isLetter(c) {
                while i < s.count && isLetter(s[i]) { i += 1 }
                let text = String(String.UnicodeScalarView(s[start..<i]))
                tokens.append(OHToken(kind: .word(text.lowercased()), offset: start, text: text))
            } else if isDigit(c) {
                var value = 0
                while i < s.count && isDigit(s[i]) {
                    if i - start < 9 { value = value * 10 + Int(s[i].value - 48) }
                    i += 1
                }
                let text = String(String.UnicodeScalarView(s[start..<i]))
                tokens.append(OHToken(kind: .number(value, digits: i - start), offset: start, text: text))
            } else if c == "\"" {
                i += 1
                while i < s.count && s[i] != "\"" { i += 1 }
                guard i < s.count else {
                    throw OpeningHoursError(offset: start, expected: "a closing '\"' for the comment", found: OpeningHoursError.endOfInput)
                }
                let text = String(String.UnicodeScalarView(s[(start + 1)..<i]))
                i += 1
                tokens.append(OHToken(kind: .comment(text), offset: start, text: "\"" + text + "\""))
            } else if c == "|" {
                guard i + 1 < s.count, s[i + 1] == "|" else {
                    throw OpeningHoursError(offset: start, expected: "'||' (fallback rule separator)", found: "|")
                }
                i += 2
                tokens.append(OHToken(kind: .fallback, offset: start, text: "||"))
            } else if ":-,;/+[]()".unicodeScalars.contains(c) {
                i += 1
                tokens.append(OHToken(kind: .symbol(Character(c)), offset: start, text: String(c)))
            } else {
                throw OpeningHoursError(offset: start, expected: "a weekday, month, time, number or separator",
                                        found: String(c))
            }
        }
        tokens.append(OHToken(kind: .end, offset: s.count, text: OpeningHoursError.endOfInput))
        return tokens
    }
}
