import Scheduling
import Store

/// A booking as a caller may see it: the holder, activity and id only for the holder's own account and
/// clerks; everyone else sees that the room is busy. JSON: `{id?, room, start, end, minutes, holder?,
/// activity?, series_id?, busy}`.
public struct BookingView: Sendable, Hashable, Encodable {
    public let booking: Booking
    /// Whether the caller may see who holds it.
    public let disclosed: Bool

    enum CodingKeys: String, CodingKey { case id, room, start, end, minutes, holder, activity, seriesID = "series_id", busy }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(booking.roomID, forKey: .room)
        try c.encode(booking.interval.start.description, forKey: .start)
        try c.encode(booking.interval.end.description, forKey: .end)
        try c.encode(booking.minutes, forKey: .minutes)
        try c.encode(true, forKey: .busy)
        if disclosed {
            try c.encode(booking.id, forKey: .id)
            try c.encode(booking.holder, forKey: .holder)
            try c.encodeIfPresent(booking.activity, forKey: .activity)
            try c.encodeIfPresent(booking.seriesID, forKey: .seriesID)
        }
    }
}

/// A booking request. JSON: `{id, room, start, end, repeat_until, holder, activity, status,
/// requested_by, decided_by, note, booking_ids}`.
public struct BookingRequestView: Sendable, Hashable, Encodable {
    public let id: Int64
    public let room: String
    public let start: String
    public let end: String
    public let repeatUntil: String?
    public let holder: String
    public let activity: String?
    /// pending, approved, rejected or withdrawn.
    public let status: String
    public let requestedBy: String
    public let decidedBy: String?
    public let note: String?
    public let bookingIDs: [Int64]

    init(_ q: StoredRequest) {
        id = q.id
        room = q.roomID
        start = q.startLocal
        end = q.endLocal
        repeatUntil = q.repeatUntil
        holder = q.holder
        activity = q.activity
        status = q.status
        requestedBy = q.requestedBy
        decidedBy = q.decidedBy
        note = q.note
        bookingIDs = q.bookingIDs
    }

    enum CodingKeys: String, CodingKey {
        case id, room, start, end, repeatUntil = "repeat_until", holder, activity, status, requestedBy = "requested_by"
        case decidedBy = "decided_by", note, bookingIDs = "booking_ids"
    }
}

/// What `POST /api/bookings` did: booked at once, or filed a request for a room on approval.
/// JSON: `{status: "booked", bookings, series_id, skipped}` or `{status: "requested", request}`.
public enum BookingOutcome: Sendable, Encodable {
    case booked(BookingReceipt)
    case requested(BookingRequestView)

    enum CodingKeys: String, CodingKey { case status, request }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case let .booked(receipt):
            try receipt.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("booked", forKey: .status)
        case let .requested(request):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("requested", forKey: .status)
            try c.encode(request, forKey: .request)
        }
    }
}

/// A line of the audit log. JSON: `{id, at, actor, action, room, booking_id, request_id, detail}`.
public struct AuditEntry: Sendable, Hashable, Encodable {
    public let id: Int64
    public let at: String
    public let actor: String
    public let action: String
    public let room: String?
    public let bookingID: Int64?
    public let requestID: Int64?
    public let detail: String?

    init(_ e: StoredAuditEntry) {
        id = e.id
        at = UTCInstant(secondsSince1970: e.atUTC).description
        actor = e.actor
        action = e.action
        room = e.roomID
        bookingID = e.bookingID
        requestID = e.requestID
        detail = e.detail
    }

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, room, bookingID = "booking_id", requestID = "request_id", detail
    }
}
