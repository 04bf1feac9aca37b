import Foundation
import PostgresStore
import Scheduling

/// What `hours` can be asked about an opening_hours string.
public enum HoursAction: String, CaseIterable, Sendable {
    case check, open, nextChange = "next-change", intervals
}

/// An answer about an opening_hours string, ready to render as a table, JSON, or (intervals) CSV.
public struct HoursAnswer: RenderableOutcome {
    enum Body {
        case check(CheckReport)
        case open(OpenReport, moment: LocalDateTime)
        case nextChange(NextChange, change: LocalDateTime?, openAfter: Bool?, moment: LocalDateTime)
        case intervals([LocalInterval])
    }
    let body: Body
    /// Warnings about the answer (SH without a stored calendar), for standard error.
    public let warnings: [String]

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch (body, format) {
        case let (.check(report), .json): try sink.json(report)
        case let (.check(report), .table): sink.line("valid: \(report.hours)")
        case let (.open(report, _), .json): try sink.json(report)
        case let (.open(report, moment), .table): sink.line("\(moment) \(moment.weekday.osmName): \(report.state)")
        case let (.nextChange(report, _, _, _), .json): try sink.json(report)
        case let (.nextChange(_, change, openAfter, moment), .table):
            if let change, let openAfter {
                sink.line("\(change) \(change.weekday.osmName): \(openAfter ? "opens" : "closes")")
            } else {
                sink.line("no change within ten years after \(moment)")
            }
        case let (.intervals(list), .json):
            try sink.json(list.map { Span(start: $0.start.description, end: $0.end.description, minutes: $0.realMinutes) })
        case let (.intervals(list), .csv):
            sink.write(CSVText.row(["start", "end", "minutes"]))
            for i in list { sink.write(CSVText.row([i.start.description, i.end.description, String(i.realMinutes)])) }
        case let (.intervals(list), .table):
            var t = TextTable(["day", "start", "end", "hours"], rightAligned: [3])
            for i in list {
                t.add([i.start.weekday.osmName, i.start.description, i.end.description, String(format: "%.2f", Double(i.realMinutes) / 60)])
            }
            sink.write(t.render())
        default: throw OutputFormat.unsupported(format, by: "hours")
        }
    }

    struct CheckReport: Encodable {
        public struct Problem: Encodable {
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

/// An opening_hours string that does not parse: the message with a caret under the fault, and the
/// JSON report (`valid: false`) for `--format json`.
public struct InvalidOpeningHours: Error, RenderableOutcome {
    public let message: String
    let report: HoursAnswer.CheckReport

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        guard format == .json else { throw OutputFormat.unsupported(format, by: "hours") }
        try sink.json(report)
    }
}

extension Overblik {
    /// Answers `action` about the opening_hours `text`: PH are the Danish public holidays, SH the
    /// school holidays stored in the database at `databasePath` when it exists (else none).
    /// Times are local; `at` defaults to now.
    /// - Throws: ``InvalidOpeningHours`` for a string that does not parse; ``OverblikError/badInput(_:)``
    ///   for bad times or a window that is missing or longer than ten years.
    public static func hours(_ action: HoursAction, _ text: String, at: String?, from: String?, to: String?,
                             databasePath: String) throws -> HoursAnswer {
        let parsed: OpeningHours
        do {
            parsed = try OpeningHours(parsing: text)
        } catch {
            throw InvalidOpeningHours(message: "invalid opening_hours: \(error)\n" + error.pointer(in: text),
                                      report: .init(valid: false, hours: text, error: .init(error)))
        }
        // A PostgreSQL database is read as it is (never given the schema); a file only when it exists.
        let postgres = PostgresStore.isPostgresURL(databasePath)
        let calendar = postgres || FileManager.default.fileExists(atPath: databasePath)
            ? try Overblik(databasePath: databasePath, readOnly: true, creating: !postgres).holidayCalendar() : .danish
        let warnings = parsed.usesSchoolHolidays && calendar.schoolHolidays.periods.isEmpty ? [missingSchoolHolidaysWarning] : []
        func moment() throws -> LocalDateTime {
            try at.map { try existingLocalTime(TimeInput.time($0, option: "--at"), option: "--at") } ?? TimeInput.now()
        }
        switch action {
        case .check:
            return HoursAnswer(body: .check(.init(valid: true, hours: text, error: nil)), warnings: warnings)
        case .open:
            let at = try moment()
            let state = parsed.state(at: at, calendar: calendar)
            return HoursAnswer(body: .open(.init(at: at.description, state: "\(state)", open: state == .open, warnings: warnings),
                                           moment: at), warnings: warnings)
        case .nextChange:
            let at = try moment()
            let change = parsed.nextChange(after: at, calendar: calendar)
            let openAfter = change.map { parsed.isOpen(at: $0, calendar: calendar) }
            return HoursAnswer(body: .nextChange(.init(after: at.description, nextChange: change?.description, openAfter: openAfter,
                                                       warnings: warnings), change: change, openAfter: openAfter, moment: at),
                               warnings: warnings)
        case .intervals:
            guard let window = try TimeInput.window(from: from, to: to) else {
                throw OverblikError.badInput("hours intervals needs --from T and --to T")
            }
            guard window.0 < window.1, window.1.localMinutes - window.0.localMinutes <= 10 * 366 * 1440 else {
                throw OverblikError.badInput("--to must lie after --from, at most ten years later")
            }
            return HoursAnswer(body: .intervals(parsed.intervals(from: window.0, to: window.1, calendar: calendar)), warnings: warnings)
        }
    }
}
