import ArgumentParser
import Foundation
import Overblik
import Scheduling

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
            now = CopenhagenTime.localTime(at: UTCInstant(secondsSince1970: Int64(Date().timeIntervalSince1970)))
        }
        let report = try global.open().checkQuality(
            QualityOptions(staleAfterYears: years, duplicateRadiusMetres: radius, now: now))
        switch global.format {
        case .json:
            try Output.json(report)
        case .csv:
            Output.write(CSVText.row(["kind", "table", "id", "name", "detail", "related_id"]))
            for p in report.problems {
                Output.write(CSVText.row([p.kind.rawValue, p.table, p.id, p.name, p.detail, p.relatedID ?? ""]))
            }
        default:
            printTable(report)
        }
        Output.flush()
        if !report.isClean { throw SilentExit(code: ExitCodes.noResult, message: nil) }
    }

    func printTable(_ report: QualityReport) {
        let e = report.examined
        Output.line("Checked \(e.facilities) facilities, \(e.rooms) bookable rooms, \(e.bookings) bookings, \(e.districts) districts at \(report.referenceTime)")
        var counts = TextTable(["problem", "count"], rightAligned: [1])
        for kind in QualityProblem.Kind.allCases { counts.add([kind.rawValue, String(report.counts[kind.rawValue] ?? 0)]) }
        Output.write(counts.render())
        guard !report.problems.isEmpty else {
            Output.line("No problems found.")
            return
        }
        Output.line()
        var table = TextTable(["problem", "table", "id", "name", "detail"])
        for p in report.problems {
            table.add([p.kind.rawValue, p.table, p.id, p.name, p.detail])
        }
        Output.write(table.render())
    }
}
