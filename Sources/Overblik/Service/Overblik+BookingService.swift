import Foundation
public import Scheduling
import Store

/// A booking asked for over the service, as text: `{room, start, end, activity?, repeat?, until?}`.
public struct BookingInput: Sendable, Codable {
    public var room: String
    public var start: String
    public var end: String
    public var activity: String?
    /// `weekly`, or nil for once.
    public var `repeat`: String?
    /// The last date of a weekly booking (`2027-06-30`).
    public var until: String?
    /// Who the booking is for; clerks only (an association always books for itself).
    public var holder: String?
    /// For weekly bookings: book the free weeks and report the busy ones as skipped.
    public var skipConflicts: Bool?

    enum CodingKeys: String, CodingKey { case room, start, end, activity, `repeat`, until, holder, skipConflicts = "skip_conflicts" }

    public init(room: String, start: String, end: String, activity: String? = nil, repeat: String? = nil,
                until: String? = nil, holder: String? = nil) {
        self.room = room
        self.start = start
        self.end = end
        self.activity = activity
        self.repeat = `repeat`
        self.until = until
        self.holder = holder
    }
}

extension Overblik {
    /// Books for `account`, or files a request when the room is booked on approval. Bookings that
    /// start in the past are refused. The check, the write and the audit line are one transaction.
    /// - Throws: ``AccessDenied`` without an account, ``OverblikError`` as
    ///   ``book(roomID:from:to:holder:activity:repeatWeeklyUntil:includeHolidays:now:)``.
    public func submitBooking(_ input: BookingInput, by account: Account?, now: UTCInstant = Overblik.currentInstant()) throws -> BookingOutcome {
        guard let account else { throw AccessDenied.loginRequired("log in (session or Bearer token) to book") }
        let from = try Self.serviceTime(input.start, field: "start"), to = try Self.serviceTime(input.end, field: "end")
        var until: LocalDate?
        switch input.repeat {
        case nil: if input.until != nil { throw OverblikError.badInput("until needs repeat: weekly") }
        case "weekly"?:
            guard let text = input.until else { throw OverblikError.badInput("repeat: weekly needs until (a date)") }
            do { until = try LocalDate(parsing: text) } catch { throw OverblikError.badInput("until: \(error) (e.g. 2027-06-30)") }
        case let other?: throw OverblikError.badInput("repeat: expected weekly, not '\(other)'")
        }
        var holder = account.holder
        if let asked = input.holder, asked != holder {
            guard account.role == .clerk else { throw AccessDenied.forbidden("an association books for itself only") }
            holder = asked
        }
        let room = try bookableRoom(input.room)
        if try backend.roomPolicy(roomID: room.id).approval {
            return .requested(try fileRequest(room: room.id, from: from, to: to, until: until, holder: holder,
                                              activity: input.activity, account: account, now: now))
        }
        let receipt = try book(roomID: room.id, from: from, to: to, holder: holder, activity: input.activity,
                               repeatWeeklyUntil: until, includeHolidays: false, skipConflicts: input.skipConflicts ?? false,
                               now: now,
                               showsHolder: account.maySeeHolder) { receipt in
            for b in receipt.bookings {
                try self.backend.appendAudit(atUTC: now.secondsSince1970, actor: account.name, action: "book", roomID: b.roomID,
                                           bookingID: b.id, requestID: nil, detail: "\(Booking.span(b.interval)) for \(b.holder)")
            }
        }
        return .booked(receipt)
    }

    func fileRequest(room: String, from: LocalDateTime, to: LocalDateTime, until: LocalDate?, holder: String,
                     activity: String?, account: Account, now: UTCInstant) throws -> BookingRequestView {
        try Self.refusePast(from, now: now)
        let interval: LocalInterval
        do { interval = try LocalInterval(start: from, end: to) } catch {
            throw OverblikError.badInput("the booking must end after it starts (from \(from), to \(to))")
        }
        try Self.requireExistingTimes(interval)
        if let activity, !Self.activityClasses.contains(activity) {
            throw OverblikError.badInput("activity '\(activity)' is not one of \(Self.activityClasses.joined(separator: ", "))")
        }
        let (s, e) = Self.utcSeconds(interval)
        return try writeRetrying("request \(room)") {
            let q = StoredRequest(roomID: room, startLocal: from.description, endLocal: to.description, startUTC: s, endUTC: e,
                                  repeatUntil: until?.description, holder: holder, activity: activity,
                                  requestedBy: account.name, createdUTC: now.secondsSince1970)
            let id = try backend.insert(request: q)
            try backend.appendAudit(atUTC: now.secondsSince1970, actor: account.name, action: "request", roomID: room,
                                  bookingID: nil, requestID: id, detail: "\(Booking.span(interval)) for \(holder)")
            return BookingRequestView(try backend.request(id: id)!)
        }
    }

    /// Bookings as `account` may see them (nil: anonymous, free/busy only). `mine` keeps the account's own.
    public func visibleBookings(for account: Account?, roomID: String?, from: String?, to: String?, mine: Bool) throws -> [BookingView] {
        if mine && account == nil { throw AccessDenied.loginRequired("log in to list your bookings") }
        let window = try Self.serviceWindow(from: from, to: to)
        return try bookings(roomID: roomID, from: window?.0, to: window?.1).compactMap { b in
            let disclosed = account?.maySeeHolder(b.holder) ?? false
            if mine && b.holder != account!.holder { return nil }
            return BookingView(booking: b, disclosed: disclosed)
        }
    }

