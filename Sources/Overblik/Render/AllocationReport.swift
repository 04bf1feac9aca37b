import Analysis
import Foundation

/// An allocation round ready to render: the allocations, refusals and summary as a table, CSV,
/// JSON or GeoJSON points at the facilities.
public struct AllocationReport: RenderableOutcome {
    public let run: AllocationRun
    let layer: () throws -> FeatureLayer

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        let r = run.result
        switch format {
        case .json: try sink.json(r)
        case .csv:
            sink.write(CSVText.row(["application", "status", "facility", "room", "weekday", "start", "end", "dates",
                                      "skipped_dates", "rule", "reason"]))
            for a in r.allocations {
                sink.write(CSVText.row([a.application, "allocated", a.facility, a.room, a.weekday, a.start, a.end,
                                          String(a.dates.count), a.skippedDates.joined(separator: " "), a.rule, a.reason]))
            }
            for f in r.refusals {
                sink.write(CSVText.row([f.application, "refused", "", "", "", "", "", "", "", "", f.reason]))
            }
        case .geojson: try layer().render(.geojson, to: sink)
        case .table:
            table(r, to: sink)
            if run.dryRun {
                sink.line("dry run: nothing written")
            } else {
                sink.line("wrote \(run.bookingsWritten) bookings in \(r.allocations.count) weekly series")
            }
        case .ics: throw OutputFormat.unsupported(format, by: "allocate")
        }
    }

    private func table(_ r: AllocationResult, to sink: OutcomeSink) {
        sink.line("Season \(r.summary.seasonFrom)..\(r.summary.seasonTo): \(r.summary.allocated) of \(r.summary.applications) applications allocated, \(r.summary.refused) refused")
        sink.line()
        var t = TextTable(["application", "room", "slot", "weeks", "skipped", "rule", "reason"], rightAligned: [3, 4])
        for a in r.allocations {
            t.add([a.application, a.room, "\(a.weekday) \(a.start)-\(a.end)", String(a.dates.count), String(a.skippedDates.count),
                   a.rule, a.reason])
        }
        sink.write(t.render())
        if !r.refusals.isEmpty {
            sink.line()
            var refused = TextTable(["refused", "reason"])
            for f in r.refusals { refused.add([f.application, f.reason]) }
            sink.write(refused.render())
        }
        sink.line()
        var s = TextTable(["group", "applications", "allocated", "refused", "hours/week asked", "hours/week given", "season hours"],
                          rightAligned: [1, 2, 3, 4, 5, 6])
        for row in r.summary.byActivity + r.summary.byArea {
            s.add([row.group, String(row.applications), String(row.allocated), String(row.refused),
                   String(format: "%.1f", row.requestedWeeklyHours), String(format: "%.1f", row.allocatedWeeklyHours),
                   String(format: "%.1f", row.allocatedSeasonHours)])
        }
        sink.write(s.render())
    }

}

extension Overblik {
    /// ``allocate(applicationsPath:season:rulesPath:dryRun:)`` ready to render.
    public func allocationReport(applicationsPath: String, season: AllocationSeason, rulesPath: String?, dryRun: Bool) throws -> AllocationReport {
        let run = try allocate(applicationsPath: applicationsPath, season: season, rulesPath: rulesPath, dryRun: dryRun)
        return AllocationReport(run: run) { try self.allocationLayer(run.result) }
    }
}
