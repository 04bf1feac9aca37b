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
        var text = text
        if let exact = text.withUTF8({ shortDecimal($0) }) { return exact }
        guard text.withUTF8({ isDecimal($0) }), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Powers of ten that a `Double` holds exactly (up to 10^22).
    private static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { v, _ in v * 10 } }

    /// The value of a short plain decimal (optional sign, at most 15 digits with at most one point,
    /// no exponent), else nil for the general path. Clinger's fast path: the digits as an integer
    /// below 2^53 and a power of ten up to 10^22 are both exact doubles, so their quotient, rounded
    /// once by the division, is the correctly rounded value, as `Double(_:)` (strtod) gives it; at
    /// about a fifth of the cost (an import parses two coordinates a row).
    static func shortDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, point = false
        while i < bytes.count {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                mantissa = mantissa &* 10 &+ UInt64(b &- UInt8(ascii: "0"))
                digits += 1
                if point { fraction += 1 }
            } else if b == UInt8(ascii: "."), !point {
                point = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        let value = Double(mantissa) / exactPowersOfTen[fraction]
        return negative ? -value : value
    }

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
