public import Scheduling
import Store

/// A booking of a room, as the library reports it: wall-clock and UTC times, holder and series.
///
/// JSON (stable, documented in the README): `{id, room, start, end, start_utc, end_utc, minutes,
/// holder, activity, series_id}`; `start`/`end` are local Europe/Copenhagen times
/// (`2026-12-01T19:00`), `minutes` is the real (DST-aware) length.
public struct Booking: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// The store's id (what `overblik cancel` takes).
    public let id: Int64
    /// The booked room (or a facility id, for a facility without listed rooms).
    public let roomID: String
    /// Wall-clock interval in Europe/Copenhagen.
    public let interval: LocalInterval
    /// The same interval on the UTC time line.
    public let utc: UTCInterval
    /// Who booked it.
    public let holder: String
    /// The activity class, when given.
    public let activity: String?
    /// The weekly series it belongs to, if any.
    public let seriesID: Int64?

    /// Reads a stored booking; the local text is what the user gave, the UTC seconds decide overlaps.
    init(_ stored: StoredBooking) {
        id = stored.id
        roomID = stored.roomID
        holder = stored.holder
        activity = stored.activity
        seriesID = stored.seriesID
        let start = UTCInstant(secondsSince1970: stored.startUTC)
        let end = UTCInstant(secondsSince1970: max(stored.endUTC, stored.startUTC + 60))
        utc = UTCInterval(start: start, end: end)!
        if let s = try? LocalDateTime(parsing: stored.startLocal), let e = try? LocalDateTime(parsing: stored.endLocal),
           let local = try? LocalInterval(start: s, end: e) {
            interval = local
        } else {
            let s = CopenhagenTime.localTime(at: start)
            interval = (try? LocalInterval(start: s, end: CopenhagenTime.localTime(at: end))) ?? (try! LocalInterval(start: s, end: s.adding(minutes: 1)))
        }
    }

    /// Real elapsed minutes (a booking over the spring change is an hour shorter than its wall-clock span).
    public var minutes: Int { utc.minutes }

    /// `#12 room 2026-12-01T19:00-21:00 (Holder)`.
    public var description: String {
        "#\(id) \(roomID) \(Booking.span(interval)) (\(holder))"
    }

    /// `2026-12-01T19:00-21:00`, or with both dates when the interval crosses midnight.
    public static func span(_ interval: LocalInterval) -> String {
        let end = interval.end.date == interval.start.date ? String(interval.end.description.suffix(5)) : interval.end.description
        return "\(interval.start)-\(end)"
    }

    enum CodingKeys: String, CodingKey {
        case id, room, start, end, startUTC = "start_utc", endUTC = "end_utc", minutes, holder, activity, seriesID = "series_id"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(roomID, forKey: .room)
        try c.encode(interval.start.description, forKey: .start)
        try c.encode(interval.end.description, forKey: .end)
        try c.encode(utc.start.description, forKey: .startUTC)
        try c.encode(utc.end.description, forKey: .endUTC)
        try c.encode(minutes, forKey: .minutes)
        try c.encode(holder, forKey: .holder)
        try c.encode(activity, forKey: .activity)
        try c.encode(seriesID, forKey: .seriesID)
    }
}

/// What a successful ``Overblik/book(roomID:from:to:holder:activity:repeatWeeklyUntil:includeHolidays:now:)`` wrote.
///
/// JSON: `{bookings: [Booking], series_id, skipped: [{date, reason, name}]}`.
public struct BookingReceipt: Sendable, Hashable, Encodable {
    /// Every booking written, in time order (one, or one per occurrence of a series).
    public let bookings: [Booking]
    /// The series id of a recurring booking.
    public let seriesID: Int64?
    /// Occurrences left out (public holidays), with the holiday's name.
    public let skipped: [SkippedOccurrence]
    /// Warnings about the answer (a missing school-holiday calendar); `warnings` in JSON when any.
    public var warnings: [String] = []

    enum CodingKeys: String, CodingKey { case bookings, seriesID = "series_id", skipped, warnings }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bookings, forKey: .bookings)
        try c.encode(seriesID, forKey: .seriesID)
        try c.encode(skipped.map(SkippedDate.init), forKey: .skipped)
        if !warnings.isEmpty { try c.encode(warnings, forKey: .warnings) }
    }
}

/// A skipped occurrence in JSON: `{date, reason: public_holiday|school_holiday|closure|busy|unavailable, name}`.
struct SkippedDate: Encodable {
    var date: String
    var reason: String
    var name: String?

    init(_ s: SkippedOccurrence) {
        date = s.date.description
        switch s.reason {
        case let .publicHoliday(n): reason = "public_holiday"; name = n
        case let .schoolHoliday(n): reason = "school_holiday"; name = n
        case .closure: reason = "closure"; name = nil
        case .busy: reason = "busy"; name = nil
        case .unavailable: reason = "unavailable"; name = nil
        }
    }
}

/// What ``Overblik/cancel(bookingID:wholeSeries:)`` removed. JSON: `{cancelled: [Booking], series_id}`.
public struct CancelReceipt: Sendable, Hashable, Encodable {
    /// The bookings removed.
    public let cancelled: [Booking]
    /// The series removed with them (`--series`), if any.
    public let seriesID: Int64?

    enum CodingKeys: String, CodingKey { case cancelled, seriesID = "series_id" }
}

/// Why a booking request was refused: the bookings it would overlap and the parts outside the room's
/// availability (opening hours, holidays, closures). Nothing was written.
public struct BookingRefusal: Sendable, Hashable, CustomStringConvertible {
    /// The room asked for.
    public let roomID: String
    /// The requested occurrences (one, or every occurrence of a series).
    public let requested: [LocalInterval]
    /// Stored bookings that overlap a requested occurrence.
    public let conflicts: [Booking]
    /// Requested time outside availability.
    public let outsideAvailability: [LocalInterval]
    /// When the room has no availability at all (no opening_hours).
    public let hasNoAvailability: Bool

    /// One line per reason, naming the other bookings (id, holder, times).
    public var description: String {
        let what = requested.count == 1 ? Booking.span(requested[0])
            : "\(requested.count) weekly occurrences from \(Booking.span(requested[0]))"
        var lines = ["cannot book \(roomID) \(what):"]
        if hasNoAvailability {
            lines.append("  the room has no availability (no opening_hours), so it is never bookable")
        }
        for b in conflicts.prefix(20) {
            lines.append("  overlaps booking \(b.id) by \(b.holder), \(Booking.span(b.interval))"
                         + (b.seriesID.map { " (series \($0))" } ?? ""))
        }
        if conflicts.count > 20 { lines.append("  ... and \(conflicts.count - 20) more bookings") }
        for part in outsideAvailability.prefix(20) {
            lines.append("  outside the room's availability: \(Booking.span(part))")
        }
        if outsideAvailability.count > 20 { lines.append("  ... and \(outsideAvailability.count - 20) more parts outside availability") }
        return lines.joined(separator: "\n")
    }
}
