package import Analysis
package import Facilities
import Store

/// Everything queries need from the store, loaded once per process: facilities, rooms, settlements,
/// districts and the proximity index. Queries never go back to SQLite row by row.
package struct Catalog: Sendable {
    package let facilities: [Facility]
    package let rooms: [Room]
    package let settlements: [Settlement]
    package let districts: [District]
    /// District code → rural, by the layer's flag or the settlement rule (for districts seen
    /// without their residents; reports by district use ``PointClassifier/districtRural(_:residents:)``).
    package let ruralByDistrict: [String: Bool]
    /// The class of a point under the default policy: the one decision near, coverage, gaps, site
    /// and access share (queries with another policy build their own from the same layers).
    package let classifier: PointClassifier
    package let districtNames: [String: String]
    package let engine: ProximityEngine
    package let places: PlaceResolver

    init(backend: any StoreBackend) throws {
        let facilities = try backend.facilities()
        let rooms = try backend.bookableRooms(facilities: facilities)
        let settlements = try backend.settlements()
        let districts = try backend.districtSummaries()
        self.facilities = facilities
        self.rooms = rooms
        self.settlements = settlements
        self.districts = districts
        ruralByDistrict = RuralClassifier.classify(districts: districts, settlements: settlements)
        classifier = PointClassifier(policy: RuralPolicy(), urbanAreas: try backend.urbanAreas(), districts: districts,
                                     settlements: settlements)
        districtNames = Dictionary(districts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        engine = ProximityEngine(facilities: facilities, rooms: rooms)
        places = PlaceResolver(settlements: settlements, facilities: facilities)
    }

    /// Rural flag of a facility's location by ``PointClassifier``; nil when it lies in no district.
    package func isRural(_ facility: Facility) -> Bool? {
        classifier.facilityRural(facility)
    }
}

extension Overblik {
    /// The catalogue of the store, loaded on first use and again whenever the store's catalogue
    /// generation has moved: any change to facilities, rooms, districts, settlements or urban areas,
    /// by this facade or any other program, is seen on the next call; bookings do not reload it.
    /// With a change feed (``followChanges()``, PostgreSQL) the generation is read only after a
    /// notification, a commit of this process or a reconnection of the feed, and on every call
    /// while the feed is down.
    /// - Complexity: one single-row read per call while nothing changed (none with a live feed).
    package func catalog() throws -> Catalog {
        // Taken before the generation is read: a change announced after this is seen next time.
        let stamp = changeStamp
        if let cached = cachedCatalog, let stamp, stamp == cachedCatalogStamp { return cached }
        let generation = try backend.meta(Self.catalogGenerationKey)
        cachedCatalogStamp = stamp
        if let cached = cachedCatalog, generation == cachedCatalogGeneration { return cached }
        let loaded = try Catalog(backend: backend)
        cachedCatalog = loaded
        cachedCatalogGeneration = generation
        return loaded
    }

    /// The `overblik_meta` key the store's triggers raise on every change to what a catalogue holds.
    static let catalogGenerationKey = "catalog_generation"

    /// Forgets the loaded catalogue, so that the next call loads it again.
    package func invalidateCatalog() {
        cachedCatalog = nil
        cachedCatalogStamp = nil
    }
}
