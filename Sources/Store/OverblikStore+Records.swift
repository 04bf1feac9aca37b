import CSQLite
public import Facilities

extension OverblikStore {
    /// Calls `body` for every facility whose id lies in `[lower, upper)` (nil: unbounded), in id
    /// order, as a raw ``FacilityRecord`` with its listed rooms: the export's hot path (no
    /// ``Facility`` or `String` per row).
    ///
    /// Rooms are merge-joined exactly as in ``forEachFacility(_:)`` over the rooms whose
    /// `facility_id` lies in the same range; with both bounds nil the result is the same walk.
    ///
    /// ```swift
    /// try store.forEachFacilityRecord(from: nil, to: nil) { record, rooms in _ = record.double(.lon) }
    /// ```
    /// - Parameters:
    ///   - lower: first id included, nil for the first facility.
    ///   - upper: first id excluded, nil for none.
    ///   - body: receives each record (valid during the call only) and its rooms.
    /// - Throws: ``DatabaseError`` when a statement fails; whatever `body` throws.
    /// - Complexity: O(rows in range + their rooms) time; O(rooms of one facility) memory.
    public func forEachFacilityRecord(from lower: FacilityKey?, to upper: FacilityKey?,
                                      _ body: (FacilityRecord, [Room]) throws -> Void) throws {
        try walkFacilityRecords(where: Self.rangeClause(column: "id", lower: lower, upper: upper),
                                roomsWhere: Self.rangeClause(column: "facility_id", lower: lower, upper: upper),
                                bind: { try Self.bind(lower, upper, to: $0) }, body)
    }

    /// The room columns read and written, in ``RoomColumn`` order.
    static let roomColumns = RoomColumn.sqlList

    /// The facilities matching `clause` (a WHERE clause on `facilities`, or empty) with their rooms
    /// among those matching `roomsClause` (on `rooms`), merge-joined in id order; `bind` binds the
    /// parameters of both statements.
    func walkFacilityRecords(where clause: String, roomsWhere roomsClause: String, bind: (Statement) throws -> Void,
                             _ body: (FacilityRecord, [Room]) throws -> Void) throws {
        let facilities = try database.prepare("SELECT \(Self.facilityColumns) FROM facilities\(clause) ORDER BY id")
        try bind(facilities)
        let rooms = try database.prepare("SELECT \(Self.roomColumns) FROM rooms\(roomsClause) ORDER BY facility_id, id")
        try bind(rooms)
        let record = FacilityRecord(statement: facilities, rawText: try textIsUTF8())
        var pending: Room? = try rooms.step().map(Self.room(from:))
        try facilities.forEachRow { _ in
            var own: [Room] = []
            if pending != nil {
                let id = record.text(.id) ?? UnsafeBufferPointer(start: nil, count: 0)
                while let room = pending, Self.compare(room.facilityID, id) < 0 { pending = try rooms.step().map(Self.room(from:)) }
                while let room = pending, Self.compare(room.facilityID, id) == 0 {
                    own.append(room)
                    pending = try rooms.step().map(Self.room(from:))
                }
            }
            try body(record, own)
        }
    }

    /// The id `rows` facilities after `lower` (or after the first facility) in id order: the upper
    /// bound of a range of `rows` facilities starting at `lower`; nil when fewer remain.
    /// - Throws: ``DatabaseError``.
    /// - Complexity: O(rows) index steps (no row is decoded).
    public func facilityKey(after lower: FacilityKey?, skipping rows: Int) throws -> FacilityKey? {
        let statement = try database.prepare(
            "SELECT id FROM facilities\(Self.rangeClause(column: "id", lower: lower, upper: nil)) ORDER BY id LIMIT 1 OFFSET \(max(0, rows))")
        try Self.bind(lower, nil, to: statement)
        let rc = sqlite3_step(statement.handle)
        guard rc == SQLITE_ROW else {
            try database.check(rc, "step", sql: statement.sql)
            return nil
        }
        guard let key = FacilityKey(copying: sqlite3_column_value(statement.handle, 0)) else {
            throw DatabaseError(code: SQLITE_NOMEM, message: "out of memory copying a facility id", operation: "sqlite3_value_dup")
        }
        return key
    }

