package import Analysis
package import Facilities
package import GeoTypes
package import SpatialIndex

/// The lean catalogue of one coverage, gaps or access question: every facility in id order with only
/// what these analyses read (id, name, location, district) and whether it qualifies under the
/// question's filter and time condition; for access also the free hours and supply of its matching
/// rooms. Facilities and rooms are decided one at a time as the store streams them and then dropped,
/// so a million facilities need about 100 MB here instead of the gigabytes of full records.
///
/// Position `i` is the facility of rank `i` in ``index``: the same order, the same tree and so the
/// same answers as the catalogue's ``ProximityEngine`` (ties by id).
package struct LeanFacilities: Sendable {
    package private(set) var ids = PackedText()
    package private(set) var names = PackedText()
    package private(set) var locations: [Coordinate] = []
    package private(set) var districtCodes: [String?] = []
    /// Per facility: passes the filter and the time condition.
    package private(set) var qualifying: [Bool] = []
    /// Per facility, with a `measure`: free hours and supply of its matching rooms (0 when it does not qualify).
    package private(set) var hours: [Double] = []
    package private(set) var supply: [Double] = []
    /// Exact geodesic index over ``locations`` (rank = position).
    package private(set) var index = GeodesicIndex(points: [])

    /// Free hours and supply of a qualifying facility's matching rooms (see ``Overblik/accessibility(_:)``).
    package typealias Measure = (Facility, [Room]) -> (hours: Double, supply: Double)

    /// Number of facilities (qualifying or not).
    package var count: Int { locations.count }

    /// Positions of the qualifying facilities, in id order.
    package var qualifyingPositions: [Int] { qualifying.indices.filter { qualifying[$0] } }

    /// Decides one facility: `rooms` are its bookable rooms (listed, else the implicit one).
    mutating func append(_ facility: Facility, bookable rooms: [Room], filter: FacilityFilter,
                         accept: ((Int, [Room]) -> [Room])?, measure: Measure?) {
        var matching = filter.matchingRooms(of: facility, rooms: rooms) ?? []
        if let accept, !matching.isEmpty { matching = accept(count, matching) }
        ids.append(facility.id)
        names.append(facility.name)
        locations.append(facility.location)
        districtCodes.append(facility.districtCode)
        qualifying.append(!matching.isEmpty)
        if let measure {
            let m = matching.isEmpty ? (hours: 0.0, supply: 0.0) : measure(facility, matching)
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
            names = names.reordered(order)
            locations = order.map { locations[$0] }
            districtCodes = order.map { districtCodes[$0] }
            qualifying = order.map { qualifying[$0] }
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
        let answer = index.nearestNeighbors(lons: lons, lats: lats, in: range) { qualifying[Int($0)] }
        return (answer.ranks, answer.distances)
    }

    /// The qualifying facilities within `radius` metres (inclusive) of `point`, sorted by (distance, id).
    package func qualifyingWithin(radius: Double, of point: Coordinate) -> [Neighbor] {
        index.within(radius: radius, of: point) { qualifying[Int($0)] }
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
    ///   - streamed: read from the store even when a catalogue is loaded (tests compare both ways).
    /// - Throws: store errors.
    package func leanFacilities(filter: FacilityFilter, time: TimeCondition?, measure: LeanFacilities.Measure? = nil,
                                streamed: Bool = false) throws -> LeanFacilities {
        let accept = try time.map { try timeFilter($0) }
        var lean = LeanFacilities()
        if !streamed, cachedCatalog != nil {
            let engine = try catalog().engine
            for i in engine.facilities.indices {
                lean.append(engine.facilities[i], bookable: engine.rooms[i], filter: filter, accept: accept, measure: measure)
            }
        } else {
            try backend.forEachFacility { facility, listed in
                let bookable = listed.isEmpty ? [facility.implicitRoom] : listed.sorted { $0.id < $1.id }
                lean.append(facility, bookable: bookable, filter: filter, accept: accept, measure: measure)
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
