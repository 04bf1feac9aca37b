public import Analysis
public import Formats
public import GeoJSON
public import GeoTypes
public import Geometry
public import Scheduling
public import Store
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The classification of every error the lower modules throw, stated once. A new error type in a
// lower module gets its line here; `OverblikFailure` treats anything unlisted as a store or I/O failure.

extension StoreError: ClassifiedError {
    public var failureClass: FailureClass {
        switch self {
        case .notFound: return .noResult
        case .duplicateIDs: return .badInput
        case .schemaTooNew, .notAnOverblikStore, .spatialiteUnavailable, .corruptFeature, .missingStore: return .storeOrIO
        }
    }
}

extension DatabaseError: ClassifiedError {
    public var failureClass: FailureClass { .storeOrIO }
}

extension ImportError: ClassifiedError {
    public var failureClass: FailureClass { .badInput }
}

extension ImportProblem: ClassifiedError {
    public var failureClass: FailureClass { .badInput }
}

extension WebMapError: ClassifiedError {
    public var failureClass: FailureClass { .badInput }
}

extension OutputFileError: ClassifiedError {
    public var failureClass: FailureClass {
        switch reason {
        case .isTheStore: return .badInput
        case .failed: return .storeOrIO
        }
    }
}

// Pure parsers: what they refuse is the user's input.
extension OpeningHoursError: ClassifiedError { public var failureClass: FailureClass { .badInput } }
extension LocalTimeError: ClassifiedError { public var failureClass: FailureClass { .badInput } }
extension IntervalError: ClassifiedError { public var failureClass: FailureClass { .badInput } }
extension CalendarFileError: ClassifiedError { public var failureClass: FailureClass { .badInput } }
extension CoordinateError: ClassifiedError { public var failureClass: FailureClass { .badInput } }
extension DistanceParseError: ClassifiedError { public var failureClass: FailureClass { .badInput } }
extension InvalidPolygonError: ClassifiedError { public var failureClass: FailureClass { .badInput } }
extension AllocationInputError: ClassifiedError { public var failureClass: FailureClass { .badInput } }
extension FilterParseError: ClassifiedError { public var failureClass: FailureClass { .badInput } }
extension AnalysisInputError: ClassifiedError { public var failureClass: FailureClass { .badInput } }

extension GeometryError: ClassifiedError {
    public var failureClass: FailureClass {
        switch self {
        case .invalidPolygon, .unexpectedType, .emptyInput: return .badInput
        case .contextCreationFailed, .geos: return .storeOrIO
        }
    }
}

// Readers: a malformed file is bad input; a named file that is not there is too (the user named
// it); any other failed system call is I/O.
extension CSVError: ClassifiedError {
    public var failureClass: FailureClass {
        if case let .io(_, code) = kind { return FailureClass.forSystemCall(errno: code) }
        return .badInput
    }
}

extension ShapefileError: ClassifiedError {
    public var failureClass: FailureClass {
        if case let .io(_, code) = kind { return FailureClass.forSystemCall(errno: code) }
        return .badInput
    }
}

extension GeoJSONError: ClassifiedError {
    public var failureClass: FailureClass {
        if case let .io(_, code) = kind { return FailureClass.forSystemCall(errno: code) }
        return .badInput
    }
}

extension ByteSourceError: ClassifiedError {
    public var failureClass: FailureClass { FailureClass.forSystemCall(errno: errno) }
}

// Writers: every failure to write output is an I/O failure.
extension ByteSinkError: ClassifiedError {
    public var failureClass: FailureClass { .storeOrIO }
}

extension GeoJSONWriteError: ClassifiedError {
    public var failureClass: FailureClass { .storeOrIO }
}

extension FailureClass {
    /// A failed open or read of an input file: a path that names nothing readable is bad input,
    /// anything else (EIO, ENOMEM, ...) an I/O failure.
    static func forSystemCall(errno code: Int32) -> FailureClass {
        [ENOENT, ENOTDIR, EISDIR, EACCES, ENAMETOOLONG, ELOOP].contains(code) ? .badInput : .storeOrIO
    }
}
