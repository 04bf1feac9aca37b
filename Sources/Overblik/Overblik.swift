import Facilities
public import Foundation
import GeoTypes
import Scheduling
package import PostgresStore
package import Store

/// The Overblik library facade: one store, and the use cases the CLI and other programs call.
///
/// ```swift
/// let overblik = try Overblik(databasePath: "overblik.sqlite")
/// let report = try overblik.importFile(.facilities, at: "Data/facilities.csv")
/// let summary = try overblik.summary()
/// ```
/// Not Sendable: it owns one SQLite connection. Open one per thread or process.
public final class Overblik {
    /// The store behind the core questions: the SpatiaLite file or a PostgreSQL database.
    package let backend: any StoreBackend
    /// The SpatiaLite store, nil on PostgreSQL.
    let sqlite: OverblikStore?
    /// The SpatiaLite store, for operations not yet behind ``StoreBackend`` (for callers that need
    /// its repositories directly).
    /// - Throws: ``PostgresStoreError/unsupported(operation:)`` on a PostgreSQL store.
    package var store: OverblikStore {
        get throws {
            guard let sqlite else {
                throw PostgresStoreError.unsupported(operation: "this operation reads the SpatiaLite store directly (on PostgreSQL every command but export works)")
            }
            return sqlite
        }
    }
    var cachedCatalog: Catalog?
    /// The store's catalogue generation when ``cachedCatalog`` was loaded.
    var cachedCatalogGeneration: String?
    /// The change feed's stamp when ``cachedCatalog`` was last known current (see ``followChanges()``).
    var cachedCatalogStamp: UInt64?
    /// The process's `LISTEN` connection on PostgreSQL, once ``followChanges()`` was called.
    var changeFeed: PostgresChangeFeed?
    /// The stored school-holiday text the cached calendar was built from.
    var cachedCalendarSource: String?
    var cachedCalendar: HolidayCalendar?
    /// The persisted proximity index and district lookup of cold queries (see ``near(_:_:)``).
    var storedProximity: StoredProximityIndex?
    var districtLookup: DistrictLookup?
    /// The `PRAGMA data_version` at which the persisted index turned out unreadable or not matching.
    var unusableStoredProximity: Int64?
    /// Road networks loaded on first use (see Roads/).
    let roads = RoadCache()

    /// Opens the store at `databasePath`, creating and migrating it when needed: a SpatiaLite file,
    /// or with `postgres://USER@HOST:PORT/DB` a PostgreSQL/PostGIS database (``PostgresStore``).
    /// - Parameter creating: false for everything but imports and set-up: a missing or empty file
    ///   is refused with its path, and a file or folder that cannot be written opens read-only.
    /// - Throws: ``StoreError`` for a file of a newer schema or of another application, or a
    ///   missing store; ``DatabaseError`` for I/O failures.
    public init(databasePath: String, readOnly: Bool = false, creating: Bool = true) throws {
        if PostgresStore.isPostgresURL(databasePath) {
            backend = try PostgresStore(url: databasePath, creating: creating)
            sqlite = nil
            return
        }
        let store = try OverblikStore(path: databasePath, readOnly: readOnly, creating: creating)
        sqlite = store
        backend = store
        store.proximityIndexBuilder = ProximityIndexCodec()
        if !store.database.isReadOnly {
            store.featureEncoder = FacilityFeatureEncoder()
            // A store from before the stored features, or edited by another program: encode them now
            // when the file can be written without waiting (else the export reads the rows).
            store.refreshFacilityFeaturesIfFree()
        }
    }

    /// Opens the store for queries that read plain columns only (proximity, scheduling lookups),
    /// skipping SpatiaLite's start-up cost when the file is current. Do not write through it.
    public init(queryingDatabasePath path: String) throws {
        if PostgresStore.isPostgresURL(path) {
            backend = try PostgresStore(url: path, creating: false)
            sqlite = nil
            return
        }
        let store = try OverblikStore(readingPath: path)
        sqlite = store
        backend = store
        store.proximityIndexBuilder = ProximityIndexCodec()
    }

    /// The database path from the usual sources: an explicit path, else `$OVERBLIK_DB`, else
    /// `./overblik.sqlite`.
    public static func resolveDatabasePath(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["OVERBLIK_DB"], !env.isEmpty { return env }
        return "./overblik.sqlite"
    }

