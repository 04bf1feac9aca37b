import Foundation
import Overblik
import Scheduling

/// Parsing of the CLI's time arguments (T: `2026-12-01T19:00`, DATE: `2026-12-01`, D: `90m`, `2h`),
/// with messages that name the option. Bad values exit 2.
enum TimeArguments {
    static func time(_ text: String, option: String) throws -> LocalDateTime {
        do { return try DanishInput.time(text, now: now()) } catch {
            throw OverblikError.badInput("\(option): \(error) (e.g. 2026-12-01T19:00, 01.12.2026 19.00 or tirsdag 19.00, local Europe/Copenhagen time)")
        }
    }

    static func date(_ text: String, option: String) throws -> LocalDate {
        do { return try DanishInput.date(text) } catch {
            throw OverblikError.badInput("\(option): \(error) (e.g. 2027-06-30 or 30.06.2027)")
        }
    }

    static func duration(_ text: String, option: String) throws -> ScheduleDuration {
        do { return try ScheduleDuration(parsing: text) } catch {
            throw OverblikError.badInput("\(option): \(error)")
        }
    }

    /// Both ends of a window, or neither.
    static func window(from: String?, to: String?) throws -> (LocalDateTime, LocalDateTime)? {
        switch (from, to) {
        case (nil, nil): return nil
        case let (f?, t): return try span(from: f, to: t)
        default: throw OverblikError.badInput("give --from (and --to), or neither")
        }
    }

    /// `--from` and `--to`, or `--from` alone as a span (`ti 19-21`, `12.01.2027` for the whole day).
    static func span(from: String, to: String?) throws -> (LocalDateTime, LocalDateTime) {
        do { return try DanishInput.span(from: from, to: to, now: now()) } catch {
            throw OverblikError.badInput("--from/--to: \(error) (e.g. --from 2026-12-01T19:00 --to 2026-12-01T21:00, or --from \"ti 19-21\")")
        }
    }

    /// The wall-clock time now in Europe/Copenhagen.
    static func now() -> LocalDateTime { CopenhagenTime.localTime(at: Overblik.currentInstant()) }
}

/// Prints bookings as a table, CSV, JSON or iCalendar.
enum BookingPrinter {
    static let csvHeader = ["id", "room", "start", "end", "start_utc", "end_utc", "minutes", "holder", "activity", "series_id"]

    static func table(_ bookings: [Booking]) -> String {
        var t = TextTable(["id", "room", "start", "end", "hours", "holder", "activity", "series"], rightAligned: [0, 4])
        for b in bookings {
            t.add([String(b.id), b.roomID, b.interval.start.description, b.interval.end.description,
                   String(format: "%.2f", Double(b.minutes) / 60), b.holder, b.activity ?? "-", b.seriesID.map(String.init) ?? "-"])
        }
        return t.render()
    }

    static func csv(_ bookings: [Booking]) -> String {
        CSVText.row(csvHeader) + bookings.map { b in
            CSVText.row([String(b.id), b.roomID, b.interval.start.description, b.interval.end.description,
                         b.utc.start.description, b.utc.end.description, String(b.minutes), b.holder, b.activity ?? "",
                         b.seriesID.map(String.init) ?? ""])
        }.joined()
    }
}
