import ArgumentParser
import Overblik

struct BookingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookings",
        abstract: "List bookings, of one room or of all, optionally within a time window.",
        discussion: """
        --format ics writes an RFC 5545 calendar (TZID Europe/Copenhagen): one event per booking, and one
        event per weekly series with RRULE and EXDATEs for skipped holidays and cancelled occurrences.

        Examples:
          overblik bookings
          overblik bookings nibe-kulturhus-sal --from 2026-12-01T00:00 --to 2027-01-01T00:00
          overblik bookings nibe-kulturhus-sal --format ics > nibe.ics
          overblik bookings --format json
        """)

    @Argument(help: "The room id (omit for every room).") var room: String?
    @Option(help: "Only bookings ending after this local time.") var from: String?
    @Option(help: "Only bookings starting before this local time.") var to: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require([.table, .json, .csv, .ics], command: "bookings")
        let window = try TimeInput.window(from: from, to: to)
        let overblik = try global.open()
        try Output.render(try overblik.bookingList(roomID: room, from: window?.0, to: window?.1), as: global.format)
    }
}
