package import Analysis
package import Facilities
package import GeoTypes
package import SpatialIndex

/// The lean catalogue of one coverage, gaps or access question: the facilities that qualify under
/// its filter and time condition, in id order, with only what these analyses read (id, name,
/// location, district); for access also the free hours and supply of their matching rooms.
/// Facilities and rooms are decided one at a time as the store streams them and then dropped, so a
/// million facilities cost about 90 bytes per qualifying facility, instead of the
/// gigabytes of full records.
///
/// Position `i` is the `i`-th qualifying facility and rank `i` in ``index``, an exact geodesic
/// index over the qualifying facilities only. Its answers are those of the catalogue's
/// ``ProximityEngine`` searched with the same filter: the same neighbours under the same metric,
/// ties broken by id (rank order is id order in both).
package struct LeanFacilities: Sendable {
    package private(set) var ids = PackedText()
    package private(set) var names = PackedText()
    package private(set) var locations: [Coordinate] = []
    /// District of each qualifying facility, as a position in ``districtCodes`` (-1 for none).
    private var districtPositions: [Int32] = []
    private var districtCodes: [String] = []
    /// Per qualifying facility, with a `measure`: free hours and supply of its matching rooms.
    package private(set) var hours: [Double] = []
    package private(set) var supply: [Double] = []
    /// Exact geodesic index over ``locations`` (rank = position).
    package private(set) var index = GeodesicIndex(points: [])

    /// Free hours and supply of a qualifying facility's matching rooms (see ``Overblik/accessibility(_:)``).
    package typealias Measure = (Facility, [Room]) -> (hours: Double, supply: Double)

    /// Number of qualifying facilities.
    package var count: Int { locations.count }

    /// The district code of qualifying facility `i`.
    package func districtCode(_ i: Int) -> String? {
        districtPositions[i] < 0 ? nil : districtCodes[Int(districtPositions[i])]
    }

    /// Decides one facility: `rooms` are its bookable rooms (listed, else the implicit one).
    mutating func append(_ facility: Facility, bookable rooms: [Room], filter: FacilityFilter, accept: ((Int, [Room]) -> [Room])?,
                         measure: Measure?, keepNames: Bool, districts: inout [String: Int32]) {
        var matching = filter.matchingRooms(of: facility, rooms: rooms) ?? []
        if let accept, !matching.isEmpty { matching = accept(0, matching) }
        guard !matching.isEmpty else { return }
        ids.append(facility.id)
        if keepNames { names.append(facility.name) }
        locations.append(facility.location)
        districtPositions.append(facility.districtCode.map { code in
            if let known = districts[code] { return known }
            districtCodes.append(code)
            districts[code] = Int32(districtCodes.count - 1)
            return Int32(districtCodes.count - 1)
        } ?? -1)
        if let measure {
            let m = measure(facility, matching)
            hours.append(m.hours)
            supply.append(m.supply)
        }
    }

    /// Puts the facilities in id order (the store's order already is, except for ids whose byte order
    /// differs from Swift's) and builds the index.
    mutating func finish() {
        let sorted = (0 ..< max(0, count - 1)).allSatisfy { ids[$0] < ids[$0 + 1] }
        if !sorted {
            let order = (0 ..< count).sorted { ids[$0] < ids[$1] }
            ids = ids.reordered(order)
            if names.count == count { names = names.reordered(order) }
            locations = order.map { locations[$0] }
            districtPositions = order.map { districtPositions[$0] }
            if !hours.isEmpty {
                hours = order.map { hours[$0] }
                supply = order.map { supply[$0] }
            }
        }
        index = GeodesicIndex(points: locations)
    }

    /// The nearest qualifying facility and its exact distance for the points `(lons[i], lats[i])`, `i` in
    /// `range`, as ``ProximityEngine/nearestQualifying(lons:lats:in:qualifying:within:)`` gives them.
    package func nearestQualifying(lons: [Double], lats: [Double], in range: Range<Int>) -> (facility: [Int32], metres: [Double]) {
        let answer = index.nearestNeighbors(lons: lons, lats: lats, in: range)
        return (answer.ranks, answer.distances)
    }

    /// The qualifying facilities within `radius` metres (inclusive) of `point` with their exact
    /// distances, sorted by (distance, id): a 2SFCA catchment.
    package func catchment(radius: Double, of point: Coordinate) -> [NearestFacility] {
        index.within(radius: radius, of: point).map { NearestFacility(facility: Int($0.rank), metres: $0.distance) }
    }
}

extension Overblik {
    /// The lean catalogue of a question (see ``LeanFacilities``): from the loaded catalogue when one
    /// is current (a server that answers near keeps it), else streamed from the store a facility at a
    /// time without loading the catalogue.
    /// - Parameters:
    ///   - filter: facility and room conditions.
    ///   - time: the time condition on rooms, if any.
    ///   - measure: free hours and supply of each qualifying facility's matching rooms, for access.
    ///   - names: keep the names (answers that list facilities); a report by district needs none.
    ///   - streamed: read from the store even when a catalogue is loaded (tests compare both ways).
    /// - Throws: store errors.
    package func leanFacilities(filter: FacilityFilter, time: TimeCondition?, measure: LeanFacilities.Measure? = nil,
                                names: Bool = true, streamed: Bool = false) throws -> LeanFacilities {
        let accept = try time.map { try timeFilter($0) }
        var lean = LeanFacilities()
        var districts: [String: Int32] = [:]
        if !streamed, cachedCatalog != nil {
            let engine = try catalog().engine
            for i in engine.facilities.indices {
                lean.append(engine.facilities[i], bookable: engine.rooms[i], filter: filter, accept: accept, measure: measure,
                            keepNames: names, districts: &districts)
            }
        } else {
            try backend.forEachFacility { facility, listed in
                let bookable = listed.isEmpty ? [facility.implicitRoom] : listed.sorted { $0.id < $1.id }
                lean.append(facility, bookable: bookable, filter: filter, accept: accept, measure: measure, keepNames: names,
                            districts: &districts)
            }
        }
        lean.finish()
        return lean
    }

    /// Districts and settlements: the loaded catalogue's when one is current, else read from the store
    /// (small layers; reading them does not load the facilities).
    func placeLayers() throws -> (districts: [District], settlements: [Settlement]) {
        if cachedCatalog != nil {
            let catalog = try catalog()
            return (catalog.districts, catalog.settlements)
        }
        return (try backend.districtSummaries(), try backend.settlements())
    }
}