    /// Counts, extent, districts, rural/urban split and schema version.
    public func summary() throws -> Summary {
        let stored = try backend.summary()
        let settlements = try backend.settlements()
        // Districts are classed as coverage classes them: by the majority of their residents.
        let classes = try districtClasses()
        var ruralSettlements = 0, urbanSettlements = 0
        var ruralPopulation = 0.0, urbanPopulation = 0.0
        for s in settlements {
            if s.isRural() { ruralSettlements += 1; ruralPopulation += s.population } else {
                urbanSettlements += 1; urbanPopulation += s.population
            }
        }
        let lines = stored.districtLines.map { line in
            Summary.DistrictLine(code: line.code, name: line.name, rural: classes.rural[line.code] ?? true,
                                 ruralFromLayer: line.rural != nil, ruralBy: classes.decidedBy[line.code] ?? "settlement_rule",
                                 facilities: line.facilities, settlements: line.settlements, population: line.population)
        }
        return Summary(
            database: stored.path, schemaVersion: stored.schemaVersion, facilities: stored.facilities,
            rooms: stored.rooms, settlements: stored.settlements, populationPoints: stored.populationPoints,
            districts: stored.districts, bookings: stored.bookings, extent: stored.extent.map {
                Summary.Extent(minLon: $0.minLon, minLat: $0.minLat, maxLon: $0.maxLon, maxLat: $0.maxLat)
            },
            facilitiesByKind: stored.facilitiesByKind,
            ruralDistricts: lines.filter(\.rural).count, urbanDistricts: lines.filter { !$0.rural }.count,
            ruralSettlements: ruralSettlements, urbanSettlements: urbanSettlements,
            ruralPopulation: ruralPopulation, urbanPopulation: urbanPopulation,
            outsideDistricts: stored.outsideDistricts, districtList: lines, classification: classes.classification)
    }
}

/// What `overblik info` shows. Stable JSON (documented in the README).
public struct Summary: Sendable, Codable {
    public struct Extent: Sendable, Codable {
        public var minLon: Double, minLat: Double, maxLon: Double, maxLat: Double
        enum CodingKeys: String, CodingKey {
            case minLon = "min_lon", minLat = "min_lat", maxLon = "max_lon", maxLat = "max_lat"
        }
    }
    public struct DistrictLine: Sendable, Codable {
        public var code: String
        public var name: String
        public var rural: Bool
        /// Whether the rural flag came from the district layer rather than the settlement rule.
        public var ruralFromLayer: Bool
        /// What decided ``rural``: `district_layer`, `resident_majority` or `settlement_rule`.
        public var ruralBy: String
        public var facilities: Int
        public var settlements: Int
        public var population: Double
        enum CodingKeys: String, CodingKey {
            case code, name, rural, ruralFromLayer = "rural_from_layer", ruralBy = "rural_by", facilities, settlements, population
        }
    }
    public var database: String
    public var schemaVersion: Int
    public var facilities: Int
    public var rooms: Int
    public var settlements: Int
    public var populationPoints: Int
    public var districts: Int
    public var bookings: Int
    public var extent: Extent?
    public var facilitiesByKind: [String: Int]
    public var ruralDistricts: Int
    public var urbanDistricts: Int
    public var ruralSettlements: Int
    public var urbanSettlements: Int
    public var ruralPopulation: Double
    public var urbanPopulation: Double
    /// Ids of facilities, settlements and population points outside every district, per table.
    public var outsideDistricts: [String: [String]]
    public var districtList: [DistrictLine]
    /// How the residents behind the district classes were classed (source, policy, warning).
    public var classification: RuralClassification

    enum CodingKeys: String, CodingKey {
        case database, schemaVersion = "schema_version", facilities, rooms, settlements
        case populationPoints = "population_points", districts, bookings, extent
        case facilitiesByKind = "facilities_by_kind", ruralDistricts = "rural_districts"
        case urbanDistricts = "urban_districts", ruralSettlements = "rural_settlements"
        case urbanSettlements = "urban_settlements", ruralPopulation = "rural_population"
        case urbanPopulation = "urban_population", outsideDistricts = "outside_districts"
        case districtList = "district_list", classification
    }
}
