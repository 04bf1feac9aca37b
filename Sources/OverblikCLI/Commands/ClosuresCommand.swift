import ArgumentParser
import Overblik

struct ClosuresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "closures",
        abstract: "Close a facility or a room for a while (renovation, an election), list and remove closures.",
        discussion: """
        Closed time is left out of free time and refused for bookings. Times are local (Europe/Copenhagen).

        Examples:
          overblik closures add --facility nibe-kulturhus --from 2027-03-01 --to 2027-04-01 --reason Renovering
          overblik closures add --room nibe-skole-aula --from "12.01.2027 17-22" --reason Valg
          overblik closures list --facility nibe-kulturhus --format json
          overblik closures remove 3
        """,
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a closure.")
        @Option(help: "The facility to close (every room).") var facility: String?
        @Option(help: "The one room to close.") var room: String?
        @Option(help: "Start: 2027-03-01T00:00, 01.03.2027, or a span \"12.01.2027 17-22\".") var from: String
        @Option(help: "End (exclusive); omit when --from is a span or a date (that day).") var to: String?
        @Option(help: "Why, for people.") var reason: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.require([.table, .json], command: "closures add")
            let (start, end) = try TimeInput.span(from: from, to: to)
            let closure = try global.open().addClosure(facilityID: facility, roomID: room, from: start, to: end, reason: reason)
            try Output.render(closure, as: global.format)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List closures.")
        @Option(help: "Only this facility's closures (its own and its rooms').") var facility: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.require([.table, .json], command: "closures list")
            try Output.render(try global.open().closureList(facilityID: facility), as: global.format)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a closure by id.")
        @Argument(help: "The closure id (see closures list).") var id: Int64
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.require([.table, .json], command: "closures remove")
            try global.open().removeClosure(id: id)
            Output.line("removed closure \(id)")
            Output.flush()
        }
    }
}
