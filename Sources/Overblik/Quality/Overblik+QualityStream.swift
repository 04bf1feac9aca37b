import Foundation

extension Overblik {
    /// `overblik check` written straight into `sink`: the same bytes as
    /// `checkQuality(options).render(format, to: sink)`, without holding the report.
    ///
    /// Facilities and rooms are read one at a time; problems wait in temporary files, one per kind
    /// and stream, each already in report order, and are written out kind by kind (the two room
    /// streams merged). Memory holds the facilities' ids and positions (for duplicates) and the
    /// bookings. Stores whose ids are not all ASCII (where SQLite's order may differ from Swift's)
    /// get the report built in memory.
    /// - Returns: whether nothing was found (``QualityReport/isClean``).
    /// - Throws: ``OverblikError/badInput(_:)`` for GeoJSON or iCalendar; what ``checkQuality(_:)`` throws;
    ///   ``OverblikError/io(_:)`` when the temporary files fail.
    public func checkQuality(_ options: QualityOptions, format: OutputFormat, to sink: OutcomeSink) throws -> Bool {
        guard [.table, .csv, .json].contains(format) else { throw OutputFormat.unsupported(format, by: "check") }
        guard try backend.idsAreASCII() else {
            let report = try checkQuality(options)
            try report.render(format, to: sink)
            return report.isClean
        }
        let headers = ["problem", "table", "id", "name", "detail"]
        var widths = headers.map(\.count)
        var spools: [QualityProblem.Kind: [ProblemStream: ProblemSpool]] = [:]
        var bookings: [QualityProblem] = []
        let examined = try scanQuality(options) { problem, stream in
            if format == .table {
                for (i, cell) in [problem.kind.rawValue, problem.table, problem.id, problem.name, problem.detail].enumerated() {
                    widths[i] = max(widths[i], TerminalText.cell(cell).count)
                }
            }
            if stream == .bookings { bookings.append(problem); return }
            if spools[problem.kind]?[stream] == nil { spools[problem.kind, default: [:]][stream] = try ProblemSpool(kind: problem.kind) }
            try spools[problem.kind]![stream]!.append(problem)
        }
        bookings.sort(by: QualityProblem.reportOrder)
        var counts = QualityReport.counts(of: bookings)
        for (kind, streams) in spools { counts[kind.rawValue, default: 0] += streams.values.reduce(0) { $0 + $1.count } }
        let skeleton = QualityReport(problems: [], counts: counts, examined: examined, referenceTime: options.now.description,
                                     staleAfterYears: options.staleAfterYears, duplicateRadiusMetres: options.duplicateRadiusMetres)
        let total = counts.values.reduce(0, +)
        guard total > 0 else {
            try skeleton.render(format, to: sink)
            return true
        }
        /// Every problem in report order: kind by kind; within a kind the streams merged by (id, related id).
        func forEachProblem(_ body: (QualityProblem) throws -> Void) throws {
            for kind in QualityProblem.Kind.allCases {
                if kind == .bookingOutsideAvailability { for p in bookings { try body(p) } }
                var readers = try ProblemStream.allCases.compactMap { try spools[kind]?[$0]?.reader() }
                var heads = try readers.indices.map { try readers[$0].next() }
                while let next = heads.indices.filter({ heads[$0] != nil }).min(by: { QualityProblem.reportOrder(heads[$0]!, heads[$1]!) }) {
                    try body(heads[next]!)
                    heads[next] = try readers[next].next()
                }
            }
        }
        switch format {
        case .csv:
            sink.write(CSVText.row(["kind", "table", "id", "name", "detail", "related_id"]))
            try forEachProblem { p in sink.write(CSVText.row([p.kind.rawValue, p.table, p.id, p.name, p.detail, p.relatedID ?? ""])) }
        case .json:
            // The report with one marker problem, encoded as the whole report would be; the marker's
            // object is replaced by every problem's, each encoded alike and indented as array items.
            let marker = QualityProblem(kind: .outsideDistricts, table: "", id: "\u{1}marker", name: "", detail: "")
            var withMarker = skeleton
            withMarker.problems = [marker]
            let text = try OverblikJSON.text(withMarker)
            let item = try Self.arrayItem(marker)
            guard let range = text.range(of: item) else { throw OverblikError.io("check: cannot lay out the JSON report") }
            sink.write(String(text[..<range.lowerBound]))
            var first = true
            try forEachProblem { p in
                if !first { sink.write(",\n") }
                first = false
                sink.write(try Self.arrayItem(p))
            }
            sink.write(String(text[range.upperBound...]))
        default:
            let e = examined
            sink.line("Checked \(e.facilities) facilities, \(e.rooms) bookable rooms, \(e.bookings) bookings, \(e.districts) districts at \(skeleton.referenceTime)")
            var countTable = TextTable(["problem", "count"], rightAligned: [1])
            for kind in QualityProblem.Kind.allCases { countTable.add([kind.rawValue, String(counts[kind.rawValue] ?? 0)]) }
            sink.write(countTable.render())
            sink.line()
            sink.write(TextTable.line(headers, widths: widths, rightAligned: []) + "\n" + TextTable.rule(widths) + "\n")
            try forEachProblem { p in
                let cells = [p.kind.rawValue, p.table, p.id, p.name, p.detail].map { TerminalText.cell($0) }
                sink.write(TextTable.line(cells, widths: widths, rightAligned: []) + "\n")
            }
        }
        return false
    }

    /// A problem as the pretty-printed report holds it in its `problems` array (indented four
    /// spaces, no separator).
    private static func arrayItem(_ problem: QualityProblem) throws -> String {
        var text = try OverblikJSON.text(problem)
        text.removeLast()  // the newline after the value
        return "    " + text.replacingOccurrences(of: "\n", with: "\n    ")
    }
}
