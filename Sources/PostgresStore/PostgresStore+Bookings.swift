import PostgresNIO
public import Facilities
public import Store

extension PostgresStore {
    static let bookingColumns = BookingColumn.allCases.map(\.name).joined(separator: ", ")

    static func booking(_ row: PostgresRow) throws -> StoredBooking {
        typealias C = BookingColumn
        let c = Cells(row)
        func at(_ column: C) -> Int { Int(column.rawValue) }
        return StoredBooking(id: try c.int(at(.id)) ?? 0, roomID: try c.string(at(.roomId)), startLocal: try c.string(at(.startLocal)),
                             endLocal: try c.string(at(.endLocal)), startUTC: try c.int(at(.startUtc)) ?? 0,
                             endUTC: try c.int(at(.endUtc)) ?? 0, holder: try c.string(at(.holder)),
                             activity: try c.text(at(.activity)), seriesID: try c.int(at(.seriesId)))
    }

    /// Bookings of `roomID` overlapping the half-open UTC interval [start, end).
    public func overlappingBookings(roomID: String, startUTC: Int64, endUTC: Int64) throws -> [StoredBooking] {
        var binds = PostgresBindings()
        binds.append(roomID); binds.append(endUTC); binds.append(startUTC)
        return try query("""
            SELECT \(Self.bookingColumns) FROM bookings WHERE room_id = $1 AND start_utc < $2 AND end_utc > $3 ORDER BY start_utc, id
            """, binds).map(Self.booking)
    }

    /// Bookings, optionally of one room and within a UTC window, in time order.
    public func bookings(roomID: String? = nil, fromUTC: Int64? = nil, toUTC: Int64? = nil) throws -> [StoredBooking] {
        var clauses: [String] = []
        var binds = PostgresBindings()
        if let roomID { binds.append(roomID); clauses.append("room_id = $\(binds.count)") }
        if let toUTC { binds.append(toUTC); clauses.append("start_utc < $\(binds.count)") }
        if let fromUTC { binds.append(fromUTC); clauses.append("end_utc > $\(binds.count)") }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try query("SELECT \(Self.bookingColumns) FROM bookings \(filter) ORDER BY start_utc, room_id, id", binds).map(Self.booking)
    }

    /// Inserts a booking (inside ``write(_:)`` after checking conflicts); returns its id. The
    /// exclusion constraint refuses one overlapping a booking of the same room that another
    /// transaction wrote (``PostgresStoreError/isExclusionViolation``).
    @discardableResult
    public func insert(booking b: StoredBooking, createdUTC: Int64) throws -> Int64 {
        var binds = PostgresBindings()
        binds.append(b.roomID); binds.append(b.startLocal); binds.append(b.endLocal); binds.append(b.startUTC)
        binds.append(b.endUTC); binds.append(b.holder); binds.append(b.activity); binds.append(b.seriesID); binds.append(createdUTC)
        return try scalar("""
            INSERT INTO bookings (room_id, start_local, end_local, start_utc, end_utc, holder, activity, series_id, created_utc)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, binds, as: Int64.self) ?? 0
    }

    /// Inserts a series record (inside ``write(_:)``); returns its id.
    public func insertSeries(roomID: String, holder: String, activity: String?, rule: String, firstStart: String,
                             firstEnd: String, until: String, skipped: [String], createdUTC: Int64) throws -> Int64 {
        var binds = PostgresBindings()
        binds.append(roomID); binds.append(holder); binds.append(activity); binds.append(rule); binds.append(firstStart)
        binds.append(firstEnd); binds.append(until); binds.append(skipped.joined(separator: ",")); binds.append(createdUTC)
        return try scalar("""
            INSERT INTO booking_series (room_id, holder, activity, rule, first_start, first_end, until, skipped, created_utc)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, binds, as: Int64.self) ?? 0
    }

    /// One booking by id, or nil.
    public func booking(id: Int64) throws -> StoredBooking? {
        var binds = PostgresBindings()
        binds.append(id)
        return try query("SELECT \(Self.bookingColumns) FROM bookings WHERE id = $1", binds).first.map(Self.booking)
    }

    /// The bookings that remain of a series, in time order.
    public func bookings(seriesID: Int64) throws -> [StoredBooking] {
        var binds = PostgresBindings()
        binds.append(seriesID)
        return try query("SELECT \(Self.bookingColumns) FROM bookings WHERE series_id = $1 ORDER BY start_utc, id", binds).map(Self.booking)
    }

    /// Deletes one booking; returns whether it existed.
    public func deleteBooking(id: Int64) throws -> Bool {
        var binds = PostgresBindings()
        binds.append(id)
        return try !query("DELETE FROM bookings WHERE id = $1 RETURNING id", binds).isEmpty
    }

    /// Deletes a whole series with its bookings; returns the number of bookings removed.
    public func deleteSeries(id: Int64) throws -> Int {
        var binds = PostgresBindings()
        binds.append(id)
        let removed = try query("DELETE FROM bookings WHERE series_id = $1 RETURNING id", binds).count
        try query("DELETE FROM booking_series WHERE id = $1", binds)
        return removed
    }

    /// Closures of a room (its own and its facility's), optionally overlapping a local window.
    public func closures(roomID: String, facilityID: String, fromLocal: String? = nil, toLocal: String? = nil) throws -> [StoredClosure] {
        var binds = PostgresBindings()
        binds.append(roomID); binds.append(facilityID)
        var sql = """
            SELECT id, facility_id, room_id, start_local, end_local, reason FROM closures
            WHERE (room_id = $1 OR (room_id IS NULL AND facility_id = $2))
            """
        if let fromLocal { binds.append(fromLocal); sql += " AND end_local > $\(binds.count)" }
        if let toLocal { binds.append(toLocal); sql += " AND start_local < $\(binds.count)" }
        return try query(sql + " ORDER BY start_local, id", binds).map { row in
            let c = Cells(row)
            return StoredClosure(id: try c.int(0) ?? 0, facilityID: try c.text(1), roomID: try c.text(2),
                                 startLocal: try c.string(3), endLocal: try c.string(4), reason: try c.text(5))
        }
    }
}

extension PostgresStore {
    /// A weekly series by id.
    public func series(id: Int64) throws -> StoredSeries? {
        try run("""
            SELECT id, room_id, holder, activity, rule, first_start, first_end, until, skipped FROM booking_series WHERE id = $1
            """, [id]).first.map { c in
            StoredSeries(id: try c.int(0) ?? 0, roomID: try c.string(1), holder: try c.string(2), activity: try c.text(3),
                         rule: try c.string(4), firstStart: try c.string(5), firstEnd: try c.string(6), until: try c.string(7),
                         skipped: (try c.text(8) ?? "").split(separator: ",").map(String.init))
        }
    }

    /// One facility by id.
    public func facility(id: String) throws -> Facility? {
        var binds = PostgresBindings()
        binds.append(id)
        return try query("SELECT \(Self.facilityColumns.joined(separator: ", ")) FROM facilities WHERE id = $1", binds).first.map(Self.facility)
    }
}
