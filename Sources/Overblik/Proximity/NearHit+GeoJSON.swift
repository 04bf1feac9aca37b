public import GeoJSON
import GeoTypes

extension NearHit {
    /// The hit as a GeoJSON point feature with flat primitive properties (rooms summarised as text).
    public func geoJSONFeature(queryID: String? = nil) -> GeoJSONFeature {
        var props: [JSONMember] = []
        if let queryID { props.append(JSONMember("query_id", .string(queryID))) }
        props += [
            JSONMember("id", .string(id)), JSONMember("name", .string(name)), JSONMember("kind", .string(kind)),
            JSONMember("distance_m", .number(distanceM)),
        ]
        func optional(_ key: String, _ value: String?) { props.append(JSONMember(key, value.map(JSONValue.string) ?? .null)) }
        props.append(JSONMember("bearing_deg", bearingDeg.map(JSONValue.number) ?? .null))
        optional("direction", direction)
        optional("district", district)
        optional("district_name", districtName)
        props.append(JSONMember("rural", rural.map(JSONValue.bool) ?? .null))
        optional("owner", owner)
        optional("address", address)
        optional("wheelchair", wheelchair)
        optional("toilets_wheelchair", toiletsWheelchair)
        optional("step_free", stepFree)
        optional("hearing_loop", hearingLoop)
        optional("opening_hours", openingHours)
        props.append(JSONMember("rooms", .string(roomsText)))
        props.append(JSONMember("room_count", .integer(Int64(rooms.count))))
        optional("contact_name", contactName)
        optional("phone", phone)
        optional("email", email)
        optional("booking_url", bookingURL)
        return GeoJSONFeature(id: .string(id), geometry: .point(Coordinate(lon: lon, lat: lat)), properties: props)
    }
}
