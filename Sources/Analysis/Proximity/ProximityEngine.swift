public import Facilities
public import GeoTypes
import SpatialIndex

/// Exact geodesic proximity search over facilities with the filters of `near`.
///
/// Built once from the store's facilities and rooms (facilities sorted by id, so index rank order is
/// id order and distance ties break by id). Facility and room conditions are checked inside the
/// index search: an attribute bitmask prunes whole subtrees that hold no candidate, and the exact
/// filter runs on each point that could enter the answer. "The 5 nearest wheelchair-accessible
/// village halls" is therefore right even when the 500 nearest facilities are none of them.
///
/// ```swift
/// let engine = ProximityEngine(facilities: facilities, rooms: rooms)
/// let hits = engine.nearest(to: nibe, filter: FacilityFilter(kinds: [.villageHall]), limit: 5)
/// ```
public struct ProximityEngine: Sendable {
    /// Facilities in id order; index rank i is `facilities[i]`.
    public let facilities: [Facility]
    /// Bookable rooms per facility (listed rooms, else the implicit room), same order as `facilities`.
    public let rooms: [[Room]]
    let index: GeodesicIndex
    let positionByID: [String: Int]

    /// Builds the engine. Facilities need not be sorted; rooms whose facility is unknown are ignored.
    /// - Complexity: O(n log n) for n facilities.
    public init(facilities: [Facility], rooms: [Room]) {
        // Facilities from the store come sorted: then the array is shared, not copied.
        let sorted = facilities.indices.dropFirst().allSatisfy { facilities[$0 - 1].id < facilities[$0].id }
            ? facilities : facilities.sorted { $0.id < $1.id }
        self.facilities = sorted
        self.rooms = Self.roomsPerFacility(sorted, rooms)
        var masks: [UInt64] = []
        masks.reserveCapacity(sorted.count)
        for (i, f) in sorted.enumerated() { masks.append(AttributeMask.of(f, rooms: self.rooms[i])) }
        index = GeodesicIndex(points: sorted.map(\.location), attributes: masks)
        var positions: [String: Int] = [:]
        for (i, f) in sorted.enumerated() { positions[f.id] = i }
        positionByID = positions
    }

    /// Each facility's rooms sorted by id (its implicit room when none is listed). Rooms sorted by
    /// (facility id, id), as the store gives them, are split in one pass when no two facility ids are
    /// equal as strings; otherwise they are grouped by facility id.
    static func roomsPerFacility(_ facilities: [Facility], _ rooms: [Room]) -> [[Room]] {
        let grouped = rooms.indices.dropFirst().allSatisfy { (rooms[$0 - 1].facilityID, rooms[$0 - 1].id) < (rooms[$0].facilityID, rooms[$0].id) }
        let distinct = facilities.indices.dropFirst().allSatisfy { facilities[$0 - 1].id < facilities[$0].id }
        guard grouped && distinct else {
            var byFacility: [String: [Room]] = [:]
            for room in rooms { byFacility[room.facilityID, default: []].append(room) }
            return facilities.map { f in (byFacility[f.id] ?? [f.implicitRoom]).sorted { $0.id < $1.id } }
        }
        var next = 0
        return facilities.map { f in
            while next < rooms.count, rooms[next].facilityID < f.id { next += 1 }
            let start = next
            while next < rooms.count, rooms[next].facilityID == f.id { next += 1 }
            return start < next ? Array(rooms[start..<next]) : [f.implicitRoom]
        }
    }

    /// The position of a facility id in ``facilities``.
    public func position(of id: String) -> Int? { positionByID[id] }

    /// The nearest facilities that match `filter` (and `accept`, for time conditions), nearest first.
    /// - Parameters:
    ///   - point: where to search from.
    ///   - filter: facility and room conditions.
    ///   - limit: how many results at most.
    ///   - within: inclusive radius in metres.
    ///   - accept: an extra condition on (facility position, its matching rooms) returning the rooms
    ///     that remain (for example those free at a time); an empty result rejects the facility.
    /// - Returns: matches sorted by (distance, id), each with its matching rooms and bearing.
    public func nearest(to point: Coordinate, filter: FacilityFilter, limit: Int, within: Double? = nil,
                        accept: ((Int, [Room]) -> [Room])? = nil) -> [ProximityMatch] {
        let required = AttributeMask.required(by: filter)
        var matched: [Int32: [Room]] = [:]
        let neighbours = index.nearest(to: point, k: limit, within: within, requiring: required) { rank in
            let i = Int(rank)
            guard var rooms = filter.matchingRooms(of: facilities[i], rooms: self.rooms[i]) else { return false }
            if let accept {
                rooms = accept(i, rooms)
                if rooms.isEmpty { return false }
            }
            matched[rank] = rooms
            return true
        }
        return neighbours.map { n in
            let f = facilities[Int(n.rank)]
            let bearing = Geodesic.inverse(from: point, to: f.location).initialAzimuth
            return ProximityMatch(position: Int(n.rank), facility: f, distance: n.distance,
                                  bearing: n.distance > 0 ? bearing : nil, rooms: matched[n.rank] ?? [])
        }
    }

    /// Every matching facility within `radius` metres (inclusive), nearest first.
    public func within(radius: Double, of point: Coordinate, filter: FacilityFilter,
                       accept: ((Int, [Room]) -> [Room])? = nil) -> [ProximityMatch] {
        nearest(to: point, filter: filter, limit: Int.max / 2, within: radius, accept: accept)
    }
}

/// One answer of a proximity search.
public struct ProximityMatch: Sendable {
    /// Position in ``ProximityEngine/facilities``.
    public var position: Int
    public var facility: Facility
    /// Geodesic distance in metres.
    public var distance: Double
    /// Initial azimuth from the query point to the facility, degrees clockwise from north (nil at distance 0).
    public var bearing: Double?
    /// The facility's rooms that satisfy the query.
    public var rooms: [Room]

    package init(position: Int, facility: Facility, distance: Double, bearing: Double?, rooms: [Room]) {
        self.position = position
        self.facility = facility
        self.distance = distance
        self.bearing = bearing
        self.rooms = rooms
    }
}
