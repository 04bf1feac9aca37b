import Foundation

extension Summary: RenderableOutcome {
    /// `info`: a table, CSV of the districts, or the JSON document.
    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        let s = self
        switch format {
        case .json: try sink.json(self)
        case .csv:
            sink.write(CSVText.row(["code", "name", "rural", "facilities", "settlements", "population"]))
            for d in s.districtList {
                sink.write(CSVText.row([d.code, d.name, String(d.rural), String(d.facilities), String(d.settlements),
                                          Format.count(d.population)]))
            }
        case .table:
            sink.line("Database       \(s.database) (schema version \(s.schemaVersion))")
            sink.line("Facilities     \(s.facilities)   rooms \(s.rooms)   bookings \(s.bookings)")
            sink.line("Settlements    \(s.settlements) (\(s.ruralSettlements) rural, \(s.urbanSettlements) urban; residents \(Format.count(s.ruralPopulation)) rural, \(Format.count(s.urbanPopulation)) urban)")
            sink.line("Population pts \(s.populationPoints)")
            sink.line("Districts      \(s.districts) (\(s.ruralDistricts) rural, \(s.urbanDistricts) urban\(s.districts > 0 ? "; " + s.classification.summary : ""))")
            if s.districts > 0, let warning = s.classification.warning { sink.line("Warning        \(warning)") }
            if let e = s.extent {
                sink.line("Extent         lon \(e.minLon)...\(e.maxLon), lat \(e.minLat)...\(e.maxLat)")
            }
            if !s.facilitiesByKind.isEmpty {
                let kinds = s.facilitiesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                sink.line("By kind        \(kinds)")
            }
            for (table, ids) in s.outsideDistricts.sorted(by: { $0.key < $1.key }) where !ids.isEmpty {
                let shown = ids.prefix(20).joined(separator: ", ")
                sink.line("Outside every district: \(ids.count) \(table) (\(shown)\(ids.count > 20 ? ", ..." : ""))")
            }
            if !s.districtList.isEmpty {
                sink.line()
                var table = TextTable(["code", "district", "rural", "facilities", "settlements", "residents"], rightAligned: [3, 4, 5])
                for d in s.districtList {
                    table.add([d.code, d.name, d.rural ? "rural" : "urban", String(d.facilities), String(d.settlements),
                               Format.count(d.population)])
                }
                sink.write(table.render())
            }
        case .geojson, .ics: throw OutputFormat.unsupported(format, by: "info")
        }
    }
}
