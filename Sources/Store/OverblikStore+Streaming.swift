import CSQLite
import Facilities
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
            let facility = Self.facility(from: statement)
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

    /// Decodes the facility at the current row of a statement selecting ``facilityColumns``, reading
    /// columns directly (no intermediate ``Row``).
    static func facility(from s: Statement) -> Facility {
        func text(_ i: Int32) -> String? { s.text(i) }
        func tri(_ i: Int32) -> TriState { text(i).flatMap(TriState.init(rawValue:)) ?? .unknown }
        let accessibility = Accessibility(
            wheelchair: text(9).flatMap(WheelchairAccess.init(rawValue:)) ?? .unknown,
            toiletsWheelchair: tri(10), stepFree: tri(11), ramp: tri(12), elevator: tri(13), hearingLoop: tri(14),
            parkingAccessible: tri(15),
            godAdgang: text(16).map { $0.split(separator: "|").map(String.init) } ?? [], checked: text(17))
        return Facility(
            id: text(0) ?? "", name: text(1) ?? "", kind: text(2).flatMap(FacilityKind.init(rawValue:)) ?? .other,
            location: Coordinate(lon: s.double(3), lat: s.double(4)), address: text(5),
            owner: text(6).flatMap(OwnerClass.init(rawValue:)) ?? .unknown,
            contact: Contact(name: text(18), phone: text(19), email: text(20), bookingURL: text(21)),
            accessibility: accessibility, capacity: s.isNull(7) ? nil : Int(s.int64(7)), openingHours: text(8),
            disabilitySuited: s.int64(22) == 1, districtCode: text(23))
    }

    /// Decodes a room row (columns as in ``rooms()``).
    static func room(from row: Row) -> Room {
        let hasOverride = (6...9).contains { !row[$0].isNull }
        let accessibility: Accessibility? = hasOverride ? Accessibility(
            wheelchair: row[6].string.flatMap(WheelchairAccess.init(rawValue:)) ?? .unknown,
            toiletsWheelchair: row[7].string.flatMap(TriState.init(rawValue:)) ?? .unknown,
            stepFree: row[8].string.flatMap(TriState.init(rawValue:)) ?? .unknown,
            hearingLoop: row[9].string.flatMap(TriState.init(rawValue:)) ?? .unknown) : nil
        return Room(id: row[0].string ?? "", facilityID: row[1].string ?? "", name: row[2].string ?? "",
                    capacity: row[3].int.map(Int.init),
                    equipment: row[4].string.map { $0.split(separator: "|").map(String.init) } ?? [],
                    accessibility: accessibility, openingHours: row[5].string, disabilitySuited: row[10].int == 1)
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
