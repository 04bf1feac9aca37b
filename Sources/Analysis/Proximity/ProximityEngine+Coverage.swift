import Facilities
import GeoTypes
import SpatialIndex

extension ProximityEngine {
    /// Which facilities qualify under `filter` (and `accept`, for time conditions), by position.
    /// - Complexity: O(n × rooms).
    public func qualifying(filter: FacilityFilter, accept: ((Int, [Room]) -> [Room])? = nil) -> [Bool] {
        facilities.indices.map { i in
            guard var rooms = filter.matchingRooms(of: facilities[i], rooms: self.rooms[i]) else { return false }
            if let accept { rooms = accept(i, rooms) }
            return !rooms.isEmpty
        }
    }

    /// The nearest qualifying facility of `point` and its exact geodesic distance, or nil when none
    /// qualifies (within `within`, when given).
    public func nearestQualifying(to point: Coordinate, qualifying: [Bool], within: Double? = nil) -> NearestFacility? {
        index.nearestNeighbor(to: point, within: within) { qualifying[Int($0)] }
            .map { NearestFacility(facility: Int($0.rank), metres: $0.distance) }
    }

    /// Positions and exact distances of the qualifying facilities within `radius` metres (inclusive).
    public func qualifyingWithin(radius: Double, of point: Coordinate, qualifying: [Bool]) -> [Neighbor] {
        index.within(radius: radius, of: point) { qualifying[Int($0)] }
    }
}
