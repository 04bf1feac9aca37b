/// A booking request as stored: it holds nothing until a clerk approves it.
public struct StoredRequest: Sendable, Hashable {
    public var id: Int64
    public var roomID: String
    public var startLocal: String
    public var endLocal: String
    public var startUTC: Int64
    public var endUTC: Int64
    public var repeatUntil: String?
    public var holder: String
    public var activity: String?
    public var requestedBy: String
    public var status: String
    public var createdUTC: Int64
    public var decidedBy: String?
    public var decidedUTC: Int64?
    public var note: String?
    public var bookingIDs: [Int64]

    public init(id: Int64 = 0, roomID: String, startLocal: String, endLocal: String, startUTC: Int64, endUTC: Int64,
                repeatUntil: String?, holder: String, activity: String?, requestedBy: String, status: String = "pending",
                createdUTC: Int64, decidedBy: String? = nil, decidedUTC: Int64? = nil, note: String? = nil, bookingIDs: [Int64] = []) {
        self.id = id
        self.roomID = roomID
        self.startLocal = startLocal
        self.endLocal = endLocal
        self.startUTC = startUTC
        self.endUTC = endUTC
        self.repeatUntil = repeatUntil
        self.holder = holder
        self.activity = activity
        self.requestedBy = requestedBy
        self.status = status
        self.createdUTC = createdUTC
        self.decidedBy = decidedBy
        self.decidedUTC = decidedUTC
        self.note = note
        self.bookingIDs = bookingIDs
    }
}

/// How a room is booked: instantly or on a clerk's approval, and how late a booking may be cancelled.
public struct StoredRoomPolicy: Sendable, Hashable {
    public var approval: Bool
    public var cancelDeadlineMinutes: Int
    public init(approval: Bool, cancelDeadlineMinutes: Int) {
        self.approval = approval
        self.cancelDeadlineMinutes = cancelDeadlineMinutes
    }
}

extension OverblikStore {
    static let requestColumns = """
        id, room_id, start_local, end_local, start_utc, end_utc, repeat_until, holder, activity, requested_by, status,
        created_utc, decided_by, decided_utc, note, booking_ids
        """

    static func request(from r: Row) -> StoredRequest {
        StoredRequest(id: r[0].int ?? 0, roomID: r[1].string ?? "", startLocal: r[2].string ?? "", endLocal: r[3].string ?? "",
                      startUTC: r[4].int ?? 0, endUTC: r[5].int ?? 0, repeatUntil: r[6].string, holder: r[7].string ?? "",
                      activity: r[8].string, requestedBy: r[9].string ?? "", status: r[10].string ?? "",
                      createdUTC: r[11].int ?? 0, decidedBy: r[12].string, decidedUTC: r[13].int, note: r[14].string,
                      bookingIDs: (r[15].string ?? "").split(separator: ",").compactMap { Int64($0) })
    }

    /// Inserts a pending request; returns its id.
    public func insert(request q: StoredRequest) throws -> Int64 {
        try database.run("""
            INSERT INTO booking_requests (room_id, start_local, end_local, start_utc, end_utc, repeat_until, holder, activity,
                requested_by, status, created_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?)
            """, [.text(q.roomID), .text(q.startLocal), .text(q.endLocal), .integer(q.startUTC), .integer(q.endUTC),
                  .optional(q.repeatUntil), .text(q.holder), .optional(q.activity), .text(q.requestedBy), .text(q.status),
                  .integer(q.createdUTC)])
        return database.lastInsertRowID
    }

    /// One request by id.
    public func request(id: Int64) throws -> StoredRequest? {
        try database.query("SELECT \(Self.requestColumns) FROM booking_requests WHERE id = ?", [.integer(id)]).first.map(Self.request(from:))
    }

    /// Requests, optionally only of one holder and one status, oldest first.
    public func requests(holder: String? = nil, status: String? = nil) throws -> [StoredRequest] {
        var clauses: [String] = []
        var values: [SQLValue] = []
        if let holder { clauses.append("holder = ?"); values.append(.text(holder)) }
        if let status { clauses.append("status = ?"); values.append(.text(status)) }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try database.query("SELECT \(Self.requestColumns) FROM booking_requests \(whereClause) ORDER BY id", values)
            .map(Self.request(from:))
    }

    /// Records a clerk's decision on a request.
    public func decide(requestID: Int64, status: String, by clerk: String, atUTC: Int64, note: String?, bookingIDs: [Int64]) throws {
        try database.run("""
            UPDATE booking_requests SET status = ?, decided_by = ?, decided_utc = ?, note = ?, booking_ids = ? WHERE id = ?
            """, [.text(status), .text(clerk), .integer(atUTC), .optional(note),
                  .text(bookingIDs.map(String.init).joined(separator: ",")), .integer(requestID)])
    }

    /// The booking policy of a room (instant, no deadline, when none is stored).
    public func roomPolicy(roomID: String) throws -> StoredRoomPolicy {
        guard let row = try database.query("SELECT approval, cancel_deadline_minutes FROM room_policies WHERE room_id = ?",
                                           [.text(roomID)]).first else {
            return StoredRoomPolicy(approval: false, cancelDeadlineMinutes: 0)
        }
        return StoredRoomPolicy(approval: row[0].int == 1, cancelDeadlineMinutes: Int(row[1].int ?? 0))
    }

    /// Every stored booking policy, by room id (rooms without one are instant, without a deadline).
    public func roomPolicies() throws -> [String: StoredRoomPolicy] {
        var out: [String: StoredRoomPolicy] = [:]
        for row in try database.query("SELECT room_id, approval, cancel_deadline_minutes FROM room_policies") {
            guard let id = row[0].string else { continue }
            out[id] = StoredRoomPolicy(approval: row[1].int == 1, cancelDeadlineMinutes: Int(row[2].int ?? 0))
        }
        return out
    }

    /// Sets the booking policy of a room.
    public func setRoomPolicy(roomID: String, _ policy: StoredRoomPolicy) throws {
        try database.run("""
            INSERT INTO room_policies (room_id, approval, cancel_deadline_minutes) VALUES (?,?,?)
            ON CONFLICT(room_id) DO UPDATE SET approval = excluded.approval, cancel_deadline_minutes = excluded.cancel_deadline_minutes
            """, [.text(roomID), .integer(policy.approval ? 1 : 0), .integer(Int64(policy.cancelDeadlineMinutes))])
    }
}
