import ArgumentParser
import Foundation
import Overblik
import Scheduling

struct HoursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hours",
        abstract: "Check and evaluate an OpenStreetMap opening_hours string.",
        discussion: """
        ACTION is one of:
          check          is the string valid? An invalid one is shown with the column, what was expected
                         and a caret under the fault, and exits 2.
          open           is it open at --at T (default: now)?
          next-change    when does open/closed next change after --at T (default: now)?
          intervals      the open intervals between --from T and --to T.
        PH means Danish public holidays; SH the school holidays stored with `overblik calendar import` (when
        the database exists), else none. Times are local Europe/Copenhagen.

        Examples:
          overblik hours check "Mo-Th 17:00-22:00; Sa,Su 08:00-20:00; PH off; SH off; Jul off"
          overblik hours check "Mo-Fr 25:00-26:00"
          overblik hours open "Mo-Fr 08:00-16:00; PH off" --at 2026-12-25T10:00
          overblik hours next-change "Fr 18:00-02:00" --at 2026-12-04T20:00 --format json
          overblik hours intervals "Mo-Th 17:00-22:00; PH off" --from 2026-12-21T00:00 --to 2026-12-28T00:00
        """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case check, open, nextChange = "next-change", intervals
    }

    @Argument(help: "check, open, next-change or intervals.") var action: Action
    @Argument(help: "The opening_hours string (quote it).") var hours: String
    @Option(help: "The moment for open and next-change (local time; default now).") var at: String?
    @Option(help: "Window start for intervals (local time).") var from: String?
    @Option(help: "Window end for intervals (local time).") var to: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require(action == .intervals ? [.table, .json, .csv] : [.table, .json], command: "hours \(action.rawValue)")
        let parsed: OpeningHours
        do {
            parsed = try OpeningHours(parsing: hours)
        } catch {
            if global.format == .json {
                try Output.json(CheckReport(valid: false, hours: hours, error: .init(error)))
                Output.flush()
            }
            throw SilentExit(code: ExitCodes.badInput,
                             message: "invalid opening_hours: \(error)\n" + error.pointer(in: hours))
        }
        let calendar = try holidayCalendar()
        let warnings = parsed.usesSchoolHolidays && calendar.schoolHolidays.periods.isEmpty
            ? [Overblik.missingSchoolHolidaysWarning] : []
        for warning in warnings { Output.error("overblik: warning: " + warning) }
        switch action {
        case .check:
            if global.format == .json { try Output.json(CheckReport(valid: true, hours: hours, error: nil)) } else {
                Output.line("valid: \(hours)")
            }
        case .open:
            let moment = try at.map { try Overblik.existingLocalTime(TimeArguments.time($0, option: "--at"), option: "--at") } ?? TimeArguments.now()
            let state = parsed.state(at: moment, calendar: calendar)
            let name = "\(state)"
            if global.format == .json { try Output.json(OpenReport(at: moment.description, state: name, open: state == .open, warnings: warnings)) } else {
                Output.line("\(moment) \(moment.weekday.osmName): \(name)")
            }
        case .nextChange:
            let moment = try at.map { try Overblik.existingLocalTime(TimeArguments.time($0, option: "--at"), option: "--at") } ?? TimeArguments.now()
            let change = parsed.nextChange(after: moment, calendar: calendar)
            let openAfter = change.map { parsed.isOpen(at: $0, calendar: calendar) }
            if global.format == .json {
                try Output.json(NextChange(after: moment.description, nextChange: change?.description,
                                           openAfter: openAfter, warnings: warnings))
            } else if let change, let openAfter {
                Output.line("\(change) \(change.weekday.osmName): \(openAfter ? "opens" : "closes")")
            } else {
                Output.line("no change within ten years after \(moment)")
            }
        case .intervals:
            guard let window = try TimeArguments.window(from: from, to: to) else {
                throw OverblikError.badInput("hours intervals needs --from T and --to T")
            }
            guard window.0 < window.1, window.1.localMinutes - window.0.localMinutes <= 10 * 366 * 1440 else {
                throw OverblikError.badInput("--to must lie after --from, at most ten years later")
            }
            let list = parsed.intervals(from: window.0, to: window.1, calendar: calendar)
            switch global.format {
            case .json:
                try Output.json(list.map { Span(start: $0.start.description, end: $0.end.description, minutes: $0.realMinutes) })
            case .csv:
                Output.write(CSVText.row(["start", "end", "minutes"]))
                for i in list { Output.write(CSVText.row([i.start.description, i.end.description, String(i.realMinutes)])) }
            default:
                var t = TextTable(["day", "start", "end", "hours"], rightAligned: [3])
                for i in list {
                    t.add([i.start.weekday.osmName, i.start.description, i.end.description, String(format: "%.2f", Double(i.realMinutes) / 60)])
                }
                Output.write(t.render())
            }
        }
        Output.flush()
    }

    /// PH always; SH from the store when the database file exists.
    func holidayCalendar() throws -> HolidayCalendar {
        guard FileManager.default.fileExists(atPath: global.databasePath) else { return .danish }
        return try Overblik(databasePath: global.databasePath, readOnly: true).holidayCalendar()
    }

    struct CheckReport: Encodable {
        struct Problem: Encodable {
            var column: Int
            var expected: String
            var found: String
            var message: String
            init(_ e: OpeningHoursError) {
                column = e.column
                expected = e.expected
                found = e.found
                message = e.description
            }
        }
        var valid: Bool
        var hours: String
        var error: Problem?
    }

    struct OpenReport: Encodable {
        var at: String
        var state: String
        var open: Bool
        /// Warnings about the answer (SH without a stored calendar); `warnings` in JSON when any.
        var warnings: [String] = []
        enum CodingKeys: String, CodingKey { case at, state, open, warnings }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(at, forKey: .at)
            try c.encode(state, forKey: .state)
            try c.encode(open, forKey: .open)
            if !warnings.isEmpty { try c.encode(warnings, forKey: .warnings) }
        }
    }

    struct Span: Encodable {
        var start: String
        var end: String
        var minutes: Int
    }

    struct NextChange: Encodable {
        var after: String
        var nextChange: String?
        var openAfter: Bool?
        var warnings: [String] = []
        enum CodingKeys: String, CodingKey { case after, nextChange = "next_change", openAfter = "open_after", warnings }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(after, forKey: .after)
            try c.encode(nextChange, forKey: .nextChange)
            try c.encode(openAfter, forKey: .openAfter)
            if !warnings.isEmpty { try c.encode(warnings, forKey: .warnings) }
        }
    }
}
