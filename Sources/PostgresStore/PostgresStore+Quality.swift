public import Facilities
import PostgresNIO

/// What `overblik check` reads (as the SpatiaLite store's `OverblikStore+QualityScan`).
extension PostgresStore {
    // forEachFacility(_:) is in PostgresStore+Export.swift (one snapshot, keyset pages).

    /// Calls `body` for every listed room, ordered by room id and then facility id.
    public func forEachRoomByID(_ body: (Room) throws -> Void) throws {
        for row in try query("SELECT \(Self.roomColumns.joined(separator: ", ")) FROM rooms ORDER BY id, facility_id") {
            try body(try Self.room(row))
        }
    }

    /// The names of the facilities with the given ids (ids not stored are left out).
    public func facilityNames<S: Sequence<String>>(ids: S) throws -> [String: String] {
        let wanted = Array(Set(ids))
        guard !wanted.isEmpty else { return [:] }
        var binds = PostgresBindings()
        binds.append(wanted)
        var names: [String: String] = [:]
        for row in try query("SELECT id, name FROM facilities WHERE id = ANY($1)", binds) {
            let c = Cells(row)
            names[try c.string(0)] = try c.string(1)
        }
        return names
    }

    /// Whether every facility id, room id and room facility id is ASCII (the keys are `COLLATE "C"`,
    /// so the database orders them bytewise as SQLite does either way).
    public func idsAreASCII() throws -> Bool {
        try scalar("""
            SELECT NOT EXISTS (SELECT 1 FROM facilities WHERE octet_length(id) <> char_length(id))
               AND NOT EXISTS (SELECT 1 FROM rooms WHERE octet_length(id) <> char_length(id)
                                                      OR octet_length(facility_id) <> char_length(facility_id))
            """, as: Bool.self) == true
    }

    /// Number of stored districts (without reading their polygons).
    public func districtCount() throws -> Int {
        Int(try scalar("SELECT count(*) FROM districts", as: Int64.self) ?? 0)
    }

    /// The opening_hours of facilities and rooms whose text contains `needle` (ASCII letters in
    /// either case, as SQLite's `upper`), until `body` returns false.
    public func forEachOpeningHours(mentioning needle: String, _ body: (String) throws -> Bool) throws {
        func upper(_ text: String) -> String { "translate(\(text), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')" }
        func contains(_ column: String) -> String { "strpos(\(upper(column)), \(upper("$1"))) > 0" }
        for cells in try run("""
            SELECT opening_hours FROM facilities WHERE \(contains("opening_hours"))
            UNION ALL SELECT opening_hours FROM rooms WHERE \(contains("opening_hours"))
            """, [needle]) {
            if let text = try cells.text(0), try !body(text) { break }
        }
    }
}
