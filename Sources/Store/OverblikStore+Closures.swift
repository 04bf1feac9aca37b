/// An explicit closure of a room or of a whole facility (renovation, an election, a private event),
/// in local wall-clock time as written (`2026-12-24T00:00`).
public struct StoredClosure: Sendable, Codable, Hashable {
    public var id: Int64
    /// The facility closed as a whole (every room), or nil.
    public var facilityID: String?
    /// The one room closed, or nil.
    public var roomID: String?
    /// Start, local `YYYY-MM-DDTHH:MM` (or a bare date for midnight).
    public var startLocal: String
    /// End (exclusive), same form.
    public var endLocal: String
    /// Why, for people.
    public var reason: String?

    public init(id: Int64 = 0, facilityID: String?, roomID: String?, startLocal: String, endLocal: String, reason: String? = nil) {
        self.id = id
        self.facilityID = facilityID
        self.roomID = roomID
        self.startLocal = startLocal
        self.endLocal = endLocal
        self.reason = reason
    }
}

extension OverblikStore {
    /// Closures that apply to a room: its own, and those of its facility given without a room.
    ///
    /// Local times are compared as ISO text, which orders like the times themselves.
    /// - Parameters:
    ///   - roomID: the room.
    ///   - facilityID: the room's facility.
    ///   - fromLocal: only closures ending after this local time (`YYYY-MM-DDTHH:MM`), when given.
    ///   - toLocal: only closures starting before this local time, when given.
    public func closures(roomID: String, facilityID: String, fromLocal: String? = nil, toLocal: String? = nil) throws -> [StoredClosure] {
        var sql = """
            SELECT id, facility_id, room_id, start_local, end_local, reason FROM closures
            WHERE (room_id = ? OR (room_id IS NULL AND facility_id = ?))
            """
        var values: [SQLValue] = [.text(roomID), .text(facilityID)]
        if let fromLocal { sql += " AND end_local > ?"; values.append(.text(fromLocal)) }
        if let toLocal { sql += " AND start_local < ?"; values.append(.text(toLocal)) }
        return try database.query(sql + " ORDER BY start_local, id", values).map {
            StoredClosure(id: $0[0].int ?? 0, facilityID: $0[1].string, roomID: $0[2].string,
                          startLocal: $0[3].string ?? "", endLocal: $0[4].string ?? "", reason: $0[5].string)
        }
    }

    /// Inserts a closure (call inside ``write(_:)`` when it must be atomic with other writes); returns its id.
    @discardableResult
    public func insert(closure c: StoredClosure) throws -> Int64 {
        try database.run("INSERT INTO closures (facility_id, room_id, start_local, end_local, reason) VALUES (?,?,?,?,?)",
                         [.optional(c.facilityID), .optional(c.roomID), .text(c.startLocal), .text(c.endLocal), .optional(c.reason)])
        return database.lastInsertRowID
    }

    /// Every closure, or those of one facility (its own and its rooms'), ordered by start.
    public func allClosures(facilityID: String? = nil) throws -> [StoredClosure] {
        var sql = "SELECT c.id, c.facility_id, c.room_id, c.start_local, c.end_local, c.reason FROM closures c"
        var values: [SQLValue] = []
        if let facilityID {
            sql += " LEFT JOIN rooms r ON r.id = c.room_id WHERE c.facility_id = ? OR r.facility_id = ?"
            values = [.text(facilityID), .text(facilityID)]
        }
        return try database.query(sql + " ORDER BY c.start_local, c.id", values).map {
            StoredClosure(id: $0[0].int ?? 0, facilityID: $0[1].string, roomID: $0[2].string,
                          startLocal: $0[3].string ?? "", endLocal: $0[4].string ?? "", reason: $0[5].string)
        }
    }

    /// Deletes a closure; returns false when there was none with that id.
    public func deleteClosure(id: Int64) throws -> Bool {
        try database.run("DELETE FROM closures WHERE id = ?", [.integer(id)])
        return database.changes > 0
    }

    /// One booking by id, or nil.
    public func booking(id: Int64) throws -> StoredBooking? {
        try database.query("SELECT \(Self.bookingColumns) FROM bookings WHERE id = ?", [.integer(id)])
            .first.map(Self.booking(from:))
    }

    /// The bookings that remain of a series, in time order.
    public func bookings(seriesID: Int64) throws -> [StoredBooking] {
        try database.query("SELECT \(Self.bookingColumns) FROM bookings WHERE series_id = ? ORDER BY start_utc, id",
                           [.integer(seriesID)]).map(Self.booking(from:))
    }
}
