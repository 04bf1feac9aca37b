import ArgumentParser
import Overblik

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Counts, extent, districts, rural/urban split and schema version of the store.",
        discussion: """
        Examples:
          overblik info
          overblik --db out/demo.sqlite info --format json
        """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require([.table, .json, .csv], command: "info")
        try Output.render(try global.open().summary(), as: global.format)
    }
}
