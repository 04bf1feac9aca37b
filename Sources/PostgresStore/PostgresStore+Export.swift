public import Facilities
import PostgresNIO

extension PostgresStore {
    /// Calls `body` for every facility with its listed rooms, ordered by facility id, as
    /// ``OverblikStore/forEachFacility(_:)`` does: `chunk` facilities at a time (keyset paging on
    /// the id) with their rooms, all in one read-only repeatable-read transaction, so that the walk
    /// sees one snapshot and memory stays bounded by one chunk.
    /// - Throws: ``PostgresStoreError``; whatever `body` throws (the walk then ends).
    public func forEachFacility(_ body: (Facility, [Room]) throws -> Void) throws {
        try forEachFacility(chunk: 4096, body)
    }

    /// ``forEachFacility(_:)`` with `chunk` facilities a query (tests use small chunks).
    public func forEachFacility(chunk: Int, _ body: (Facility, [Room]) throws -> Void) throws {
        try readSnapshot {
            var after: String?
            while true {
                var binds = PostgresBindings()
                binds.append(after)
                binds.append(Int64(chunk))
                let facilities = try query("""
                    SELECT \(Self.facilityColumns.joined(separator: ", ")) FROM facilities
                    WHERE $1::text IS NULL OR id > $1 ORDER BY id LIMIT $2
                    """, binds).map(Self.facility)
                guard let first = facilities.first, let last = facilities.last else { return }
                var range = PostgresBindings()
                range.append(first.id)
                range.append(last.id)
                let rooms = try query("""
                    SELECT \(Self.roomColumns.joined(separator: ", ")) FROM rooms
                    WHERE facility_id >= $1 AND facility_id <= $2 ORDER BY facility_id, id
                    """, range).map(Self.room)
                var next = rooms.startIndex
                for facility in facilities {
                    // Rooms sort by the same bytewise order (COLLATE "C") as the facilities.
                    while next < rooms.endIndex, rooms[next].facilityID < facility.id { next += 1 }
                    var own: [Room] = []
                    while next < rooms.endIndex, rooms[next].facilityID == facility.id {
                        own.append(rooms[next])
                        next += 1
                    }
                    try body(facility, own)
                }
                if facilities.count < chunk { return }
                after = last.id
            }
        }
    }

    /// Runs `body` in one read-only repeatable-read transaction (one snapshot), or inside the
    /// transaction already open. Unlike ``write(_:)`` it announces no commit to the change feed.
    func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 { return try body() }
        return try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", body)
    }
}