    /// Whether reading facilities and rooms range by range with ``forEachFacilityRecord(from:to:_:)``
    /// attaches exactly the rooms one walk over everything attaches: true when there are no rooms,
    /// or when every facility id and every room's facility_id is ASCII text (then SQLite's order and
    /// Swift's string comparison agree).
    /// - Throws: ``DatabaseError``.
    public func facilityRangesJoinExactly() throws -> Bool {
        guard try database.scalar("SELECT EXISTS (SELECT 1 FROM rooms)")?.int == 1 else { return true }
        return try allASCII("rooms", "facility_id") && allASCII("facilities", "id")
    }

    /// Whether every value of `table.column` is ASCII text (a scan of the column's covering index).
    func allASCII(_ table: String, _ column: String) throws -> Bool {
        // Text whose byte length equals its character length (to the first NUL) is ASCII without NUL.
        let condition = "typeof(\(column)) != 'text' OR length(CAST(\(column) AS BLOB)) != length(\(column))"
        return try database.scalar("SELECT EXISTS (SELECT 1 FROM \(table) WHERE \(condition))")?.int == 0
    }

    /// `PRAGMA data_version`: changes whenever another connection commits to the file. (A prepared
    /// statement, reused: `near --from-file` asks before every answer.)
    public func dataVersion() throws -> Int64 {
        let statement = try proximityLookups().dataVersion
        defer { sqlite3_reset(statement.handle) }
        return try statement.step()?[0].int ?? 0
    }

    /// A second, read-only connection to the same file without SpatiaLite (for a reader thread);
    /// nil for in-memory stores.
    /// - Throws: ``DatabaseError`` when the file cannot be opened.
    public func openReader() throws -> OverblikStore? {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file::memory:") else { return nil }
        return OverblikStore(database: try Database(path: path, readOnly: true, loadSpatiaLite: false))
    }

    /// Begins a read transaction and takes its snapshot (so that later statements see the same data).
    public func beginReading() throws {
        try database.execute("BEGIN DEFERRED")
        do {
            _ = try database.scalar("SELECT count(*) FROM (SELECT 1 FROM facilities LIMIT 1)")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Ends the transaction begun with ``beginReading()``.
    public func endReading() {
        try? database.execute("COMMIT")
    }

    /// Whether TEXT values are stored as UTF-8 (then they can be read as stored bytes).
    func textIsUTF8() throws -> Bool {
        try database.scalar("PRAGMA encoding")?.string == "UTF-8"
    }

    static func rangeClause(column: String, lower: FacilityKey?, upper: FacilityKey?) -> String {
        switch (lower != nil, upper != nil) {
        case (false, false): return ""
        case (true, false): return " WHERE \(column) >= ?1"
        case (false, true): return " WHERE \(column) < ?2"
        case (true, true): return " WHERE \(column) >= ?1 AND \(column) < ?2"
        }
    }

    static func bind(_ lower: FacilityKey?, _ upper: FacilityKey?, to statement: Statement) throws {
        if let lower { try statement.database.check(sqlite3_bind_value(statement.handle, 1, lower.value), "bind", sql: statement.sql) }
        if let upper { try statement.database.check(sqlite3_bind_value(statement.handle, 2, upper.value), "bind", sql: statement.sql) }
    }

    /// `a` compared with `b` as Swift compares strings (negative, zero, positive): bytewise when
    /// both are ASCII, otherwise through `String`.
    static func compare(_ a: String, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        var a = a
        return a.withUTF8 { x in
            if isASCII(x) && isASCII(b) {
                let n = min(x.count, b.count)
                for i in 0..<n where x[i] != b[i] { return x[i] < b[i] ? -1 : 1 }
                return x.count - b.count
            }
            let s = String(decoding: b, as: UTF8.self), t = String(decoding: x, as: UTF8.self)
            return t == s ? 0 : (t < s ? -1 : 1)
        }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var all: UInt8 = 0
        for b in bytes { all |= b }
        return all < 0x80
    }
}
