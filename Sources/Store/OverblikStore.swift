public import Facilities
import GeoTypes

/// The Overblik SpatiaLite file: open, migrate, read and write the domain.
///
/// One instance owns one connection and is not Sendable; open one per thread or process.
/// Writes that must be atomic go through ``write(_:)``, one IMMEDIATE transaction.
public final class OverblikStore {
    public let database: Database
    public var path: String { database.path }
    /// Encodes the stored facility features; with one set, every ``write(_:)`` re-encodes the
    /// features its changes made stale before it commits (see ``refreshFacilityFeatures()``).
    public var featureEncoder: (any FacilityFeatureEncoding)?
    /// Builds the persisted proximity index; with one set, every ``write(_:)`` builds the index again
    /// before it commits when its writes dropped it (see ``refreshProximityIndex()``).
    public var proximityIndexBuilder: (any ProximityIndexBuilding)?
    /// Statements of ``facility(rowID:)``, prepared on first use.
    var lookupStatements: (facility: Statement, rooms: Statement, dataVersion: Statement)?

    /// Opens (creating and migrating when needed) the store at `path`.
    ///
    /// Nothing in the file changes until it is known to be an Overblik store or a new one.
    /// - Parameters:
    ///   - readOnly: open without write access.
    ///   - creating: false refuses a missing or empty file (reading commands, writes to an existing
    ///     store) and opens read-only when the file or its folder cannot be written.
    /// - Throws: ``StoreError/schemaTooNew(path:found:supported:)`` for a file from a newer Overblik,
    ///   ``StoreError/notAnOverblikStore(path:reason:)``, ``StoreError/missingStore(path:reason:)``,
    ///   ``DatabaseError`` for I/O failures.
    public init(path: String, readOnly: Bool = false, creating: Bool = true) throws {
        if !creating { try Database.requireExisting(path) }
        let readOnly = readOnly || (!creating && !Database.isWritable(path))
        database = try Database(path: path, readOnly: readOnly)
        try Self.checkOrMigrate(database, readOnly: readOnly)
    }

    /// Opens an existing, current store for reading plain columns only, without loading SpatiaLite
    /// (the fast start of `near`). Falls back to a full open when the file is new or needs migrating.
    /// - Throws: ``StoreError/missingStore(path:reason:)`` when there is no file at `path`.
    public init(readingPath path: String) throws {
        try Database.requireExisting(path)
        let writable = Database.isWritable(path)
        let plain = try Database(path: path, readOnly: !writable, loadSpatiaLite: false)
        if try plain.schemaVersion == Schema.currentVersion {
            database = plain
        } else if !writable {
            try Self.checkOrMigrate(plain, readOnly: true)
            database = plain
        } else {
            try plain.verifyOverblikOrNew()
            database = try Database(path: path)
            try Self.checkOrMigrate(database, readOnly: false)
        }
    }

    /// Wraps an open connection to a current store (reader connections).
    init(database: Database) {
        self.database = database
    }

    private static func checkOrMigrate(_ database: Database, readOnly: Bool) throws {
        let path = database.path
        if readOnly {
            let found = try database.schemaVersion
            if found > Schema.currentVersion {
                throw StoreError.schemaTooNew(path: path, found: found, supported: Schema.currentVersion)
            }
            if found == 0 {
                try database.verifyOverblikOrNew()
                throw StoreError.notAnOverblikStore(path: path, reason: "no Overblik schema (run an import first)")
            }
        } else {
            try database.verifyOverblikOrNew()
            try database.enableWriteAheadLog()
            try database.migrate()
        }
    }

    /// Called when a write finds another writer holding the lock and starts to wait for it.
    public var lockWaitNotice: (() -> Void)?

    /// Tells ``lockWaitNotice`` when the write lock is taken right now (a probe that does not wait).
    private func noticeIfLocked() {
        guard let lockWaitNotice else { return }
        database.setBusyTimeout(milliseconds: 0)
        defer { database.setBusyTimeout(milliseconds: Database.busyTimeoutMilliseconds) }
        do {
            try database.execute("BEGIN IMMEDIATE")
            try database.execute("ROLLBACK")
        } catch where error.isBusy {
            lockWaitNotice()
        } catch {
            // Any other failure shows itself in the write that follows.
        }
    }

