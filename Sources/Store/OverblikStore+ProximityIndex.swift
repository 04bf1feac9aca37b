import CSQLite
public import Facilities
import GeoTypes

/// Builds the packed proximity index from the store's facilities. The Overblik facade installs
/// one on its store (``OverblikStore/proximityIndexBuilder``); the store calls it before each
/// ``OverblikStore/write(_:)`` commits when the stored index is missing or of another version.
public protocol ProximityIndexBuilding {
    /// Names the packing. A stored index of another version is never read, and is built again by
    /// the next write.
    var version: String { get }

    /// The index's blobs, the header first (read inside the writing transaction).
    func build(from store: OverblikStore) throws -> [[UInt8]]

    /// A collector that builds the same blobs from rows given in any order, one at a time (a bulk
    /// import gives it each new facility as it is written, see ``FacilityImportStream``).
    func collector() -> any ProximityIndexCollecting
}

/// Rows of a proximity index given one at a time, in any order (ids unique), then packed as
/// ``ProximityIndexBuilding/build(from:)`` packs them from the store's rows in id order.
public protocol ProximityIndexCollecting: AnyObject {
    func add(_ row: ProximityRow)
    /// The index's blobs, the header first.
    func finish() -> [[UInt8]]
}

/// The columns of one facility the proximity index needs, read in id order by
/// ``OverblikStore/forEachProximityRow(_:)``.
public struct ProximityRow {
    public var rowID: Int64
    /// The facility with the columns the index's masks need (id, kind, location, owner,
    /// accessibility, disability_suited); name and contact are empty.
    public var facility: Facility
    /// Its listed rooms with the columns the masks need (id, facility id, accessibility overrides,
    /// disability_suited).
    public var rooms: [Room]
}

extension OverblikStore {
    /// Whether the stored proximity index is there, whole, and made by `version`: its header (part 0)
    /// carries `version` and no part carries another. (Triggers delete the whole index on any change
    /// to facilities or rooms, so an index that is there is current.)
    /// - Throws: ``DatabaseError``.
    public func proximityIndexIsCurrent(version: String) throws -> Bool {
        let row = try database.query("""
            SELECT (SELECT version FROM proximity_index WHERE part = 0),
                   EXISTS (SELECT 1 FROM proximity_index WHERE version <> ?)
            """, [.text(version)]).first
        return row?[0].string == version && row?[1].int == 0
    }

    /// Builds and stores the proximity index with ``proximityIndexBuilder`` when the stored one is
    /// missing or of another version. Call inside ``write(_:)``, which does so itself before it commits.
    /// - Returns: whether the index was built.
    /// - Throws: ``DatabaseError``, whatever the builder throws.
    @discardableResult
    public func refreshProximityIndex() throws -> Bool {
        guard let builder = proximityIndexBuilder, try !proximityIndexIsCurrent(version: builder.version) else { return false }
        try replaceProximityIndex(with: builder.build(from: self), version: builder.version)
        return true
    }

    /// Builds the proximity index now if that can be done without waiting: not on a read-only file,
    /// not while another connection holds the write lock. Errors are not thrown (queries then build
    /// their index in memory).
    /// - Parameter rebuilding: build it even when it looks current (it turned out damaged).
    /// - Returns: whether the index was written.
    @discardableResult
    public func refreshProximityIndexIfFree(rebuilding: Bool = false) -> Bool {
        guard let builder = proximityIndexBuilder, !database.isReadOnly else { return false }
        if !rebuilding, (try? proximityIndexIsCurrent(version: builder.version)) == true { return false }
        database.setBusyTimeout(milliseconds: 0)
        defer { database.setBusyTimeout(milliseconds: Database.busyTimeoutMilliseconds) }
        return (try? database.transaction(.immediate) {
            if rebuilding { try database.execute("DELETE FROM proximity_index") }
            return try refreshProximityIndex()
        }) == true
    }

