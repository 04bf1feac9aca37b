public import Foundation

extension NearAnswer {
    /// The JSON of `overblik near --format json` and of `GET /api/near`: the list of hits, in the
    /// bytes of ``OverblikJSON`` (written directly: JSONEncoder was most of a request's time).
    public func json() throws -> Data {
        var writer = PrettyJSONWriter(capacity: 600 + 700 * hits.count)
        try NearHit.write(hits, to: &writer)
        return writer.finish()
    }
}

extension NearHit {
    /// Writes `hits` as a JSON array, members in sorted key order, nil members left out (as the
    /// synthesised `Encodable` conformance with ``OverblikJSON`` does).
    static func write(_ hits: [NearHit], to w: inout PrettyJSONWriter) throws {
        w.beginArray()
        for h in hits {
            w.element()
            try h.write(to: &w)
        }
        w.endArray()
    }

    func write(to w: inout PrettyJSONWriter) throws {
        func text(_ key: StaticString, _ value: String?) {
            if let value { w.key(key); w.string(value) }
        }
        func number(_ key: StaticString, _ value: Double?) throws {
            if let value { w.key(key); try w.number(value) }
        }
        w.beginObject()
        text("address", address)
        try number("bearing_deg", bearingDeg)
        text("booking_url", bookingURL)
        text("contact_name", contactName)
        text("direction", direction)
        try number("distance_m", distanceM)
        text("district", district)
        text("district_name", districtName)
        text("email", email)
        text("hearing_loop", hearingLoop)
        text("id", id)
        text("kind", kind)
        try number("lat", lat)
        try number("lon", lon)
        text("metric", metric)
        text("name", name)
        text("opening_hours", openingHours)
        text("owner", owner)
        text("phone", phone)
        try number("road_m", roadM)
        try number("road_min", roadMin)
        w.key("rooms")
        w.beginArray()
        for room in rooms {
            w.element()
            w.beginObject()
            if let capacity = room.capacity { w.key("capacity"); w.integer(capacity) }
            w.key("equipment")
            w.beginArray()
            for item in room.equipment { w.element(); w.string(item) }
            w.endArray()
            text("id", room.id)
            text("name", room.name)
            w.endObject()
        }
        w.endArray()
        if let rural { w.key("rural"); w.bool(rural) }
        text("step_free", stepFree)
        text("toilets_wheelchair", toiletsWheelchair)
        text("travel", travel)
        text("wheelchair", wheelchair)
        w.endObject()
    }
}
