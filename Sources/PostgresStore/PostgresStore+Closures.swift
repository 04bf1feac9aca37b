import PostgresNIO
public import Store

/// Closures and the clerk's overview of room policies (as the SpatiaLite store's
/// `OverblikStore+Closures` and `+Requests`).
extension PostgresStore {
    static func closure(_ c: Cells) throws -> StoredClosure {
        StoredClosure(id: try c.int(0) ?? 0, facilityID: try c.text(1), roomID: try c.text(2),
                      startLocal: try c.string(3), endLocal: try c.string(4), reason: try c.text(5))
    }

    /// Inserts a closure (inside ``write(_:)`` when it must be atomic with other writes); returns its id.
    @discardableResult
    public func insert(closure c: StoredClosure) throws -> Int64 {
        try run("""
            INSERT INTO closures (facility_id, room_id, start_local, end_local, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id
            """, [c.facilityID, c.roomID, c.startLocal, c.endLocal, c.reason]).first?.int(0) ?? 0
    }

    /// Every closure, or those of one facility (its own and its rooms'), ordered by start and id.
    public func allClosures(facilityID: String? = nil) throws -> [StoredClosure] {
        let columns = "c.id, c.facility_id, c.room_id, c.start_local, c.end_local, c.reason"
        guard let facilityID else {
            return try run("SELECT \(columns) FROM closures c ORDER BY c.start_local, c.id", []).map(Self.closure)
        }
        return try run("""
            SELECT \(columns) FROM closures c LEFT JOIN rooms r ON r.id = c.room_id
            WHERE c.facility_id = $1 OR r.facility_id = $1 ORDER BY c.start_local, c.id
            """, [facilityID]).map(Self.closure)
    }

    /// Deletes a closure; returns false when there was none with that id.
    public func deleteClosure(id: Int64) throws -> Bool {
        try !run("DELETE FROM closures WHERE id = $1 RETURNING id", [id]).isEmpty
    }

    /// Every stored booking policy, by room id (rooms without one are instant, without a deadline).
    public func roomPolicies() throws -> [String: StoredRoomPolicy] {
        var out: [String: StoredRoomPolicy] = [:]
        for c in try run("SELECT room_id, approval, cancel_deadline_minutes FROM room_policies", []) {
            out[try c.string(0)] = StoredRoomPolicy(approval: try c.bool(1) == true, cancelDeadlineMinutes: Int(try c.int(2) ?? 0))
        }
        return out
    }
}
