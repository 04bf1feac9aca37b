/// A length of time in whole minutes, parsed from `90m`, `2h`, `1h30m` (also `1.5h`).
///
/// Named to avoid a clash with `Swift.Duration`.
///
/// ```swift
/// try ScheduleDuration(parsing: "1h30m").minutes // 90
/// ```
public struct ScheduleDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Length in minutes (never negative).
    public let minutes: Int

    /// Creates a duration of `minutes` minutes.
    public init(minutes: Int) { self.minutes = max(0, minutes) }

    /// Parses `<n>h`, `<n>m`, `<n>h<n>m` or a decimal number of hours such as `1.5h`.
    /// - Throws: `LocalTimeError.malformed` for anything else (empty, no unit, zero-free garbage).
    public init(parsing text: String) throws(LocalTimeError) {
        let s = text.trimmingSpaces().lowercased()
        func fail() -> LocalTimeError { .malformed(text, expected: "a duration such as 90m, 2h or 1h30m") }
        guard !s.isEmpty else { throw fail() }
        var total = 0.0
        var number = ""
        var sawHours = false, sawMinutes = false
        for ch in s {
            if ch.isASCII && (ch.isNumber || ch == ".") {
                number.append(ch)
            } else if ch == "h" && !sawHours && !sawMinutes, let v = Double(number) {
                total += v * 60; sawHours = true; number = ""
            } else if ch == "m" && !sawMinutes, let v = Double(number), v == v.rounded() {
                total += v; sawMinutes = true; number = ""
            } else {
                throw fail()
            }
        }
        guard number.isEmpty, sawHours || sawMinutes, total == total.rounded() else { throw fail() }
        minutes = Int(total)
    }

    public static func < (a: ScheduleDuration, b: ScheduleDuration) -> Bool { a.minutes < b.minutes }

    /// `1h30m`, `2h`, `45m`.
    public var description: String {
        let h = minutes / 60, m = minutes % 60
        if h == 0 { return "\(m)m" }
        return m == 0 ? "\(h)h" : "\(h)h\(m)m"
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
