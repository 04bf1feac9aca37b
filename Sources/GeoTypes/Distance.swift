/// A length in metres, with the parser and formatter the CLI uses for `--within 2.5km`.
///
/// Text forms: a number followed by a unit, `m` or `km` (case-insensitive), with optional spaces
/// between: `500m`, `2.5km`, `5 km`. A bare number is refused (`5` would be read as 5 metres by some
/// and 5 km by others). Formatting rounds to the metre:
/// `850 m`, `12.345 km`.
public struct Distance: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The length in metres.
    public var metres: Double

    @inlinable
    public init(metres: Double) {
        self.metres = metres
    }

    /// A length given in kilometres.
    @inlinable
    public static func kilometres(_ km: Double) -> Distance {
        Distance(metres: km * 1000)
    }

    /// Parses a distance such as `500m`, `2.5km` or `5 km`.
    /// - Throws: ``DistanceParseError`` naming the text and what was wrong with it: empty, not a
    ///   number, no unit, unknown unit, negative or not finite.
    public init(parsing text: String) throws(DistanceParseError) {
        let trimmed = trimmingSpaces(text)
        guard !trimmed.isEmpty else { throw DistanceParseError(text: text, reason: .empty) }
        // Split into the numeric prefix and the unit suffix.
        let numberEnd = trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E")) }
            ?? trimmed.endIndex
        var numberText = trimmed[..<numberEnd]
        var unitText = trimmingSpaces(trimmed[numberEnd...]).lowercased()
        // "5e" would swallow nothing useful; an exponent needs digits after it.
        if numberText.last == "e" || numberText.last == "E" {
            unitText = String(numberText.last!).lowercased() + unitText
            numberText = numberText.dropLast()
        }
        guard !numberText.isEmpty, let value = Double(numberText) else {
            throw DistanceParseError(text: text, reason: .notANumber)
        }
        guard value.isFinite else { throw DistanceParseError(text: text, reason: .notFinite) }
        let factor: Double
        switch unitText {
        case "": throw DistanceParseError(text: text, reason: .missingUnit)
        case "m": factor = 1
        case "km": factor = 1000
        default: throw DistanceParseError(text: text, reason: .unknownUnit(unitText))
        }
        guard value >= 0 else { throw DistanceParseError(text: text, reason: .negative) }
        self.init(metres: value * factor)
    }

    public static func < (lhs: Distance, rhs: Distance) -> Bool { lhs.metres < rhs.metres }

    /// Rounded to the metre: `850 m` below a kilometre, `12.345 km` from 1 000 m on.
    public var description: String {
        guard metres.isFinite else { return "\(metres) m" }
        let rounded = metres.rounded()
        let sign = rounded < 0 ? "-" : ""
        let m = Int(abs(rounded))
        if m < 1000 { return "\(sign)\(m) m" }
        let rest = String(m % 1000)
        return "\(sign)\(m / 1000).\(String(repeating: "0", count: 3 - rest.count))\(rest) km"
    }
}

/// Why a text is not a distance.
public struct DistanceParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case empty
        case notANumber
        case notFinite
        case negative
        case unknownUnit(String)
        /// A bare number: DESIGN.md wants a unit on every distance (`5` is not 5 km, nor 5 m).
        case missingUnit
    }

    /// The text as given.
    public var text: String
    public var reason: Reason

    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .empty: return "distance is empty (expected for example 500m or 2.5km)"
        case .notANumber: return "distance \"\(text)\" does not start with a number (expected for example 500m or 2.5km)"
        case .notFinite: return "distance \"\(text)\" is not a finite number"
        case .negative: return "distance \"\(text)\" is negative"
        case .missingUnit: return "distance \"\(text)\" has no unit (write \(text)m or \(text)km)"
        case let .unknownUnit(unit): return "distance \"\(text)\" has unknown unit \"\(unit)\" (use m or km)"
        }
    }
}

/// The text without leading and trailing whitespace.
func trimmingSpaces<S: StringProtocol>(_ text: S) -> Substring {
    let s = Substring(text)
    guard let first = s.firstIndex(where: { !$0.isWhitespace }),
          let last = s.lastIndex(where: { !$0.isWhitespace }) else { return s[s.endIndex...] }
    return s[first...last]
}
