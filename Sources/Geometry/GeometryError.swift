/// Why a geometry operation failed.
public enum GeometryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// GEOS could not create a context (out of memory).
    case contextCreationFailed
    /// A GEOS call failed; `message` is GEOS's own error text (empty when GEOS gave none).
    case geos(operation: String, message: String)
    /// The geometry is of a type the operation cannot use (e.g. a LineString where a polygon is needed).
    case unexpectedType(operation: String, expected: String, found: String)
    /// A polygon broke the rules; every problem is listed with its ring and vertex.
    case invalidPolygon(InvalidPolygonError)
    /// The input of an operation was empty where it must not be.
    case emptyInput(operation: String)

    public var description: String {
        switch self {
        case .contextCreationFailed: return "could not create a GEOS context"
        case let .geos(operation, message):
            return "GEOS \(operation) failed" + (message.isEmpty ? "" : ": \(message)")
        case let .unexpectedType(operation, expected, found):
            return "\(operation) needs \(expected), got \(found)"
        case let .invalidPolygon(error): return error.description
        case let .emptyInput(operation): return "\(operation) needs at least one geometry"
        }
    }
}
