import ArgumentParser
import Overblik

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a booking, or with --series its whole weekly series.",
        discussion: """
        BOOKING is the id shown by `overblik book` and `overblik bookings`. An unknown id exits 1.
        A single occurrence cancelled from a series shows as an EXDATE in the series' iCalendar event.

        Examples:
          overblik cancel 42
          overblik cancel 42 --series
          overblik cancel 42 --format json
        """)

    @Argument(help: "The booking id.") var booking: Int64
    @Flag(help: "Cancel every remaining booking of the booking's weekly series.") var series = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require([.table, .json, .csv], command: "cancel")
        let receipt = try global.open().cancel(bookingID: booking, wholeSeries: series)
        try Output.render(receipt, as: global.format)
    }
}
