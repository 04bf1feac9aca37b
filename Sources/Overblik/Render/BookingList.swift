import Foundation
import Scheduling

/// A list of bookings ready to render: table, CSV, JSON, or an RFC 5545 calendar.
public struct BookingList: RenderableOutcome {
    public let bookings: [Booking]
    /// The room asked about (nil: every room).
    public let roomID: String?
    let calendar: () throws -> String

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(bookings)
        case .csv: sink.write(BookingRendering.csv(bookings))
        case .ics: sink.write(try calendar())
        case .table:
            sink.line("\(bookings.count) booking\(bookings.count == 1 ? "" : "s")" + (roomID.map { " of \($0)" } ?? ""))
            if !bookings.isEmpty { sink.write(BookingRendering.table(bookings)) }
        case .geojson: throw OutputFormat.unsupported(format, by: "bookings")
        }
    }
}

extension Overblik {
    /// ``bookings(roomID:from:to:)`` ready to render.
    public func bookingList(roomID: String?, from: LocalDateTime?, to: LocalDateTime?) throws -> BookingList {
        let list = try bookings(roomID: roomID, from: from, to: to)
        return BookingList(bookings: list, roomID: roomID) { try self.iCalendar(bookings: list) }
    }
}

/// Prints bookings as a table, CSV, JSON or iCalendar.
public enum BookingRendering {
    public static let csvHeader = ["id", "room", "start", "end", "start_utc", "end_utc", "minutes", "holder", "activity", "series_id"]

    public static func table(_ bookings: [Booking]) -> String {
        var t = TextTable(["id", "room", "start", "end", "hours", "holder", "activity", "series"], rightAligned: [0, 4])
        for b in bookings {
            t.add([String(b.id), b.roomID, b.interval.start.description, b.interval.end.description,
                   String(format: "%.2f", Double(b.minutes) / 60), b.holder, b.activity ?? "-", b.seriesID.map(String.init) ?? "-"])
        }
        return t.render()
    }

    public static func csv(_ bookings: [Booking]) -> String {
        CSVText.row(csvHeader) + bookings.map { b in
            CSVText.row([String(b.id), b.roomID, b.interval.start.description, b.interval.end.description,
                         b.utc.start.description, b.utc.end.description, String(b.minutes), b.holder, b.activity ?? "",
                         b.seriesID.map(String.init) ?? ""])
        }.joined()
    }
}
