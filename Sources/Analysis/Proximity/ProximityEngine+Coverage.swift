public import Facilities
public import GeoTypes
public import SpatialIndex

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

    /// The nearest qualifying facility and its distance for the points `(lons[i], lats[i])`, `i` in
    /// `range`: the same facility and the same distance value as ``nearestQualifying(to:qualifying:within:)``
    /// point by point, computed in one batch (see ``GeodesicIndex/nearestNeighbors(lons:lats:in:within:requiring:where:)``).
    /// - Returns: per point of `range`, in order, the facility position (-1 for none) and the metres
    ///   (`.infinity` for none).
    public func nearestQualifying(lons: [Double], lats: [Double], in range: Range<Int>, qualifying: [Bool],
                                  within: Double? = nil) -> (facility: [Int32], metres: [Double]) {
        let answer = index.nearestNeighbors(lons: lons, lats: lats, in: range, within: within) { qualifying[Int($0)] }
        return (answer.ranks, answer.distances)
    }

    /// Positions and exact distances of the qualifying facilities within `radius` metres (inclusive).
    public func qualifyingWithin(radius: Double, of point: Coordinate, qualifying: [Bool]) -> [Neighbor] {
        index.within(radius: radius, of: point) { qualifying[Int($0)] }
    }
}
