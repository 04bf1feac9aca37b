import CSQLite
public import Facilities
import GeoTypes

extension OverblikStore {
    /// Calls `body` for every facility with its listed rooms, ordered by facility id, one row at a
    /// time: memory stays constant however many facilities the store holds.
    ///
    /// Two statements are stepped side by side (facilities by id, rooms by facility id and room id),
    /// a merge join that needs no per-facility query.
    ///
    /// ```swift
    /// try store.forEachFacility { facility, rooms in print(facility.id, rooms.count) }
    /// ```
    /// - Parameter body: receives the facility and its listed rooms (empty when the facility has no
    ///   listed rooms; its bookable room is then ``Facility/implicitRoom``). Errors it throws end the
    ///   walk and are rethrown.
    /// - Throws: ``DatabaseError`` when a statement fails; whatever `body` throws.
    /// - Complexity: O(facilities + rooms) time; O(rooms of one facility) memory.
    public func forEachFacility(_ body: (Facility, [Room]) throws -> Void) throws {
        let facilities = try database.prepare("SELECT \(Self.facilityColumns) FROM facilities ORDER BY id")
        let rooms = try database.prepare("""
            SELECT id, facility_id, name, capacity, equipment, opening_hours, wheelchair, toilets_wheelchair,
            step_free, hearing_loop, disability_suited FROM rooms ORDER BY facility_id, id
            """)
        var pending: Room? = try rooms.step().map(Self.room(from:))
        try facilities.forEachRow { statement in
            let facility = Self.facility(from: StatementRow(statement: statement))
            var own: [Room] = []
            // Skip rooms of facilities that sort before this one (orphans cannot exist with foreign keys on,
            // but a file edited by another tool may hold them).
            while let room = pending, room.facilityID < facility.id { pending = try rooms.step().map(Self.room(from:)) }
            while let room = pending, room.facilityID == facility.id {
                own.append(room)
                pending = try rooms.step().map(Self.room(from:))
            }
            try body(facility, own)
        }
    }

    /// Number of facilities (for progress and preallocation).
    public func facilityCount() throws -> Int {
        Int(try database.scalar("SELECT count(*) FROM facilities")?.int ?? 0)
    }
}

extension Statement {
    /// The text of a column of the current row during ``forEachRow(_:)``; nil for NULL.
    public func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Whether a column of the current row is NULL.
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
}