    /// Replaces the stored proximity index with `parts` (part 0 first), each row tagged `version`.
    /// - Throws: ``DatabaseError``.
    public func replaceProximityIndex(with parts: [[UInt8]], version: String) throws {
        try database.execute("DELETE FROM proximity_index")
        let insert = try database.prepare("INSERT INTO proximity_index (part, version, body) VALUES (?1, ?2, ?3)")
        for (number, part) in parts.enumerated() {
            let handle = insert.handle
            sqlite3_reset(handle)
            try database.check(sqlite3_bind_int64(handle, 1, Int64(number)), "bind", sql: insert.sql)
            try database.check(sqlite3_bind_text(handle, 2, version, -1, overblik_sqlite_transient()), "bind", sql: insert.sql)
            try part.withUnsafeBytes { raw in
                try database.check(sqlite3_bind_blob(handle, 3, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count),
                                                     overblik_sqlite_transient()), "bind", sql: insert.sql)
            }
            let rc = sqlite3_step(handle)
            guard rc == SQLITE_DONE else { try database.check(rc, "step", sql: insert.sql); return }
        }
    }

    /// Calls `body` with the parts numbered `parts` of the stored index of `version`, in order (the
    /// bytes are valid during the call only). Stops and returns false when a part is missing or of
    /// another version, or when `body` returns false; true when every part was given.
    /// - Throws: ``DatabaseError``, whatever `body` throws.
    public func readProximityIndex(version: String, parts: Range<Int>,
                                   _ body: (Int, UnsafeRawBufferPointer) throws -> Bool) throws -> Bool {
        let statement = try database.prepare("""
            SELECT part, version, body FROM proximity_index WHERE part >= ?1 AND part < ?2 ORDER BY part
            """)
        try statement.bind([.integer(Int64(parts.lowerBound)), .integer(Int64(parts.upperBound))])
        let handle = statement.handle
        var expected = parts.lowerBound
        var complete = true
        try statement.forEachRow { _ in
            guard complete else { return }
            guard sqlite3_column_int64(handle, 0) == Int64(expected), statement.text(1) == version else { complete = false; return }
            let count = Int(sqlite3_column_bytes(handle, 2))
            let raw = UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, 2), count: count)
            if try !body(expected, raw) { complete = false }
            expected += 1
        }
        return complete && expected == parts.upperBound
    }

    /// The byte length of every stored part of the index of `version`, in part order (SQLite reads
    /// the lengths without the bodies); nil when a part is of another version or a number is missing.
    /// - Throws: ``DatabaseError``.
    public func proximityIndexPartSizes(version: String) throws -> [Int]? {
        var sizes: [Int] = []
        for row in try database.query("SELECT part, version, length(body) FROM proximity_index ORDER BY part") {
            guard row[0].int == Int64(sizes.count), row[1].string == version, let size = row[2].int else { return nil }
            sizes.append(Int(size))
        }
        return sizes
    }

    /// Calls `body` for every facility in id order (SQLite's byte order) with the columns the
    /// proximity index needs and its listed rooms (joined by byte-equal facility id).
    /// - Returns: false when the join may differ from one by Swift's string equality: a room left
    ///   unjoined whose facility id is not ASCII (it may be canonically equivalent to a facility's),
    ///   or rooms whose decoded facility ids are out of order.
    /// - Throws: ``DatabaseError``, whatever `body` throws.
    @discardableResult
    public func forEachProximityRow(_ body: (ProximityRow) throws -> Void) throws -> Bool {
        let facilities = try database.prepare("""
            SELECT rowid, id, kind, lon, lat, owner, wheelchair, toilets_wheelchair, step_free, hearing_loop,
            parking_accessible, disability_suited FROM facilities ORDER BY id
            """)
        let rooms = try database.prepare("""
            SELECT id, facility_id, NULL, NULL, NULL, NULL, wheelchair, toilets_wheelchair, step_free, hearing_loop,
            disability_suited FROM rooms ORDER BY facility_id, id
            """)
        // The join compares ids as the decoded strings' bytes; it is exact when the rooms come in that
        // order too (SQLite orders the stored bytes, which differ only for ill-formed text).
        var joinable = true
        var previousRoom = ""
        func nextRoom() throws -> (room: Row, facilityID: String)? {
            guard let row = try rooms.step() else { return nil }
            let facilityID = row[1].string ?? ""
            if facilityID.utf8.lexicographicallyPrecedes(previousRoom.utf8) { joinable = false }
            previousRoom = facilityID
            return (row, facilityID)
        }
        var pending = try nextRoom()
        func skip() throws {
            if let facilityID = pending?.facilityID, !facilityID.utf8.allSatisfy({ $0 < 0x80 }) { joinable = false }
            pending = try nextRoom()
        }
        // Rows decode as facility(from: Row) and room(from:) decode them, as the catalogue reads them.
        while let r = try facilities.step() {
            func tri(_ i: Int) -> TriState { r[i].string.flatMap(TriState.init(rawValue:)) ?? .unknown }
            let id = r[1].string ?? ""
            let accessibility = Accessibility(
                wheelchair: r[6].string.flatMap(WheelchairAccess.init(rawValue:)) ?? .unknown,
                toiletsWheelchair: tri(7), stepFree: tri(8), hearingLoop: tri(9), parkingAccessible: tri(10))
            let facility = Facility(id: id, name: "", kind: r[2].string.flatMap(FacilityKind.init(rawValue:)) ?? .other,
                                    location: Coordinate(lon: r[3].double ?? 0, lat: r[4].double ?? 0),
                                    owner: r[5].string.flatMap(OwnerClass.init(rawValue:)) ?? .municipal,
                                    accessibility: accessibility, disabilitySuited: r[11].int == 1)
            var own: [Room] = []
            while let p = pending, p.facilityID.utf8.lexicographicallyPrecedes(id.utf8) { try skip() }
            while let p = pending, p.facilityID.utf8.elementsEqual(id.utf8) {
                own.append(Self.room(from: p.room))
                pending = try nextRoom()
            }
            try body(ProximityRow(rowID: r[0].int ?? 0, facility: facility, rooms: own))
        }
        while pending != nil { try skip() }
        return joinable
    }

    /// The facility at `rowID` and its listed rooms (ordered by room id as SQLite orders them), or nil.
    /// Statements are prepared once per store and reused.
    /// - Throws: ``DatabaseError``.
    public func facility(rowID: Int64) throws -> (facility: Facility, rooms: [Room])? {
        let statements = try proximityLookups()
        let byRow = statements.facility
        try byRow.bind([.integer(rowID)])
        guard let row = try byRow.step() else { return nil }
        sqlite3_reset(byRow.handle)
        let facility = Self.facility(from: row)
        let rooms = statements.rooms
        try rooms.bind([row[0]])
        var listed: [Room] = []
        while let room = try rooms.step() { listed.append(Self.room(from: room)) }
        return (facility, listed)
    }

    func proximityLookups() throws -> (facility: Statement, rooms: Statement, dataVersion: Statement) {
        if let cached = lookupStatements { return cached }
        let made = (
            facility: try database.prepare("SELECT \(Self.facilityColumns) FROM facilities WHERE rowid = ?1"),
            rooms: try database.prepare("""
                SELECT id, facility_id, name, capacity, equipment, opening_hours, wheelchair, toilets_wheelchair,
                step_free, hearing_loop, disability_suited FROM rooms WHERE facility_id = ?1 ORDER BY id
                """),
            dataVersion: try database.prepare("PRAGMA data_version"))
        lookupStatements = made
        return made
    }
}
