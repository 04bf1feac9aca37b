import ArgumentParser
import Foundation
import Overblik

/// `overblik`: the command-line interface. Parses, calls the Overblik library, prints, and maps
/// errors to the exit codes of DESIGN.md (0 ok, 1 no result, 2 bad usage/input, 3 conflict, 4 I/O).
@main
struct OverblikCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overblik",
        abstract: "Facility overview, proximity, coverage and scheduling for municipal rooms.",
        discussion: """
        The database is --db PATH, else $OVERBLIK_DB, else ./overblik.sqlite. Global options may come
        before or after the command.

        Examples:
          overblik import facilities Data/facilities.csv
          overblik info --format json
          overblik near Nibe --kind village_hall --wheelchair yes --within 10km
        """,
        version: "0.1.0",
        subcommands: CommandRegistry.all
    )

    static func main() {
        // A closed pipe is a write error (exit 4 with a message), not a silent death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let arguments = GlobalOptions.hoist(Array(CommandLine.arguments.dropFirst()))
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            // Argument parsing: help and version exit 0 through the parser; usage errors exit 2.
            if exitCode(for: error) == .success { exit(withError: error) }
            Output.error(fullMessage(for: error))
            Foundation.exit(ExitCodes.badInput)
        }
        do {
            try command.run()
            try Output.finish()
        } catch {
            Self.finish(with: error)
        }
    }

    /// Prints `error` (terminal-safe) and exits with its code.
    static func finish(with error: Error) -> Never {
        // `overblik COMMAND --help` runs the parser's help command, which ends with a clean exit.
        if !(error is any ClassifiedError) && exitCode(for: error) == .success {
            do { try Output.finish() } catch { Self.finish(with: error) }
            exit(withError: error)
        }
        var (code, message) = ExitCodes.outcome(for: error)
        // What the command printed before it failed still goes out; if that fails too, the write
        // error is reported as well and decides the code.
        do { try Output.finish() } catch let writeError {
            let failure = OverblikFailure(writeError)
            message += (message.isEmpty ? "" : "\noverblik: ") + failure.message
            code = failure.failureClass.exitCode
        }
        if !message.isEmpty { Output.error("overblik: " + message) }
        Foundation.exit(code)
    }
}
