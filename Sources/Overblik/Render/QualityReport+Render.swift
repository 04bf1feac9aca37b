import Foundation

extension QualityReport: RenderableOutcome {
    /// `check`: counts and problems as a table, the problems as CSV, or the JSON report.
    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        let report = self
        switch format {
        case .json: try sink.json(self)
        case .csv:
            sink.write(CSVText.row(["kind", "table", "id", "name", "detail", "related_id"]))
            for p in report.problems {
                sink.write(CSVText.row([p.kind.rawValue, p.table, p.id, p.name, p.detail, p.relatedID ?? ""]))
            }
        case .table:
            let e = report.examined
            sink.line("Checked \(e.facilities) facilities, \(e.rooms) bookable rooms, \(e.bookings) bookings, \(e.districts) districts at \(report.referenceTime)")
            var counts = TextTable(["problem", "count"], rightAligned: [1])
            for kind in QualityProblem.Kind.allCases { counts.add([kind.rawValue, String(report.counts[kind.rawValue] ?? 0)]) }
            sink.write(counts.render())
            guard !report.problems.isEmpty else {
                sink.line("No problems found.")
                return
            }
            sink.line()
            var table = TextTable(["problem", "table", "id", "name", "detail"])
            for p in report.problems {
                table.add([p.kind.rawValue, p.table, p.id, p.name, p.detail])
            }
            sink.write(table.render())
        case .geojson, .ics: throw OutputFormat.unsupported(format, by: "check")
        }
    }
}
