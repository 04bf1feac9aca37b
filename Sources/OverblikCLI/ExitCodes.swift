import ArgumentParser
import Foundation
import Overblik

/// The exit codes of DESIGN.md. Library errors carry their class (``FailureClass``); the CLI only
/// reads it, so a new library error needs no change here.
enum ExitCodes {
    static let success: Int32 = 0
    static let noResult: Int32 = FailureClass.noResult.exitCode
    static let badInput: Int32 = FailureClass.badInput.exitCode
    static let conflict: Int32 = FailureClass.conflict.exitCode
    static let ioFailure: Int32 = FailureClass.storeOrIO.exitCode

    /// The code and message for an error thrown while a command ran (after parsing).
    static func outcome(for error: Error) -> (code: Int32, message: String) {
        switch error {
        case let silent as SilentExit:
            return (silent.code, silent.message ?? "")
        case let exit as ExitCode:
            return (exit.rawValue, "")
        case is ValidationError, is CleanExit:
            // Usage found wrong inside run() (a bad --now, say): bad usage.
            return (badInput, OverblikCommand.message(for: error))
        default:
            let failure = OverblikFailure(error)
            return (failure.failureClass.exitCode, failure.message)
        }
    }
}

/// Ends the program with a code after the command already printed what it had to say.
struct SilentExit: Error {
    var code: Int32
    var message: String?
}
