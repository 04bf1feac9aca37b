public import Facilities

extension OverblikStore {
    /// Calls `body` for every listed room (table `rooms`, orphans included), ordered by room id and
    /// then facility id, one row at a time.
    /// - Throws: ``DatabaseError``; whatever `body` throws.
    /// - Complexity: O(rooms) time, constant memory.
    public func forEachRoomByID(_ body: (Room) throws -> Void) throws {
        let rooms = try database.prepare("SELECT \(Self.roomColumns) FROM rooms ORDER BY id, facility_id")
        try rooms.forEachRow { statement in try body(Self.room(from: StatementRow(statement: statement))) }
    }

    /// The names of the facilities with the given ids (ids not stored are left out).
    /// - Throws: ``DatabaseError``.
    public func facilityNames<S: Sequence<String>>(ids: S) throws -> [String: String] {
        let statement = try database.prepare("SELECT name FROM facilities WHERE id = ?1")
        var names: [String: String] = [:]
        for id in ids {
            try statement.bind([.text(id)])
            if let row = try statement.step() { names[id] = row[0].string ?? "" }
        }
        return names
    }

    /// Whether every facility id, room id and room facility id is ASCII text: then SQLite's order of
    /// them (bytes) is Swift's string order, and rows read `ORDER BY id` come in the order Swift
    /// would sort them.
    /// - Throws: ``DatabaseError``.
    public func idsAreASCII() throws -> Bool {
        try allASCII("facilities", "id") && allASCII("rooms", "id") && allASCII("rooms", "facility_id")
    }

    /// Number of stored districts (without reading their polygons).
    /// - Throws: ``DatabaseError``.
    public func districtCount() throws -> Int {
        Int(try database.scalar("SELECT count(*) FROM districts")?.int ?? 0)
    }

    /// Calls `body` with the opening_hours of facilities and rooms whose text contains `needle`
    /// (ASCII letters in either case), until it returns false.
    /// - Throws: ``DatabaseError``; whatever `body` throws.
    public func forEachOpeningHours(mentioning needle: String, _ body: (String) throws -> Bool) throws {
        let statement = try database.prepare("""
            SELECT opening_hours FROM facilities WHERE instr(upper(opening_hours), upper(?1)) > 0
            UNION ALL SELECT opening_hours FROM rooms WHERE instr(upper(opening_hours), upper(?1)) > 0
            """)
        try statement.bind([.text(needle)])
        while let row = try statement.step() {
            if let text = row[0].string, try !body(text) { break }
        }
    }
}
