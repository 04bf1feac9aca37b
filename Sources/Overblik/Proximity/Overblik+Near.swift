public import Analysis
import Facilities
import Formats
import GeoTypes
import Store
import Foundation

/// A `near` question.
public struct NearQuery: Sendable {
    public var filter: FacilityFilter
    /// How many facilities at most.
    public var limit: Int
    /// Inclusive radius in metres.
    public var within: Double?
    /// Time condition (free at a moment, or weekly through a period); nil for none.
    public var time: TimeCondition?

    public init(filter: FacilityFilter = FacilityFilter(), limit: Int = 10, within: Double? = nil, time: TimeCondition? = nil) {
        self.filter = filter
        self.limit = limit
        self.within = within
        self.time = time
    }
}

/// One facility in a `near` answer, with what a person needs to decide and make contact.
public struct NearHit: Sendable, Codable {
    public struct RoomLine: Sendable, Codable {
        public var id: String
        public var name: String
        public var capacity: Int?
        public var equipment: [String]
    }
    public var id: String
    public var name: String
    public var kind: String
    public var lon: Double
    public var lat: Double
    /// Geodesic metres (rounded to the millimetre).
    public var distanceM: Double
    /// Initial bearing from the query point, degrees clockwise from north.
    public var bearingDeg: Double?
    /// Compass direction from the query point (N, NE, ...).
    public var direction: String?
    public var district: String?
    public var districtName: String?
    public var rural: Bool?
    public var owner: String
    public var address: String?
    public var wheelchair: String
    public var toiletsWheelchair: String
    public var stepFree: String
    public var hearingLoop: String
    public var openingHours: String?
    public var rooms: [RoomLine]
    public var contactName: String?
    public var phone: String?
    public var email: String?
    public var bookingURL: String?
    /// By road only (absent from geodesic answers): the mode, the metric answers rank by
    /// (`road_distance` or `road_time`), metres and minutes along the chosen route, legs included.
    public var travel: String?
    public var metric: String?
    public var roadM: Double?
    public var roadMin: Double?

    enum CodingKeys: String, CodingKey {
        case id, name, kind, lon, lat, distanceM = "distance_m", bearingDeg = "bearing_deg", direction, district
        case districtName = "district_name", rural, owner, address, wheelchair, toiletsWheelchair = "toilets_wheelchair"
        case stepFree = "step_free", hearingLoop = "hearing_loop", openingHours = "opening_hours", rooms
        case contactName = "contact_name", phone, email, bookingURL = "booking_url"
        case travel, metric, roadM = "road_m", roadMin = "road_min"
    }
}

/// The answer to one `near` question.
public struct NearAnswer: Sendable {
    public var place: ResolvedPlace
    public var hits: [NearHit]
    /// By road only: the question, and matching facilities more than 1 km from the network (ids).
    public var road: RoadQuestion? = nil
    public var unreachable: [String] = []
}

extension Overblik {
    /// Resolves a place name, `LON,LAT` or facility id against the store.
    ///
    /// In order: `LON,LAT`, a facility id, a settlement, a facility name, a district by name or code
    /// (a postcode when postcode areas are imported as districts), a postcode by facility addresses,
    /// then names with `o` for `ø` and `a` for `å`.
    /// Without a loaded catalogue and with a usable persisted proximity index, coordinates, facility
    /// ids and settlement names are looked up in the store directly.
    public func resolvePlace(_ text: String) throws -> ResolvedPlace {
        if cachedCatalog == nil, try hasUsableStoredProximity(), let place = try resolvePlaceFromRows(text) { return place }
        let places = try catalog().places
        if let found = try places.exact(text) { return found }
        // Names and codes from plain columns; the polygon (SpatiaLite) only for the one that matches.
        let districts = try backend.districtSummaries()
        let key = PlaceResolver.fold(text.trimmingCharacters(in: .whitespaces))
        func place(_ d: District) throws -> ResolvedPlace? {
            let full: any StoreBackend = try sqlite.map { $0.database.hasSpatiaLite ? $0 : try OverblikStore(path: $0.path, readOnly: true) } ?? backend
            guard let rings = try full.districts().first(where: { $0.district.code == d.code })?.rings else { return nil }
            return OSMArea.centroid(outer: rings.compactMap(\.first), inner: rings.flatMap { $0.dropFirst() }).map {
                ResolvedPlace(kind: .district, name: d.name, id: d.code, location: $0)
            }
        }
        if let d = districts.first(where: { PlaceResolver.fold($0.name) == key || $0.code == key }), let p = try place(d) { return p }
        if let p = places.postcode(text) { return p }
        if let p = places.loose(text) { return p }
        let looseKey = PlaceResolver.looseFold(text)
        if let d = districts.first(where: { PlaceResolver.looseFold($0.name) == looseKey }), let p = try place(d) { return p }
        return try places.resolve(text)
    }

    /// The facilities nearest to `place` that satisfy `query`, nearest first (ties by id).
    ///
    /// Until something loads the catalogue, the answer comes from the persisted proximity index,
    /// reading only the rows of the facilities the search examines (see ``ProximityIndexCodec``);
    /// when the store has no usable index, from the catalogue. Both give the same answer.
    public func near(_ place: ResolvedPlace, _ query: NearQuery) throws -> NearAnswer {
        if cachedCatalog == nil, let answer = try nearFromStoredIndex(place, query) { return answer }
        let catalog = try catalog()
        let accept = try query.time.map { try timeFilter($0, catalog: catalog) }
        let matches = catalog.engine.nearest(to: place.location, filter: query.filter, limit: query.limit,
                                             within: query.within, accept: accept)
        return NearAnswer(place: place, hits: matches.map { hit(for: $0, catalog: catalog) })
    }

    func hit(for m: ProximityMatch, catalog: Catalog) -> NearHit {
        hit(for: m, districtName: { catalog.districtNames[$0] }, rural: catalog.isRural)
    }

    func hit(for m: ProximityMatch, districtName: (String) -> String?, rural: (Facility) -> Bool?) -> NearHit {
        let f = m.facility
        return NearHit(
            id: f.id, name: f.name, kind: f.kind.rawValue, lon: f.location.lon, lat: f.location.lat,
            distanceM: (m.distance * 1000).rounded() / 1000,
            bearingDeg: m.bearing.map { (($0 + 360).truncatingRemainder(dividingBy: 360) * 10).rounded() / 10 },
            direction: m.bearing.map { CompassDirection.name(forBearing: $0) },
            district: f.districtCode, districtName: f.districtCode.flatMap(districtName),
            rural: rural(f), owner: f.owner.rawValue, address: f.address,
            wheelchair: f.accessibility.wheelchair.rawValue, toiletsWheelchair: f.accessibility.toiletsWheelchair.rawValue,
            stepFree: f.accessibility.stepFree.rawValue, hearingLoop: f.accessibility.hearingLoop.rawValue,
            openingHours: f.openingHours,
            rooms: m.rooms.map { NearHit.RoomLine(id: $0.id, name: $0.name, capacity: $0.capacity, equipment: $0.equipment) },
            contactName: f.contact.name, phone: f.contact.phone, email: f.contact.email, bookingURL: f.contact.bookingURL)
    }
}
