/// Numbers written as decimal digits straight into memory, for COPY rows.
///
/// A `Double` that is an exact decimal with at most nine fraction digits (coordinates, weights,
/// counts: nearly every number an import carries) is written as that decimal: IEEE division is
/// correctly rounded, so when `m / 10⁹` computes to `value`, the text of `m · 10⁻⁹` is read back by
/// PostgreSQL (`strtod`, also correctly rounded) as exactly `value`. Any other value, negative zero
/// and non-finite values are left to the caller (Swift's shortest round-trip text).
enum DecimalText {
    private static let scale = 1e9
    private static let fractionDigits = 9
    /// The most bytes either `write` puts into `out`.
    static let maximumLength = 32

    /// Writes `value` at the start of `out` (at least ``maximumLength`` bytes) and returns how
    /// many bytes it wrote, or writes nothing and returns nil.
    static func write(_ value: Double, to out: UnsafeMutableRawBufferPointer) -> Int? {
        // Below 2⁵³ / 10⁹ every scaled value is an exact integer; NaN fails the comparison.
        guard value.magnitude < 9e6, !(value == 0 && value.sign == .minus) else { return nil }
        let scaled = (value * scale).rounded()
        guard scaled / scale == value else { return nil }
        let magnitude = UInt64(scaled.magnitude)
        var fraction = magnitude % UInt64(scale)
        var digits = fractionDigits
        while fraction != 0, fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        var at = 0
        if scaled < 0 { out[at] = UInt8(ascii: "-"); at += 1 }
        at += digitsOf(magnitude / UInt64(scale), into: out, at: at)
        if fraction != 0 {
            out[at] = UInt8(ascii: "."); at += 1
            // Zero-padded to `digits` places.
            var rest = fraction
            for i in stride(from: at + digits - 1, through: at, by: -1) {
                out[i] = UInt8(ascii: "0") + UInt8(rest % 10); rest /= 10
            }
            at += digits
        }
        return at
    }

    /// Writes `value` in decimal at the start of `out` (at least ``maximumLength`` bytes) and returns how many bytes.
    static func write(_ value: Int, to out: UnsafeMutableRawBufferPointer) -> Int? {
        var at = 0
        if value < 0 { out[at] = UInt8(ascii: "-"); at += 1 }
        return at + digitsOf(UInt64(value.magnitude), into: out, at: at)
    }

    /// Writes the decimal digits of `value` at `out[at...]` and returns how many.
    private static func digitsOf(_ value: UInt64, into out: UnsafeMutableRawBufferPointer, at: Int) -> Int {
        var count = 1, probe = value
        while probe >= 10 { probe /= 10; count += 1 }
        var rest = value
        for i in stride(from: at + count - 1, through: at, by: -1) {
            out[i] = UInt8(ascii: "0") + UInt8(rest % 10); rest /= 10
        }
        return count
    }
}
