import ArgumentParser
import Foundation
import Overblik

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

    @Argument(help: "check, open, next-change or intervals.") var action: HoursAction
    @Argument(help: "The opening_hours string (quote it).") var hours: String
    @Option(help: "The moment for open and next-change (local time; default now).") var at: String?
    @Option(help: "Window start for intervals (local time).") var from: String?
    @Option(help: "Window end for intervals (local time).") var to: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require(action == .intervals ? [.table, .json, .csv] : [.table, .json], command: "hours \(action.rawValue)")
        let answer: HoursAnswer
        do {
            answer = try Overblik.hours(action, hours, at: at, from: from, to: to, databasePath: global.databasePath)
        } catch let invalid as InvalidOpeningHours {
            if global.format == .json { try Output.render(invalid, as: .json) }
            throw SilentExit(code: ExitCodes.badInput, message: invalid.message)
        }
        for warning in answer.warnings { Output.error("overblik: warning: " + warning) }
        try Output.render(answer, as: global.format)
    }
}
