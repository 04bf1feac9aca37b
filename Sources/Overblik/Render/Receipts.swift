import Foundation
public import Store

// The short answers of the writing commands (book, cancel, import, closures, users, calendar
// import), rendered here like every other outcome, so that a front-end only picks the format.

extension BookingReceipt: RenderableOutcome {
    /// JSON: the receipt; CSV: the bookings written; table: a summary line, the bookings and the
    /// skipped dates. Warnings are not rendered: they go to the front-end's warning channel.
    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(self)
        case .csv: sink.write(BookingRendering.csv(bookings))
        case .table:
            let count = bookings.count
            sink.line("booked \(bookings.first?.roomID ?? "-"): \(Self.count(count, "booking"))"
                      + (seriesID.map { " in weekly series \($0)" } ?? ""))
            sink.write(BookingRendering.table(bookings))
            if !skipped.isEmpty { sink.line("skipped: " + skipped.map(\.description).joined(separator: ", ")) }
        case .geojson, .ics: throw OutputFormat.unsupported(format, by: "book")
        }
    }

    /// "1 booking", "3 bookings".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

extension CancelReceipt: RenderableOutcome {
    /// JSON: the receipt; CSV: the bookings removed; table: a summary line and the bookings.
    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(self)
        case .csv: sink.write(BookingRendering.csv(cancelled))
        case .table:
            sink.line("cancelled \(BookingReceipt.count(cancelled.count, "booking"))" + (seriesID.map { " (series \($0))" } ?? ""))
            sink.write(BookingRendering.table(cancelled))
        case .geojson, .ics: throw OutputFormat.unsupported(format, by: "cancel")
        }
    }
}

extension ImportReport: RenderableOutcome {
    /// JSON: the report; table: what was imported from where, how long it took, points outside every
    /// district and, for districts, merged parts, repairs and reassigned points. Skipped records
    /// are warnings (``warnings``), for the front-end's warning channel.
    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(self)
        case .table:
            var line = "imported \(imported) \(layer.rawValue) from \(file) (\(self.format), \(crs))"
            if replaced > 0 { line += ", \(replaced) replaced" }
            if outsideArea > 0 { line += ", \(outsideArea) outside the area left out" }
            line += String(format: " in %.2f s", seconds)
            sink.line(line)
            if !outsideDistricts.isEmpty {
                sink.line("\(outsideDistricts.count) outside every district: " + Self.listed(outsideDistricts, first: 20))
            }
            if layer == .districts {
                if dissolvedParts > 0 {
                    sink.line("merged \(dissolvedParts) part(s) into districts with the same \(dissolvedBy ?? "code")")
                }
                for repair in repaired { sink.line("repaired \(repair)") }
                sink.line("assigned \(reassignedPoints) stored points to districts")
            }
        case .csv, .geojson, .ics: throw OutputFormat.unsupported(format, by: "import")
        }
    }

    /// The warnings of an import: records with empty geometry, then the skipped records by reason.
    public var warnings: [String] {
        (skippedEmptyGeometry.isEmpty ? [] : ["skipped \(skippedEmptyGeometry.count) record(s) with empty geometry: "
                                              + Self.listed(skippedEmptyGeometry, first: 30)])
            + skippedSummary
    }

    /// The first `first` items, then ", ..." when there are more.
    static func listed(_ items: [String], first: Int) -> String {
        items.prefix(first).joined(separator: ", ") + (items.count > first ? ", ..." : "")
    }
}

/// Closures, ready to render as a table or JSON (`closures list`).
public struct ClosureList: RenderableOutcome {
    public let closures: [StoredClosure]

    public init(_ closures: [StoredClosure]) { self.closures = closures }

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(closures)
        case .table:
            var t = TextTable(["id", "facility", "room", "from", "to", "reason"], rightAligned: [0])
            for c in closures {
                t.add([String(c.id), c.facilityID ?? "-", c.roomID ?? "-", c.startLocal, c.endLocal, c.reason ?? ""])
            }
            sink.write(t.render())
        case .csv, .geojson, .ics: throw OutputFormat.unsupported(format, by: "closures list")
        }
    }
}

extension StoredClosure: RenderableOutcome {
    /// JSON: the closure; table: one line naming what is closed and when (`closures add`).
    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(self)
        case .table: sink.line("closure \(id): \(facilityID ?? roomID ?? "") closed \(startLocal) - \(endLocal)")
        case .csv, .geojson, .ics: throw OutputFormat.unsupported(format, by: "closures add")
        }
    }
}

/// Accounts, ready to render as a table or JSON (`users list`).
public struct AccountList: RenderableOutcome {
    public let accounts: [Account]

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(accounts)
        case .table:
            var t = TextTable(["name", "role", "association"])
            for a in accounts { t.add([a.name, a.role.rawValue, a.association ?? "-"]) }
            sink.write(t.render())
        case .csv, .geojson, .ics: throw OutputFormat.unsupported(format, by: "users list")
        }
    }
}

/// School-holiday periods just stored from a file (`calendar import`). JSON: `{imported: [period]}`.
public struct SchoolHolidayImport: RenderableOutcome {
    public let periods: [SchoolHolidayList.Period]
    /// The file they came from.
    public let source: String

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(["imported": periods])
        case .table:
            sink.line("stored \(periods.count) school holiday periods from \(source)"
                      + (periods.first.map { " (\($0.from) .. \(periods.last!.to))" } ?? ""))
        case .csv, .geojson, .ics: throw OutputFormat.unsupported(format, by: "calendar import")
        }
    }
}

extension Overblik {
    /// ``users()`` ready to render.
    public func accountList() throws -> AccountList { AccountList(accounts: try users()) }

    /// ``closures(facilityID:)`` ready to render.
    public func closureList(facilityID: String? = nil) throws -> ClosureList { ClosureList(try closures(facilityID: facilityID)) }
}