    /// The schema version of the open file.
    public var schemaVersion: Int { get throws { try database.schemaVersion } }

    /// Runs `body` in one IMMEDIATE transaction: everything it writes lands, or nothing does.
    /// With a ``featureEncoder``, the facility features the writes made stale are encoded again in
    /// the same transaction; with a ``proximityIndexBuilder``, so is the proximity index.
    public func write<T>(_ body: () throws -> T) throws -> T {
        noticeIfLocked()
        return try database.transaction(.immediate) {
            let result = try body()
            if featureEncoder != nil { try refreshFacilityFeatures() }
            try refreshProximityIndex()
            return result
        }
    }
}

// MARK: - Facilities

extension OverblikStore {
    /// The facility columns read and written, in ``FacilityColumn`` order.
    static let facilityColumns = FacilityColumn.sqlList

    /// Ids among `ids` that already exist in `table`.
    public func existingIDs(in table: String, among ids: [String]) throws -> [String] {
        precondition(["facilities", "rooms", "settlements", "population", "districts"].contains(table))
        let key = table == "districts" ? "code" : "id"
        if try ids.isEmpty || database.scalar("SELECT NOT EXISTS (SELECT 1 FROM \(table))")?.int == 1 { return [] }
        let statement = try database.prepare("SELECT 1 FROM \(table) WHERE \(key) = ?")
        var found: [String] = []
        for id in ids {
            try statement.bind([.text(id)])
            if try statement.step() != nil { found.append(id) }
        }
        return found
    }

    /// `ON CONFLICT(id) DO UPDATE SET` every column but `id` to the new row's value: an update in
    /// place, so the row keeps its rowid and its dependants (REPLACE would delete the row first,
    /// and with foreign keys on that deletes a facility's rooms).
    static func upsert(_ columns: String) -> String {
        let names = columns.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { $0 != "id" }
        return " ON CONFLICT(id) DO UPDATE SET " + names.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    }

    /// Inserts facilities (call inside ``write(_:)``). With `replace`, existing ids are overwritten
    /// in place (their rooms and bookings stay).
    public func insert(facilities: [Facility], replace: Bool) throws {
        let statement = try database.prepare("""
            INSERT INTO facilities (\(Self.facilityColumns), geom) VALUES (\(FacilityColumn.placeholders), ?)
            """ + (replace ? Self.upsert(Self.facilityColumns + ", geom") : ""))
        let binder = RowBinder(statement)
        try deferringSpatialIndex(of: "facilities", rows: facilities.count) {
            for f in facilities {
                binder.start()
                try Self.bind(f, with: binder)
                try statement.stepDone()
            }
        }
    }

    /// Binds `f` to the facility INSERT by column index (no ``SQLValue`` per value, no copy by SQLite).
    static func bind(_ f: Facility, with b: RowBinder) throws {
        typealias C = FacilityColumn
        func at(_ c: C) -> Int32 { c.rawValue + 1 }
        let a = f.accessibility
        try b.bind(at(.id), text: f.id)
        try b.bind(at(.name), text: f.name)
        try b.bind(at(.kind), text: f.kind.rawValue)
        try b.bind(at(.lon), double: f.location.lon)
        try b.bind(at(.lat), double: f.location.lat)
        try b.bind(at(.address), text: f.address)
        try b.bind(at(.owner), text: f.owner.rawValue)
        try b.bind(at(.capacity), int: f.capacity)
        try b.bind(at(.openingHours), text: f.openingHours)
        try b.bind(at(.wheelchair), text: a.wheelchair.rawValue)
        try b.bind(at(.toiletsWheelchair), text: a.toiletsWheelchair.rawValue)
        try b.bind(at(.stepFree), text: a.stepFree.rawValue)
        try b.bind(at(.ramp), text: a.ramp.rawValue)
        try b.bind(at(.elevator), text: a.elevator.rawValue)
        try b.bind(at(.hearingLoop), text: a.hearingLoop.rawValue)
        try b.bind(at(.parkingAccessible), text: a.parkingAccessible.rawValue)
        try b.bind(at(.godAdgang), text: a.godAdgang.isEmpty ? nil : a.godAdgang.joined(separator: "|"))
        try b.bind(at(.checked), text: a.checked)
        try b.bind(at(.contactName), text: f.contact.name)
        try b.bind(at(.phone), text: f.contact.phone)
        try b.bind(at(.email), text: f.contact.email)
        try b.bind(at(.bookingURL), text: f.contact.bookingURL)
        try b.bind(at(.disabilitySuited), int: f.disabilitySuited ? 1 : 0)
        try b.bind(at(.districtCode), text: f.districtCode)
        try b.bindPoint(f.location, at: Int32(C.allCases.count) + 1)
    }

