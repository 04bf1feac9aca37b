import Foundation
import TestSupport

/// Runs the built `overblik` executable.
enum CLI {
    static let binary: String = {
        if let env = ProcessInfo.processInfo.environment["OVERBLIK_BIN"] { return env }
        return TestSupport.packageRoot.appendingPathComponent(".build/debug/overblik").path
    }()

    /// The fixed local time every CLI test runs at, unless it sets `OVERBLIK_NOW` itself.
    static let clock = "2026-01-01T00:00"

    static func run(_ arguments: [String], db: String? = nil, environment: [String: String] = [:],
                    stdin: String? = nil) throws -> TestSupport.ProcessResult {
        var env = environment
        if let db { env["OVERBLIK_DB"] = db }
        // The facade's clock, fixed before every date these tests book (bookings in the past are refused).
        if env["OVERBLIK_NOW"] == nil { env["OVERBLIK_NOW"] = CLI.clock }
        return try TestSupport.run(binary, arguments, environment: env, stdin: stdin, currentDirectory: TestSupport.packageRoot)
    }

    /// A store with the bundled sample imported through the CLI; returns its path.
    static func sampleStore(_ label: String) throws -> String {
        let db = try TestSupport.temporaryDirectory(label).appendingPathComponent("cli.sqlite").path
        let steps: [[String]] = [
            ["import", "districts", "Data/districts.geojson", "--name-field", "name", "--code-field", "code", "--rural-field", "rural"],
            ["import", "settlements", "Data/settlements.csv", "--attribution", "GeoNames (CC BY 4.0)"],
            ["import", "facilities", "Data/facilities.csv"],
            ["import", "rooms", "Data/rooms.csv"],
        ]
        for step in steps {
            let r = try run(step, db: db)
            guard r.status == 0 else { throw CLIFailure(arguments: step, result: r) }
        }
        return db
    }

    struct CLIFailure: Error, CustomStringConvertible {
        var arguments: [String]
        var result: TestSupport.ProcessResult
        var description: String { "overblik \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)" }
    }
}
