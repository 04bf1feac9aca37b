import ArgumentParser
import Foundation
import Overblik

struct FreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "free",
        abstract: "Free time of a room: availability minus holidays, closures and bookings.",
        discussion: """
        Availability is the room's opening_hours (PH = Danish public holidays, SH = the school holidays
        stored with `overblik calendar import`). Intervals are half-open local times; --min-duration drops
        shorter ones (real minutes, DST-aware). --format ics writes a VFREEBUSY (FBTYPE=FREE, UTC).

        Examples:
          overblik free nibe-kulturhus-sal --from 2026-12-01T00:00 --to 2026-12-08T00:00
          overblik free nibe-kulturhus-sal --from 2026-12-01T00:00 --to 2027-01-01T00:00 --min-duration 2h --format json
          overblik free hasseris-bibliotek-moedelokale --from 2026-12-01T00:00 --to 2026-12-02T00:00 --format ics
        """)

    @Argument(help: "The room id (or a facility id for a facility without listed rooms).") var room: String
    @Option(help: "Window start, local time: 2026-12-01T00:00, 01.12.2026, tirsdag 19.00, or a span \"ti 19-21\".") var from: String
    @Option(help: "Window end, local time: 2026-12-08T00:00; omit when --from is a span (\"ti 19-21\") or a date (that whole day).") var to: String?
    @Option(help: "Shortest free interval to show: 90m, 2h.") var minDuration: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require([.table, .json, .csv, .ics], command: "free")
        let (start, end) = try TimeInput.span(from: from, to: to)
        let minimum = try minDuration.map { try TimeInput.duration($0, option: "--min-duration") }
        let overblik = try global.open()
        let answer = try overblik.freeTime(roomID: room, from: start, to: end, minDuration: minimum)
        for warning in answer.warnings { Output.error("overblik: warning: " + warning) }
        try Output.render(answer, as: global.format)
    }
}
