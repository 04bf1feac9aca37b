import ArgumentParser
import Overblik

struct BookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Book a room, once or weekly, without double-booking.",
        discussion: """
        ROOM is a room id, or a facility id for a facility without listed rooms. Times are local
        Europe/Copenhagen (2026-12-01T19:00); times that do not exist (the spring-forward hour) are
        refused. A booking outside the room's availability (opening_hours, holidays, closures) or
        overlapping another booking is refused with exit code 3, naming the other bookings; nothing is
        written. Checking and writing happen in one transaction, so two users can never book the same time.
        A weekly booking skips public holidays (reported) unless --include-holidays, and is stored whole or
        not at all.

        Examples:
          overblik book noerresundby-bibliotek --from 2026-12-01T17:00 --to 2026-12-01T18:30 --holder "Skakklubben"
          overblik book nibe-skole-aula --from 2026-08-18T19:00 --to 2026-08-18T21:00 --holder "Nibe Kor" --activity adults --repeat weekly --until 2027-06-29
          overblik book sebbersund-forsamlingshus --from 2026-12-19T10:00 --to 2026-12-19T12:00 --holder Julemarked --format json
        """)

    @Argument(help: "The room id (or a facility id for a facility without listed rooms).") var room: String
    @Option(help: "Start, local time: 2026-12-01T19:00, 01.12.2026 19.00, tirsdag 19.00, or a span \"ti 19-21\".") var from: String
    @Option(help: "End, local time: 2026-12-01T21:00 (or 21.00 on the start's day); omit when --from is a span such as \"ti 19-21\".") var to: String?
    @Option(help: "Who books (an association or a person).") var holder: String
    @Option(help: "Activity class: disability, children, adult-education, adults.") var activity: String?
    @Option(help: "Repeat the booking: weekly.") var `repeat`: String?
    @Option(help: "Last date of a weekly booking: 2027-06-30.") var until: String?
    @Flag(help: "Keep weekly occurrences that fall on public holidays.") var includeHolidays = false
    @Flag(help: "Book the weeks that are free and skip (and report) the busy ones, instead of refusing the series.")
    var skipConflicts = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let r = `repeat`, r != "weekly" { throw ValidationError("--repeat supports only 'weekly', not '\(r)'") }
        if `repeat` != nil && until == nil { throw ValidationError("--repeat weekly needs --until DATE") }
        if until != nil && `repeat` == nil { throw ValidationError("--until needs --repeat weekly") }
        if includeHolidays && `repeat` == nil { throw ValidationError("--include-holidays applies to --repeat weekly") }
        if skipConflicts && `repeat` == nil { throw ValidationError("--skip-conflicts applies to --repeat weekly") }
    }

    func run() throws {
        try global.require([.table, .json, .csv], command: "book")
        let (start, end) = try TimeInput.span(from: from, to: to)
        let last = try until.map { try TimeInput.date($0, option: "--until") }
        let receipt = try global.open().book(roomID: room, from: start, to: end, holder: holder, activity: activity,
                                             repeatWeeklyUntil: last, includeHolidays: includeHolidays, skipConflicts: skipConflicts)
        for warning in receipt.warnings { Output.error("overblik: warning: " + warning) }
        try Output.render(receipt, as: global.format)
    }
}