    /// All facilities, ordered by id.
    public func facilities() throws -> [Facility] {
        try database.query("SELECT \(Self.facilityColumns) FROM facilities ORDER BY id").map(Self.facility(from:))
    }

    /// One facility by id.
    public func facility(id: String) throws -> Facility? {
        try database.query("SELECT \(Self.facilityColumns) FROM facilities WHERE id = ?", [.text(id)]).first.map(Self.facility(from:))
    }
}

// MARK: - Rooms

extension OverblikStore {
    /// Inserts rooms (call inside ``write(_:)``); their facilities must exist. With `replace`,
    /// existing ids are overwritten in place.
    public func insert(rooms: [Room], replace: Bool) throws {
        let statement = try database.prepare("""
            INSERT INTO rooms (\(Self.roomColumns)) VALUES (\(RoomColumn.placeholders))
            """ + (replace ? Self.upsert(Self.roomColumns) : ""))
        for r in rooms {
            let a = r.accessibility
            try statement.run([
                .text(r.id), .text(r.facilityID), .text(r.name), .optional(r.capacity),
                .optional(r.equipment.isEmpty ? nil : r.equipment.joined(separator: "|")), .optional(r.openingHours),
                .optional(a?.wheelchair.rawValue), .optional(a?.toiletsWheelchair.rawValue),
                .optional(a?.stepFree.rawValue), .optional(a?.hearingLoop.rawValue), .bool(r.disabilitySuited),
            ])
        }
    }

    /// Listed rooms, ordered by facility and id (facilities without listed rooms have none here;
    /// see ``bookableRooms()``).
    public func rooms() throws -> [Room] {
        try database.query("SELECT \(Self.roomColumns) FROM rooms ORDER BY facility_id, id").map(Self.room(from:))
    }

    /// Every bookable room: listed rooms, plus the implicit room of each facility without any.
    public func bookableRooms(facilities: [Facility]? = nil) throws -> [Room] {
        Self.bookable(listed: try rooms(), facilities: try facilities ?? self.facilities())
    }

    /// Listed rooms plus the implicit room of each facility without any, by facility and id (the
    /// one rule of every store).
    package static func bookable(listed: [Room], facilities: [Facility]) -> [Room] {
        let withRooms = Set(listed.map(\.facilityID))
        let implicit = facilities.filter { !withRooms.contains($0.id) }.map(\.implicitRoom)
        return (listed + implicit).sorted { ($0.facilityID, $0.id) < ($1.facilityID, $1.id) }
    }

    /// A bookable room by id (listed room or a facility's implicit room).
    public func room(id: String) throws -> Room? {
        if let room = try rooms().first(where: { $0.id == id }) { return room }
        guard let facility = try facility(id: id) else { return nil }
        let hasRooms = try database.scalar("SELECT count(*) FROM rooms WHERE facility_id = ?", [.text(id)])?.int ?? 0
        return hasRooms == 0 ? facility.implicitRoom : nil
    }
}
