package import Facilities
package import PostgresStore
package import Store

/// The store operations of the commands beyond the core questions: `check` (the quality scan),
/// closures, the clerk's room overview and road networks. Part of ``StoreBackend``, kept apart so
/// that each group of operations has its own file; both stores implement them with the semantics
/// documented on ``OverblikStore``.
package protocol CommandStoreBackend: AnyObject {
    // Quality (`check`), exports, the web map and the lean catalogue of coverage, gaps and access.
    /// Every facility with its listed rooms, ordered by facility id (rooms by id), a page at a time:
    /// memory holds one page however many facilities the store has.
    func forEachFacility(_ body: (Facility, [Room]) throws -> Void) throws
    /// Every listed room, ordered by room id and then facility id.
    func forEachRoomByID(_ body: (Room) throws -> Void) throws
    /// The names of the facilities with the given ids (ids not stored are left out).
    func facilityNames<S: Sequence<String>>(ids: S) throws -> [String: String]
    /// Whether every facility id, room id and room facility id is ASCII.
    func idsAreASCII() throws -> Bool
    func districtCount() throws -> Int
    /// The opening_hours of facilities and rooms containing `needle` (ASCII letters in either
    /// case), until `body` returns false.
    func forEachOpeningHours(mentioning needle: String, _ body: (String) throws -> Bool) throws

    // Closures.
    /// Inserts a closure (inside ``StoreBackend/write(_:)``); returns its id.
    func insert(closure: StoredClosure) throws -> Int64
    /// Every closure, or those of one facility (its own and its rooms'), ordered by start and id.
    func allClosures(facilityID: String?) throws -> [StoredClosure]
    /// Deletes a closure; false when there was none with that id.
    func deleteClosure(id: Int64) throws -> Bool

    // The clerk's room overview.
    /// Every stored booking policy, by room id.
    func roomPolicies() throws -> [String: StoredRoomPolicy]

    // Road networks.
    /// Replaces the stored networks in one transaction, with `also` inside it.
    func replace(roadNetworks networks: [StoredRoadNetwork], alsoInTransaction also: () throws -> Void) throws
    /// The stored network of `mode`, or nil when none was imported.
    func roadNetwork(mode: String) throws -> StoredRoadNetwork?
}

extension OverblikStore: CommandStoreBackend {}
extension PostgresStore: CommandStoreBackend {}
