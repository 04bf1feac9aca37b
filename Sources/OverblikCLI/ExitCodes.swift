import ArgumentParser
import Foundation
import Overblik
import Store

/// The exit codes of DESIGN.md and how library errors map onto them.
enum ExitCodes {
    static let success: Int32 = 0
    static let noResult: Int32 = 1
    static let badInput: Int32 = 2
    static let conflict: Int32 = 3
    static let ioFailure: Int32 = 4

    /// The code for a library error; nil for argument-parser errors (handled by the caller).
    static func code(for error: Error) -> Int32? {
        switch error {
        case let e as OverblikError:
            switch e {
            case .notFound: return noResult
            case .badInput: return badInput
            case .conflict: return conflict
            case .io: return ioFailure
            }
        case is ImportError, is ImportProblem: return badInput
        case let e as StoreError:
            switch e {
            case .notFound: return noResult
            case .duplicateIDs: return badInput
            case .schemaTooNew, .notAnOverblikStore, .spatialiteUnavailable, .corruptFeature: return ioFailure
            }
        case is DatabaseError: return ioFailure
        case is SilentExit: return (error as! SilentExit).code
        case is CocoaError, is POSIXError: return ioFailure
        default:
            if error is ValidationError || error is CleanExit { return nil }
            let described = String(describing: type(of: error))
            // Typed errors from the pure modules (parsers of durations, hours, distances) are bad input.
            if described.hasSuffix("Error") && !described.contains("Parser") && !described.contains("Command") {
                return badInput
            }
            return nil
        }
    }

    static func message(for error: Error) -> String {
        if let silent = error as? SilentExit { return silent.message ?? "" }
        return String(describing: error)
    }
}

/// Ends the program with a code after the command already printed what it had to say.
struct SilentExit: Error {
    var code: Int32
    var message: String?
}
