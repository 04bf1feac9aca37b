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
        let summary = try global.open().summary()
        switch global.format {
        case .json:
            try Output.json(summary)
        case .csv:
            Output.write(CSVText.row(["code", "name", "rural", "facilities", "settlements", "population"]))
            for d in summary.districtList {
                Output.write(CSVText.row([d.code, d.name, String(d.rural), String(d.facilities), String(d.settlements),
                                          Format.count(d.population)]))
            }
        default:
            printTable(summary)
        }
        Output.flush()
    }

    func printTable(_ s: Summary) {
        Output.line("Database       \(s.database) (schema version \(s.schemaVersion))")
        Output.line("Facilities     \(s.facilities)   rooms \(s.rooms)   bookings \(s.bookings)")
        Output.line("Settlements    \(s.settlements) (\(s.ruralSettlements) rural, \(s.urbanSettlements) urban; residents \(Format.count(s.ruralPopulation)) rural, \(Format.count(s.urbanPopulation)) urban)")
        Output.line("Population pts \(s.populationPoints)")
        Output.line("Districts      \(s.districts) (\(s.ruralDistricts) rural, \(s.urbanDistricts) urban\(s.districts > 0 ? "; " + s.classification.summary : ""))")
        if s.districts > 0, let warning = s.classification.warning { Output.line("Warning        \(warning)") }
        if let e = s.extent {
            Output.line("Extent         lon \(e.minLon)...\(e.maxLon), lat \(e.minLat)...\(e.maxLat)")
        }
        if !s.facilitiesByKind.isEmpty {
            let kinds = s.facilitiesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            Output.line("By kind        \(kinds)")
        }
        for (table, ids) in s.outsideDistricts.sorted(by: { $0.key < $1.key }) where !ids.isEmpty {
            let shown = ids.prefix(20).joined(separator: ", ")
            Output.line("Outside every district: \(ids.count) \(table) (\(shown)\(ids.count > 20 ? ", ..." : ""))")
        }
        if !s.districtList.isEmpty {
            Output.line()
            var table = TextTable(["code", "district", "rural", "facilities", "settlements", "residents"], rightAligned: [3, 4, 5])
            for d in s.districtList {
                table.add([d.code, d.name, d.rural ? "rural" : "urban", String(d.facilities), String(d.settlements),
                           Format.count(d.population)])
            }
            Output.write(table.render())
        }
    }
}
