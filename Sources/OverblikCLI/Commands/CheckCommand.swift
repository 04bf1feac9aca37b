import ArgumentParser
import Foundation
import Overblik

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Data-quality report: facilities outside districts, unknown or stale accessibility, duplicates, rooms never available, bookings outside availability.",
        discussion: """
        Problems found: facilities outside every district (when districts are loaded); wheelchair access
        unknown; accessibility last checked before --older-than (or never: no checked date); likely
        duplicates (within --duplicate-within by geodesic distance, with similar names); bookable rooms
        with no opening_hours, with opening_hours that does not parse, or that never opens in the 365
        days from --at; bookings not wholly inside their room's availability.

        Exit status: 0 when nothing was found, 1 when problems were found (like "no result where one was
        required": the data is not clean), 2 for bad usage, 4 when the database cannot be read.

        Examples:
          overblik check
          overblik check --older-than 3y --format csv > problems.csv
          overblik check --at 2026-12-01T00:00 --duplicate-within 50m --format json
        """)

    @Option(help: "Accessibility information checked longer ago than this is stale: 5y (years).")
    var olderThan: String = "5y"

    @Option(help: "Facilities this close with similar names are likely duplicates: 25m, 0.1km.")
    var duplicateWithin: String = "25m"

    @Option(help: "Reference time (local, ISO 8601), default now.")
    var at: String?

    @OptionGroup var global: GlobalOptions

    /// Parses `5y` / `5` (years).
    static func years(_ text: String) throws -> Int {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = t.hasSuffix("y") ? String(t.dropLast()) : t
        guard let n = Int(digits), n >= 0 else {
            throw ValidationError("--older-than: expected whole years like 5y, got '\(text)'")
        }
        return n
    }

    func run() throws {
        try global.require([.table, .json, .csv], command: "check")
        let years = try Self.years(olderThan)
        let radius = try parseDistance(duplicateWithin, option: "--duplicate-within")
        let now: LocalDateTime
        if let at {
            do { now = try LocalDateTime(parsing: at) } catch { throw ValidationError("--at: \(error)") }
        } else {
            now = Overblik.localNow()
        }
        let clean = try global.open().checkQuality(
            QualityOptions(staleAfterYears: years, duplicateRadiusMetres: radius, now: now), format: global.format, to: Output.sink)
        Output.flush()
        if !clean { throw SilentExit(code: ExitCodes.noResult, message: nil) }
    }
}
