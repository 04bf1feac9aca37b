/// Why an opening_hours string was rejected: where, what was expected and what was found.
///
/// ```swift
/// do { _ = try OpeningHours(parsing: "Mo-Fr Xy") }
/// catch { print(error) } // expected a weekday, time or 'off' at column 7, found 'Xy'
/// ```
public struct OpeningHoursError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based offset of the offending token, counted in Unicode scalars.
    public let offset: Int
    /// What the parser expected at that point, e.g. `a weekday, time or 'off'`.
    public let expected: String
    /// The text found there (`end of input` at the end).
    public let found: String

    /// 1-based column (``offset`` + 1).
    public var column: Int { offset + 1 }

    /// Creates an error.
    public init(offset: Int, expected: String, found: String) {
        self.offset = offset
        self.expected = expected
        self.found = found
    }

    /// `expected X at column N, found 'Y'`.
    public var description: String {
        let shown = found == Self.endOfInput ? found : "'\(found)'"
        return "expected \(expected) at column \(column), found \(shown)"
    }

    /// Two lines for people: the source, and a caret under the offending column.
    ///
    /// ```
    /// Mo-Fr Xy
    ///       ^
    /// ```
    public func pointer(in source: String) -> String {
        let line = String(String.UnicodeScalarView(source.unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : $0 }))
        return line + "\n" + String(repeating: " ", count: offset) + "^"
    }

    static let endOfInput = "end of input"
}
