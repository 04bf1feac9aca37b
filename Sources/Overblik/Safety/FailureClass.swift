import Analysis
import Formats
import Foundation
import GeoJSON
import GeoTypes
import Geometry
import Scheduling
import Store

/// The four ways a use case can fail, as DESIGN.md's exit codes name them. Every front-end maps a
/// failure through this one classification: the CLI's exit code is ``exitCode``, a server's status
/// ``httpStatus``.
public enum FailureClass: Int32, Sendable, CaseIterable, CustomStringConvertible {
    /// Nothing matched where a result was required (an unknown place, room or booking).
    case noResult = 1
    /// Bad usage or bad input: a value, file or record that cannot be used as given.
    case badInput = 2
    /// A write that would clash with what is stored (an overlapping booking).
    case conflict = 3
    /// The store or a file could not be read or written (locked, full disk, closed pipe, not a store).
    case storeOrIO = 4

    /// The process exit status of DESIGN.md (1, 2, 3, 4).
    public var exitCode: Int32 { rawValue }

    /// The HTTP status a service answers with (404, 400, 409, 503).
    public var httpStatus: Int {
        switch self {
        case .noResult: return 404
        case .badInput: return 400
        case .conflict: return 409
        case .storeOrIO: return 503
        }
    }

    public var description: String {
        switch self {
        case .noResult: return "no result"
        case .badInput: return "bad input"
        case .conflict: return "conflict"
        case .storeOrIO: return "store or I/O failure"
        }
    }
}

/// An error that knows its ``FailureClass``. Every error type the library throws conforms (the
/// lower modules' errors in `FailureClass+Conformances.swift`), so a front-end classifies by
/// asking the error, never by its type name.
public protocol ClassifiedError: Error {
    /// How the failure is classified.
    var failureClass: FailureClass { get }
}

extension OverblikError: ClassifiedError {
    public var failureClass: FailureClass {
        switch self {
        case .notFound: return .noResult
        case .badInput: return .badInput
        case .conflict: return .conflict
        case .io: return .storeOrIO
        }
    }
}

/// The one error that crosses the library's boundary to a front-end: any error the library threw,
/// classified once (by its ``ClassifiedError`` conformance) and described.
///
/// ```swift
/// do { try run() } catch {
///     let failure = OverblikFailure(error)
///     print(failure.message); exit(failure.failureClass.exitCode)
/// }
/// ```
public struct OverblikFailure: ClassifiedError, Sendable {
    public var failureClass: FailureClass
    /// What failed, for people (file, line and field where the error knows them).
    public var message: String

    public init(failureClass: FailureClass, message: String) {
        self.failureClass = failureClass
        self.message = message
    }

    /// Classifies `error`. An error of a type the library does not know (Foundation's file errors, a
    /// bug) is a store or I/O failure: the output or the store failed, never the user's input.
    public init(_ error: any Error) {
        if let failure = error as? OverblikFailure { self = failure; return }
        failureClass = (error as? any ClassifiedError)?.failureClass ?? .storeOrIO
        message = String(describing: error)
    }

    public var description: String { message }
}
