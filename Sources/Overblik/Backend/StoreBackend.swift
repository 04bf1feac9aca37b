package import Facilities
package import GeoTypes
package import PostgresStore
package import Store

/// The store operations the core questions need (import of every point and polygon layer, the
/// catalogue behind near, coverage and gaps, bookings, meta), with two implementations: the
/// SpatiaLite file (``OverblikStore``, the embedded default) and PostgreSQL/PostGIS
/// (``PostgresStore``). Both keep the same semantics: `write` is one transaction, every insert
/// refuses or replaces exactly as documented on ``OverblikStore``, reads come in the same order.
///
/// The operations of `check`, closures, the clerk's room overview and road networks are in
/// ``CommandStoreBackend``, the streamed point-layer import in ``PointLayerBackend``. The persisted
/// proximity index and the stored features are SpatiaLite's caches, reached through
/// ``Overblik/sqlite``; PostgreSQL does without them.
package protocol StoreBackend: CommandStoreBackend, PointLayerBackend {
    /// The file path, or the `postgres://` address without its password.
    var path: String { get }
    var schemaVersion: Int { get throws }
    func meta(_ key: String) throws -> String?
    func setMeta(_ key: String, _ value: String) throws
    func metas(prefix: String) throws -> [(key: String, value: String)]
    /// Runs `body` in one transaction: everything it writes lands, or nothing does.
    func write<T>(_ body: () throws -> T) throws -> T
    /// Counts, extent and district lines for `info`.
    func summary() throws -> StoreSummary

    func existingIDs(in table: String, among ids: [String]) throws -> [String]
    func insert(facilities: [Facility], replace: Bool) throws
    func insert(rooms: [Room], replace: Bool) throws
    func insert(settlements: [Settlement], replace: Bool) throws
    func insert(population: [PopulationPoint], replace: Bool) throws
    func insert(districts: [StoredDistrict], replace: Bool) throws
    func insert(urbanAreas: [StoredUrbanArea], replace: Bool) throws
    func deleteAllDistricts() throws
    func deleteAllUrbanAreas() throws
    func assignDistricts(table: OverblikStore.PointTable, codes: [(id: String, code: String?)]) throws

    func facilities() throws -> [Facility]
    func bookableRooms(facilities: [Facility]?) throws -> [Room]
    func room(id: String) throws -> Room?
    func settlements() throws -> [Settlement]
    func populationPoints() throws -> [PopulationPoint]
    func hasPopulation() throws -> Bool
    func forEachPopulationChunk(rows: Int, district: (String?) -> Int32, _ body: (PopulationColumns) throws -> Void) throws
    func districts() throws -> [StoredDistrict]
    func districtSummaries() throws -> [District]
    func urbanAreas() throws -> [StoredUrbanArea]
    func locations(of table: OverblikStore.PointTable) throws -> [(id: String, location: Coordinate)]

    func overlappingBookings(roomID: String, startUTC: Int64, endUTC: Int64) throws -> [StoredBooking]
    func bookings(roomID: String?, fromUTC: Int64?, toUTC: Int64?) throws -> [StoredBooking]
    func bookings(seriesID: Int64) throws -> [StoredBooking]
    func series(id: Int64) throws -> StoredSeries?
    func facility(id: String) throws -> Facility?
    func booking(id: Int64) throws -> StoredBooking?
    func insert(booking: StoredBooking, createdUTC: Int64) throws -> Int64
    func insertSeries(roomID: String, holder: String, activity: String?, rule: String, firstStart: String,
                      firstEnd: String, until: String, skipped: [String], createdUTC: Int64) throws -> Int64
    func deleteBooking(id: Int64) throws -> Bool
    func deleteSeries(id: Int64) throws -> Int
    func closures(roomID: String, facilityID: String, fromLocal: String?, toLocal: String?) throws -> [StoredClosure]

    // The booking service: accounts, sessions, tokens, audit log, policies, requests.
    func insertUser(name: String, role: String, association: String?, passwordHash: String, createdUTC: Int64) throws -> Int64
    func user(named name: String) throws -> StoredUser?
    func users() throws -> [StoredUser]
    func setPasswordHash(userID: Int64, hash: String) throws
    func deleteUser(id: Int64) throws
    func insertToken(digest: String, userID: Int64, purpose: String, createdUTC: Int64) throws
    func user(tokenDigest digest: String, purpose: String) throws -> StoredUser?
    func insertSession(digest: String, userID: Int64, csrfToken: String, createdUTC: Int64, expiresUTC: Int64) throws
    func session(digest: String, nowUTC: Int64) throws -> StoredSession?
    func deleteSession(digest: String) throws
    func appendAudit(atUTC: Int64, actor: String, action: String, roomID: String?, bookingID: Int64?,
                     requestID: Int64?, detail: String?) throws
    func auditLog(limit: Int) throws -> [StoredAuditEntry]
    func insert(request: StoredRequest) throws -> Int64
    func request(id: Int64) throws -> StoredRequest?
    func requests(holder: String?, status: String?) throws -> [StoredRequest]
    func decide(requestID: Int64, status: String, by clerk: String, atUTC: Int64, note: String?, bookingIDs: [Int64]) throws
    func roomPolicy(roomID: String) throws -> StoredRoomPolicy
    func setRoomPolicy(roomID: String, _ policy: StoredRoomPolicy) throws
}

extension StoreBackend {
    func bookableRooms() throws -> [Room] { try bookableRooms(facilities: nil) }

    func forEachPopulationChunk(district: (String?) -> Int32, _ body: (PopulationColumns) throws -> Void) throws {
        try forEachPopulationChunk(rows: 1 << 18, district: district, body)
    }

    func bookings(fromUTC: Int64?, toUTC: Int64?) throws -> [StoredBooking] {
        try bookings(roomID: nil, fromUTC: fromUTC, toUTC: toUTC)
    }
}

extension OverblikStore: StoreBackend {}
extension PostgresStore: StoreBackend {}
