/// Why the input to an analysis was rejected. Each case names what was wrong and where.
public enum AnalysisInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two inputs that must describe the same items have different lengths.
    case countMismatch(what: String, expected: Int, got: Int)
    /// A weight, population or supply value is negative, NaN or infinite.
    case invalidWeight(what: String, index: Int, value: Double)
    /// A distance is negative or NaN (infinity is allowed where documented).
    case invalidDistance(what: String, index: Int, value: Double)
    /// A reach threshold is negative, NaN or infinite.
    case invalidThreshold(label: String, metres: Double)
    /// Two reaches share a label; labels key the JSON output and must be unique.
    case duplicateReachLabel(String)
    /// No reach was given where at least one is required.
    case noReach
    /// An index points outside the collection it refers to.
    case indexOutOfRange(what: String, index: Int, value: Int, count: Int)
    /// Row starts of a sparse matrix are not non-decreasing, or do not span the columns array.
    case malformedRowStarts(row: Int)
    /// A sparse row lists the same column twice.
    case duplicateColumn(row: Int, column: Int)
    /// A parameter is outside its allowed range.
    case invalidParameter(name: String, value: Double, allowed: String)

    public var description: String {
        switch self {
        case let .countMismatch(what, expected, got):
            return "\(what): expected \(expected) values, got \(got)"
        case let .invalidWeight(what, index, value):
            return "\(what)[\(index)] must be a finite number >= 0, got \(value)"
        case let .invalidDistance(what, index, value):
            return "\(what)[\(index)] must be a distance >= 0 in metres, got \(value)"
        case let .invalidThreshold(label, metres):
            return "reach '\(label)' must be a finite distance >= 0 in metres, got \(metres)"
        case let .duplicateReachLabel(label):
            return "reach label '\(label)' is used twice"
        case .noReach:
            return "at least one reach (threshold) is required"
        case let .indexOutOfRange(what, index, value, count):
            return "\(what)[\(index)] = \(value) is outside 0..<\(count)"
        case let .malformedRowStarts(row):
            return "sparse rows: row starts are malformed at row \(row)"
        case let .duplicateColumn(row, column):
            return "sparse rows: row \(row) lists column \(column) twice"
        case let .invalidParameter(name, value, allowed):
            return "\(name) = \(value) is not allowed (\(allowed))"
        }
    }
}
