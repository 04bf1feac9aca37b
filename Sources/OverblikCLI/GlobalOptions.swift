import ArgumentParser
import Overblik

/// Options every command takes: the database and the output format.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The store: a SpatiaLite file, or postgres://USER@HOST:PORT/DB (default: $OVERBLIK_DB, else ./overblik.sqlite).")
    var db: String?

    @Option(name: .long, help: "Output format: table, json, csv, geojson (ics where it fits).")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "CSV cells as stored: no ' before cells starting with = + - @ (the spreadsheet formula guard).")
    var rawCsv = false

    mutating func validate() throws { CSVText.guardsFormulas = !rawCsv }

    var databasePath: String { Overblik.resolveDatabasePath(db) }

    /// Opens an existing store (read-only when its file or folder cannot be written); a missing or
    /// empty file is refused with its path.
    func open() throws -> Overblik { Self.announcingLockWaits(try Overblik(databasePath: databasePath, creating: false)) }

    /// Opens the store, creating it when missing (imports and set-up only).
    func openCreating() throws -> Overblik { Self.announcingLockWaits(try Overblik(databasePath: databasePath)) }

    /// Tells the user on standard error when a write has to wait for another writer.
    static func announcingLockWaits(_ overblik: Overblik) -> Overblik {
        let path = overblik.databasePath
        overblik.onLockWait = { Output.error("overblik: waiting for another writer to finish with \(path) (at most \(Overblik.lockWaitSeconds) s)") }
        return overblik
    }

    /// Opens the store for a read-only query without loading SpatiaLite (faster start).
    func openForQuery() throws -> Overblik { try Overblik(queryingDatabasePath: databasePath) }

    /// Requires one of `allowed` formats.
    func require(_ allowed: [OutputFormat], command: String) throws {
        guard allowed.contains(format) else {
            throw ValidationError("\(command) supports --format \(allowed.map(\.rawValue).joined(separator: "|")), not \(format.rawValue)")
        }
    }

    /// Moves global options given before the command name (`overblik --db X info`) after it,
    /// where every command declares them.
    static func hoist(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let arg = arguments[index]
            if arg == "--db" || arg == "--format" {
                guard index + 1 < arguments.count else { break }
                leading += [arg, arguments[index + 1]]
                index += 2
            } else if arg.hasPrefix("--db=") || arg.hasPrefix("--format=") {
                leading.append(arg)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        if let terminator = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: leading, at: terminator)
        } else {
            rest += leading
        }
        return rest
    }
}
