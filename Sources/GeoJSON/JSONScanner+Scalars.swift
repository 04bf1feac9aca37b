extension JSONScanner {
    /// Parses a string starting at its opening quote; validates UTF-8 and escapes.
    func parseString() throws(GeoJSONError) -> String {
        advance()  // opening quote
        if let fast = fastASCIIString() { return fast }
        scratchReset()
        while true {
            guard let b = try peek() else { throw error(.unexpectedEnd(expected: "closing '\"' of string")) }
            if b == UInt8(ascii: "\"") { advance(); break }
            if b == UInt8(ascii: "\\") {
                advance()
                try parseEscape()
            } else if b < 0x20 {
                throw error(.invalidString("control character 0x\(String(b, radix: 16)) must be escaped"))
            } else if b < 0x80 {
                scratchAppend(b)
                advance()
            } else {
                try copyUTF8Sequence(lead: b)
            }
            if scratchCount > limits.maxStringBytes { throw error(.stringTooLong(limit: limits.maxStringBytes)) }
        }
        return scratchString()
    }

    private func parseEscape() throws(GeoJSONError) {
        guard let e = try peek() else { throw error(.unexpectedEnd(expected: "an escape character")) }
        let simple: UInt8?
        switch e {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default: throw error(.invalidString("unknown escape \\\(describe(e))"))
        }
        advance()
        if let simple { scratchAppend(simple); return }
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard try peek() == UInt8(ascii: "\\") else { throw error(.invalidString("lone high surrogate \\u\(String(scalar, radix: 16))")) }
            advance()
            guard try peek() == UInt8(ascii: "u") else { throw error(.invalidString("lone high surrogate \\u\(String(scalar, radix: 16))")) }
            advance()
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error(.invalidString("high surrogate not followed by a low one")) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw error(.invalidString("lone low surrogate \\u\(String(scalar, radix: 16))"))
        }
        for unit in UTF8.encode(Unicode.Scalar(scalar)!)! { scratchAppend(unit) }
    }

    private func hex4() throws(GeoJSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let h = try peek() else { throw error(.unexpectedEnd(expected: "4 hex digits after \\u")) }
            let digit: UInt8
            switch h {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = h - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = h - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = h - UInt8(ascii: "A") + 10
            default: throw error(.invalidString("expected a hex digit in \\u escape, found \(describe(h))"))
            }
            value = value << 4 | UInt32(digit)
            advance()
        }
        return value
    }

    /// Copies one multi-byte UTF-8 sequence after checking it (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
    private func copyUTF8Sequence(lead: UInt8) throws(GeoJSONError) {
        let start = here
        let count: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: count = 1
        case 0xE0: count = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: count = 2
        case 0xED: count = 2; upper = 0x9F
        case 0xF0: count = 3; lower = 0x90
        case 0xF1...0xF3: count = 3
        case 0xF4: count = 3; upper = 0x8F
        default: throw error(.invalidUTF8, at: start)
        }
        scratchAppend(lead)
        advance()
        for i in 0..<count {
            guard let c = try peek(), c >= (i == 0 ? lower : 0x80), c <= (i == 0 ? upper : 0xBF) else {
                throw error(.invalidUTF8, at: start)
            }
            scratchAppend(c)
            advance()
        }
    }

    /// Parses a number per RFC 8259; integers that fit become `.integer`.
    func parseNumber() throws(GeoJSONError) -> JSONValue {
        let start = here
        scratchReset()
        var isInteger = true
        func digits() throws(GeoJSONError) -> Int {
            var n = 0
            while let d = try peek(), d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") {
                scratchAppend(d); advance(); n += 1
                if scratchCount > limits.maxNumberLength { throw error(.numberTooLong(limit: limits.maxNumberLength), at: start) }
            }
            return n
        }
        if try peek() == UInt8(ascii: "-") { scratchAppend(UInt8(ascii: "-")); advance() }
        let first = try peek()
        let intDigits = try digits()
        guard intDigits > 0 else { throw error(.invalidNumber(scratchString() + (first.map { describe($0) } ?? "")), at: start) }
        if first == UInt8(ascii: "0") && intDigits > 1 { throw error(.invalidNumber("\(scratchString()) (leading zero)"), at: start) }
        if try peek() == UInt8(ascii: ".") {
            isInteger = false
            scratchAppend(UInt8(ascii: ".")); advance()
            guard try digits() > 0 else { throw error(.invalidNumber("\(scratchString()) (no digits after '.')"), at: start) }
        }
        if let e = try peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            isInteger = false
            scratchAppend(e); advance()
            if let s = try peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { scratchAppend(s); advance() }
            guard try digits() > 0 else { throw error(.invalidNumber("\(scratchString()) (no exponent digits)"), at: start) }
        }
        let text = scratchString()
        if isInteger, let i = Int64(text) { return .integer(i) }
        guard let d = Double(text), d.isFinite else { throw error(.invalidNumber("\(text) (out of range)"), at: start) }
        return .number(d)
    }
}
