/// A booking as stored. Times are kept twice: UTC seconds (for overlap tests, unambiguous across DST)
/// and the local wall-clock text the user gave (for display).
public struct StoredBooking: Sendable, Codable, Hashable {
    public var id: Int64
    public var roomID: String
    public var startLocal: String
    public var endLocal: String
    public var startUTC: Int64
    public var endUTC: Int64
    public var holder: String
    public var activity: String?
    public var seriesID: Int64?

    public init(id: Int64 = 0, roomID: String, startLocal: String, endLocal: String, startUTC: Int64, endUTC: Int64,
                holder: String, activity: String? = nil, seriesID: Int64? = nil) {
        self.id = id
        self.roomID = roomID
        self.startLocal = startLocal
        self.endLocal = endLocal
        self.startUTC = startUTC
        self.endUTC = endUTC
        self.holder = holder
        self.activity = activity
        self.seriesID = seriesID
    }
}

/// A weekly series of bookings, kept so that calendars can show it as one RRULE with EXDATEs.
public struct StoredSeries: Sendable, Codable, Hashable {
    public var id: Int64
    public var roomID: String
    public var holder: String
    public var activity: String?
    public var rule: String
    public var firstStart: String
    public var firstEnd: String
    public var until: String
    public var skipped: [String]

    package init(id: Int64, roomID: String, holder: String, activity: String?, rule: String, firstStart: String,
                 firstEnd: String, until: String, skipped: [String]) {
        self.id = id
        self.roomID = roomID
        self.holder = holder
        self.activity = activity
        self.rule = rule
        self.firstStart = firstStart
        self.firstEnd = firstEnd
        self.until = until
        self.skipped = skipped
    }
}

/// The columns of a booking row.
public enum BookingColumn: Int32, RecordColumns, Sendable {
    case id = 0, roomId, startLocal, endLocal, startUtc, endUtc, holder, activity, seriesId
}

extension OverblikStore {
    static let bookingColumns = BookingColumn.sqlList

    /// The one decoder of a booking row (columns ``BookingColumn``).
    static func booking(from row: Row) -> StoredBooking {
        typealias C = BookingColumn
        return StoredBooking(id: row.int(C.id) ?? 0, roomID: row.text(C.roomId) ?? "", startLocal: row.text(C.startLocal) ?? "",
                             endLocal: row.text(C.endLocal) ?? "", startUTC: row.int(C.startUtc) ?? 0, endUTC: row.int(C.endUtc) ?? 0,
                             holder: row.text(C.holder) ?? "", activity: row.text(C.activity), seriesID: row.int(C.seriesId))
    }

    /// Bookings of `roomID` overlapping the half-open UTC interval [start, end).
    public func overlappingBookings(roomID: String, startUTC: Int64, endUTC: Int64) throws -> [StoredBooking] {
        try database.query("""
            SELECT \(Self.bookingColumns) FROM bookings
            WHERE room_id = ? AND start_utc < ? AND end_utc > ? ORDER BY start_utc, id
            """, [.text(roomID), .integer(endUTC), .integer(startUTC)]).map(Self.booking(from:))
    }

    /// Bookings, optionally of one room and within a UTC window, in time order.
    public func bookings(roomID: String? = nil, fromUTC: Int64? = nil, toUTC: Int64? = nil) throws -> [StoredBooking] {
        var clauses: [String] = []
        var values: [SQLValue] = []
        if let roomID { clauses.append("room_id = ?"); values.append(.text(roomID)) }
        if let toUTC { clauses.append("start_utc < ?"); values.append(.integer(toUTC)) }
        if let fromUTC { clauses.append("end_utc > ?"); values.append(.integer(fromUTC)) }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try database.query("SELECT \(Self.bookingColumns) FROM bookings \(whereClause) ORDER BY start_utc, room_id, id",
                                  values).map(Self.booking(from:))
    }

    /// Inserts a booking (call inside ``write(_:)`` after checking conflicts); returns its id.
    @discardableResult
    public func insert(booking b: StoredBooking, createdUTC: Int64) throws -> Int64 {
        try database.run("""
            INSERT INTO bookings (\(BookingColumn.allCases.dropFirst().map(\.name).joined(separator: ", ")), created_utc)
            VALUES (\(BookingColumn.allCases.dropFirst().map { _ in "?" }.joined(separator: ",")), ?)
            """, [.text(b.roomID), .text(b.startLocal), .text(b.endLocal), .integer(b.startUTC), .integer(b.endUTC),
                  .text(b.holder), .optional(b.activity), b.seriesID.map(SQLValue.integer) ?? .null, .integer(createdUTC)])
        return database.lastInsertRowID
    }

    /// Inserts a series record (call inside ``write(_:)``); returns its id.
    public func insertSeries(roomID: String, holder: String, activity: String?, rule: String, firstStart: String,
                             firstEnd: String, until: String, skipped: [String], createdUTC: Int64) throws -> Int64 {
        try database.run("""
            INSERT INTO booking_series (room_id, holder, activity, rule, first_start, first_end, until, skipped, created_utc)
            VALUES (?,?,?,?,?,?,?,?,?)
            """, [.text(roomID), .text(holder), .optional(activity), .text(rule), .text(firstStart), .text(firstEnd),
                  .text(until), .text(skipped.joined(separator: ",")), .integer(createdUTC)])
        return database.lastInsertRowID
    }

    public func series(id: Int64) throws -> StoredSeries? {
        try database.query("""
            SELECT id, room_id, holder, activity, rule, first_start, first_end, until, skipped FROM booking_series WHERE id = ?
            """, [.integer(id)]).first.map {
            StoredSeries(id: $0[0].int ?? 0, roomID: $0[1].string ?? "", holder: $0[2].string ?? "",
                         activity: $0[3].string, rule: $0[4].string ?? "", firstStart: $0[5].string ?? "",
                         firstEnd: $0[6].string ?? "", until: $0[7].string ?? "",
                         skipped: ($0[8].string ?? "").split(separator: ",").map(String.init))
        }
    }

    /// Deletes one booking; returns whether it existed.
    public func deleteBooking(id: Int64) throws -> Bool {
        try database.run("DELETE FROM bookings WHERE id = ?", [.integer(id)])
        return database.changes > 0
    }

    /// Deletes a whole series with its bookings; returns the number of bookings removed.
    public func deleteSeries(id: Int64) throws -> Int {
        try database.run("DELETE FROM bookings WHERE series_id = ?", [.integer(id)])
        let removed = database.changes
        try database.run("DELETE FROM booking_series WHERE id = ?", [.integer(id)])
        return removed
    }
}