    /// Cancels a booking for `account`: an association its own only and not later than the room's
    /// deadline before the start; a clerk any. Audited in the same transaction.
    public func cancelBooking(id: Int64, by account: Account?, wholeSeries: Bool = false,
                              now: UTCInstant = Overblik.currentInstant()) throws -> CancelReceipt {
        guard let account else { throw AccessDenied.loginRequired("log in to cancel a booking") }
        return try cancel(bookingID: id, wholeSeries: wholeSeries, check: { b in
            guard account.maySeeHolder(b.holder) else {
                throw AccessDenied.forbidden("booking \(id) belongs to another association")
            }
            guard account.role == .association else { return }
            let deadline = try self.backend.roomPolicy(roomID: b.roomID).cancelDeadlineMinutes
            if now.secondsSince1970 > b.utc.start.secondsSince1970 - Int64(deadline) * 60 {
                throw OverblikError.conflict("booking \(id) can no longer be cancelled: the deadline is \(deadline) minutes before its start")
            }
        }, then: { receipt in
            for b in receipt.cancelled {
                try self.backend.appendAudit(atUTC: now.secondsSince1970, actor: account.name, action: "cancel", roomID: b.roomID,
                                           bookingID: b.id, requestID: nil, detail: "\(Booking.span(b.interval)) of \(b.holder)")
            }
        })
    }

    /// Requests as `account` may see them: an association its own, a clerk all (optionally by status).
    public func bookingRequests(for account: Account?, status: String?) throws -> [BookingRequestView] {
        guard let account else { throw AccessDenied.loginRequired("log in to see booking requests") }
        let holder = account.role == .clerk ? nil : account.holder
        return try backend.requests(holder: holder, status: status).map(BookingRequestView.init)
    }

    /// A clerk approves or rejects a pending request. Approval books it, re-checking conflicts in the
    /// same transaction as the write; a conflict leaves the request pending and throws.
    public func decideRequest(id: Int64, approve: Bool, note: String?, by account: Account?,
                              now: UTCInstant = Overblik.currentInstant()) throws -> BookingRequestView {
        guard let account else { throw AccessDenied.loginRequired("log in to decide requests") }
        guard account.role == .clerk else { throw AccessDenied.forbidden("only a clerk approves or rejects requests") }
        guard let q = try backend.request(id: id) else { throw OverblikError.notFound(what: "request \(id)", suggestions: []) }
        guard q.status == "pending" else { throw OverblikError.conflict("request \(id) is \(q.status) already") }
        let status = approve ? "approved" : "rejected"
        let record: (Int64, [Int64]) throws -> Void = { atUTC, ids in
            guard try self.backend.request(id: id)?.status == "pending" else { throw OverblikError.conflict("request \(id) was decided meanwhile") }
            try self.backend.decide(requestID: id, status: status, by: account.name, atUTC: atUTC, note: note, bookingIDs: ids)
            try self.backend.appendAudit(atUTC: atUTC, actor: account.name, action: approve ? "approve" : "reject", roomID: q.roomID,
                                       bookingID: ids.first, requestID: id, detail: note)
        }
        if approve {
            let from = try Self.serviceTime(q.startLocal, field: "start"), to = try Self.serviceTime(q.endLocal, field: "end")
            _ = try book(roomID: q.roomID, from: from, to: to, holder: q.holder, activity: q.activity,
                         repeatWeeklyUntil: try q.repeatUntil.map { try LocalDate(parsing: $0) }, includeHolidays: false,
                         now: now, showsHolder: account.maySeeHolder) { receipt in
                try record(now.secondsSince1970, receipt.bookings.map(\.id))
            }
        } else {
            try writeRetrying("reject request \(id)") { try record(now.secondsSince1970, []) }
        }
        return BookingRequestView(try backend.request(id: id)!)
    }

    /// The newest audit lines (clerks only).
    public func auditLog(for account: Account?, limit: Int = 100) throws -> [AuditEntry] {
        guard let account else { throw AccessDenied.loginRequired("log in to read the audit log") }
        guard account.role == .clerk else { throw AccessDenied.forbidden("only a clerk reads the audit log") }
        return try backend.auditLog(limit: max(1, min(limit, 10_000))).map(AuditEntry.init)
    }

    static func serviceTime(_ text: String, field: String) throws -> LocalDateTime {
        do { return try LocalDateTime(parsing: text) } catch {
            throw OverblikError.badInput("\(field): \(error) (e.g. 2026-12-01T19:00, local Europe/Copenhagen time)")
        }
    }

    static func serviceWindow(from: String?, to: String?) throws -> (LocalDateTime, LocalDateTime)? {
        switch (from, to) {
        case (nil, nil): return nil
        case let (f?, t?): return (try serviceTime(f, field: "from"), try serviceTime(t, field: "to"))
        default: throw OverblikError.badInput("give both from and to, or neither")
        }
    }
}
