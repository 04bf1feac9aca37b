import Foundation

extension AccessibilityOutcome: RenderableOutcome {
    /// `access`: districts worst first as a table or CSV, or the JSON document.
    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        let o = self
        func value(_ a: Double?) -> String { a.map { String(format: "%.4f", $0) } ?? "-" }
        switch format {
        case .json: try sink.json(self)
        case .csv:
            sink.write(CSVText.row(["code", "name", "rural", "population", "accessibility"]))
            for d in o.districts {
                sink.write(CSVText.row([d.code, d.name, String(d.rural), Format.count(d.population), d.accessibility.map { String($0) } ?? ""]))
            }
        case .table:
            sink.line("Demand: \(o.source.rawValue); week \(o.weekFrom)..\(o.weekTo); catchment \(o.catchmentS.map(Format.minutes) ?? o.catchmentM.map(Format.distance) ?? "-") (\(o.travel.map { "by \($0), " } ?? "")\(o.metric)); "
                + "decay \(o.decay.rawValue); \(o.facilities.count) qualifying facilities")
            var t = TextTable(["code", "district", "area", "residents", "person-hours/week per resident"], rightAligned: [3, 4])
            for d in o.districts {
                t.add([d.code, d.name, d.rural ? "rural" : "urban", Format.count(d.population), value(d.accessibility)])
            }
            t.add(["", "RURAL", "", "", value(o.rural)])
            t.add(["", "URBAN", "", "", value(o.urban)])
            t.add(["", "TOTAL", "", "", value(o.total)])
            if o.outsideDistricts != nil { t.add(["", "OUTSIDE (not in total)", "", "", value(o.outsideDistricts)]) }
            sink.write(t.render())
            if let c = o.classification {
                sink.line(c.summary)
                if let w = c.warning { sink.line("warning: \(w)") }
            }
        case .geojson, .ics: throw OutputFormat.unsupported(format, by: "access")
        }
    }
}
