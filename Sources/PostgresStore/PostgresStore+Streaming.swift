public import Facilities
import PostgresNIO

extension PostgresStore {
    /// Facilities read per page by ``forEachFacility(_:)``.
    static let facilityPageRows = 4_096

    /// Calls `body` for every facility with its listed rooms (by room id), ordered by facility id,
    /// a page of facilities at a time: memory stays that of one page however many the store holds.
    ///
    /// Pages follow the id (`WHERE id > last ORDER BY id LIMIT n`, the order of ``facilities()``);
    /// the rooms of a page come in one query and are grouped by facility id.
    /// - Parameter body: receives the facility and its listed rooms (empty when it has none; its
    ///   bookable room is then ``Facility/implicitRoom``). Errors it throws end the walk and are rethrown.
    /// - Throws: ``PostgresStoreError``; whatever `body` throws.
    /// - Complexity: O(facilities + rooms) time; O(page) memory.
    public func forEachFacility(_ body: (Facility, [Room]) throws -> Void) throws {
        let columns = Self.facilityColumns.joined(separator: ", ")
        var last: String?
        while true {
            var binds = PostgresBindings()
            let page: [Facility]
            if let last {
                binds.append(last)
                binds.append(Int64(Self.facilityPageRows))
                page = try query("SELECT \(columns) FROM facilities WHERE id > $1 ORDER BY id LIMIT $2", binds).map(Self.facility)
            } else {
                binds.append(Int64(Self.facilityPageRows))
                page = try query("SELECT \(columns) FROM facilities ORDER BY id LIMIT $1", binds).map(Self.facility)
            }
            guard let end = page.last else { return }
            var roomBinds = PostgresBindings()
            roomBinds.append(page.map(\.id))
            var rooms: [String: [Room]] = [:]
            for row in try query("""
                SELECT \(Self.roomColumns.joined(separator: ", ")) FROM rooms WHERE facility_id = ANY($1) ORDER BY facility_id, id
                """, roomBinds) {
                let room = try Self.room(row)
                rooms[room.facilityID, default: []].append(room)
            }
            for facility in page { try body(facility, rooms[facility.id] ?? []) }
            if page.count < Self.facilityPageRows { return }
            last = end.id
        }
    }
}
