/// Failures of the use cases, classified the way the CLI's exit codes are (DESIGN.md):
/// 1 no result where one was required, 2 bad usage or input, 3 conflict, 4 database or I/O.
public enum OverblikError: Error, Sendable, CustomStringConvertible {
    /// A place, room, facility or booking the user named does not exist.
    case notFound(what: String, suggestions: [String])
    /// Input that cannot be used, with the reason.
    case badInput(String)
    /// A write refused because it would clash with what is stored (bookings).
    case conflict(String)
    /// A file could not be read or written.
    case io(String)

    public var description: String {
        switch self {
        case let .notFound(what, suggestions):
            if suggestions.isEmpty { return "\(what) not found" }
            return "\(what) not found; did you mean: \(suggestions.joined(separator: ", "))?"
        case let .badInput(text), let .conflict(text), let .io(text):
            return text
        }
    }
}
