import Foundation

extension FreeTimeAnswer: RenderableOutcome {
    /// `free`: the intervals as a table, CSV, JSON, or an RFC 5545 VFREEBUSY.
    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(self)
        case .ics: sink.write(Overblik.iCalendar(free: self))
        case .csv:
            sink.write(CSVText.row(["room", "start", "end", "minutes"]))
            for f in free {
                sink.write(CSVText.row([roomID, f.start.description, f.end.description, String(f.realMinutes)]))
            }
        case .table:
            sink.line("free time of \(roomID) from \(from) to \(to): \(free.count) interval\(free.count == 1 ? "" : "s")")
            if !free.isEmpty {
                var t = TextTable(["day", "start", "end", "hours"], rightAligned: [3])
                for f in free {
                    t.add([f.start.weekday.osmName, f.start.description, f.end.description, String(format: "%.2f", Double(f.realMinutes) / 60)])
                }
                sink.write(t.render())
            }
        case .geojson: throw OutputFormat.unsupported(format, by: "free")
        }
    }
}
