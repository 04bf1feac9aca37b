import ArgumentParser
import Foundation
import Overblik
import Store

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
        let arguments = GlobalOptions.hoist(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            Self.finish(with: error)
        }
    }

    /// Prints `error` and exits with its code.
    static func finish(with error: Error) -> Never {
        if let code = ExitCodes.code(for: error) {
            let message = ExitCodes.message(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data(("overblik: " + message + "\n").utf8))
            }
            Foundation.exit(code)
        }
        // Argument parsing: help and version exit 0 through the parser; usage errors exit 2.
        if exitCode(for: error) == .success { exit(withError: error) }
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitCodes.badInput)
    }
}
