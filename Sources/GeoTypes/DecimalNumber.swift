/// Strict decimal numbers from text: `-12`, `9.9187`, `.5`, `1e-3`. Swift's `Double(_:)` also
/// takes hexadecimal floats (`0x1p3`), `nan`, `inf` and `infinity`, which no data file means as a
/// coordinate or a count; this parser refuses them.
public enum DecimalNumber {
    /// The value of `text` when it is a finite decimal number (optional sign, digits with at most
    /// one point, optional exponent), else nil. No surrounding spaces.
    /// - Complexity: O(n).
    public static func parse<S: StringProtocol>(_ text: S) -> Double? {
        parse(String(text))
    }

    /// ``parse(_:)`` for a `String`, the bytes checked in place (importers call it for every
    /// coordinate: a generic walk over the characters costs several times more).
    public static func parse(_ text: String) -> Double? {
        var text = text, decimal = false, exact: Double?
        text.withUTF8 { bytes in
            decimal = isDecimal(bytes)
            if decimal { exact = exactValue(bytes) }
        }
        guard decimal else { return nil }
        if let exact { return exact }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The value of a decimal without exponent and with at most 15 digits (`-9.978742`), computed
    /// as `digits / 10^fraction`: both are exact `Double`s and one IEEE division is correctly
    /// rounded, so this is the value `strtod` gives, without its multi-precision path (half the
    /// client's number parsing at 1 000 000 population points). Nil for anything else.
    static func exactValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var digits: UInt64 = 0, count = 0, fraction = 0, seenPoint = false, negative = false
        for (i, b) in bytes.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits = digits &* 10 &+ UInt64(b &- UInt8(ascii: "0"))
                count += 1
                if seenPoint { fraction += 1 }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "-") where i == 0: negative = true
            case UInt8(ascii: "+") where i == 0: break
            default: return nil
            }
        }
        guard count <= 15 else { return nil }
        let magnitude = Double(digits) / powersOfTen[fraction]
        return negative ? -magnitude : magnitude
    }

    /// 10⁰ ... 10¹⁵, each exact.
    private static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1) { r, _ in r * 10 } }

    /// Whether the bytes spell a decimal number.
    static func isDecimal<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var i = bytes.startIndex
        func peek() -> UInt8? { i < bytes.endIndex ? bytes[i] : nil }
        func digits() -> Int {
            var n = 0
            while let b = peek(), b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { n += 1; i = bytes.index(after: i) }
            return n
        }
        if let b = peek(), b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { i = bytes.index(after: i) }
        var mantissa = digits()
        if peek() == UInt8(ascii: ".") {
            i = bytes.index(after: i)
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let b = peek(), b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            i = bytes.index(after: i)
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { i = bytes.index(after: i) }
            guard digits() > 0 else { return false }
        }
        return i == bytes.endIndex
    }
}
