import Foundation

extension SitingOutcome: RenderableOutcome {
    /// `site`: the sites in the order they were added as a table, CSV, GeoJSON points or JSON.
    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(self)
        case .csv:
            sink.write(CSVText.row(["rank", "id", "name", "kind", "lon", "lat", "gain", "weighted_gain", "cumulative_covered", "cumulative_share"]))
            for s in self.sites {
                sink.write(CSVText.row([String(s.rank), s.id, s.name, s.kind ?? "", String(s.lon), String(s.lat), Format.count(s.gain),
                                          String(s.weightedGain), Format.count(s.cumulativeCovered),
                                          s.cumulativeShare.map { String(format: "%.6f", $0) } ?? ""]))
            }
        case .geojson: try layer.render(.geojson, to: sink)
        case .table: table(to: sink)
        case .ics: throw OutputFormat.unsupported(format, by: "site")
        }
    }

    private func table(to sink: OutcomeSink) {
        let o = self
        sink.line("Demand: \(o.source.rawValue), \(o.demandPoints) points, \(Format.count(o.population)) residents; "
            + "\(o.candidates) candidates; reach \(o.reach) (\(o.travel.map { "by \($0), " } ?? "")\(o.metric))")
        sink.line("Already covered: \(Format.count(o.alreadyCoveredPopulation))" + (o.population > 0
            ? " (\(Format.percent(o.alreadyCoveredPopulation / o.population)))" : ""))
        var t = TextTable(["#", "site", "kind", "newly covered", "covered", "share"], rightAligned: [0, 3, 4, 5])
        for s in o.sites {
            t.add([String(s.rank), s.name, s.kind ?? "settlement", Format.count(s.gain), Format.count(s.cumulativeCovered),
                   s.cumulativeShare.map(Format.percent) ?? "-"])
        }
        sink.write(t.render())
        if let upper = o.upperBound, let gap = o.gap, let value = o.value {
            sink.line("Objective \(String(format: "%.1f", value)), upper bound \(String(format: "%.1f", upper)), gap \(String(format: "%.3f %%", gap * 100))"
                + (o.provedOptimal ? ", proved optimal" : ""))
        }
        if let lower = o.lowerBound {
            let gap = o.sites.isEmpty ? 0 : Double(o.sites.count - lower) / Double(o.sites.count)
            sink.line("\(o.sites.count) site(s); no cover uses fewer than \(lower)"
                + (o.provedOptimal ? " (proved optimal)" : String(format: "; gap %.2f %% (stopped: %@)", gap * 100, o.stopReason ?? "limit")))
        }
        if o.uncoverablePopulation > 0 {
            sink.line("\(Format.count(o.uncoverablePopulation)) resident(s) in \(o.uncoverable.count) place(s) are beyond reach of every candidate.")
        }
    }
}
