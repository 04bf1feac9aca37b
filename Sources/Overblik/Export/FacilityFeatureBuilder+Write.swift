public import Facilities
public import GeoJSON
import GeoTypes

extension FacilityFeatureBuilder {
    /// Writes the feature of `facility` straight into `writer`: the same id, geometry and properties,
    /// in the same order and bytes, as `writer.write(feature(facility, rooms:, position:))`, without
    /// building the property list (the export's hot path).
    /// - Parameters:
    ///   - facility: the facility.
    ///   - listed: its listed rooms (empty: the facility is its one room).
    ///   - position: 0-based output position (for `--id-field index`).
    ///   - writer: receives the feature.
    /// - Throws: ``GeoJSONWriteError`` when writing fails.
    public func write<S: ByteSink>(_ facility: Facility, rooms listed: [Room], position: Int,
                                   to writer: GeoJSONWriter<S>) throws(GeoJSONWriteError) {
        let id: FeatureID?
        switch options.idField ?? .property("id") {
        case .none: id = nil
        case .index: id = .integer(Int64(position + 1))
        case .property("id"): id = .string(facility.id)
        case .property:
            // Any other property as id: the general path looks it up among the built members.
            try writer.write(feature(facility, rooms: listed, position: position))
            return
        }
        let district = facility.districtCode.flatMap { districts[$0] }
        let state = facility.openingHours.flatMap(state(of:))
        let free = listed.isEmpty ? nextFree(CollectionOfOne(facility.implicitRoom)) : nextFree(listed)
        let freeText = free.map { describe($0.slot) }
        let style = options.style
        try writer.writePointFeature(id: id, point: facility.location) { p in
            let a = facility.accessibility
            p.string("id", facility.id)
            p.string("name", facility.name)
            p.string("kind", facility.kind.rawValue)
            p.string("owner", facility.owner.rawValue)
            p.string("address", facility.address)
            p.string("district", facility.districtCode)
            p.string("district_name", district?.name)
            p.bool("rural", district?.rural)
            p.integer("capacity", facility.capacity)
            p.bool("disability_suited", facility.disabilitySuited)
            p.integer("room_count", listed.count)
            p.integer("max_capacity", listed.isEmpty ? facility.capacity : listed.lazy.compactMap(\.capacity).max())
            if listed.isEmpty {
                p.null("rooms")
            } else {
                FacilityRowEncoder.roomsSummary(listed, &p)
            }
            p.string("wheelchair", a.wheelchair.rawValue)
            p.string("toilets_wheelchair", a.toiletsWheelchair.rawValue)
            p.string("step_free", a.stepFree.rawValue)
            p.string("ramp", a.ramp.rawValue)
            p.string("elevator", a.elevator.rawValue)
            p.string("hearing_loop", a.hearingLoop.rawValue)
            p.string("parking_accessible", a.parkingAccessible.rawValue)
            if a.godAdgang.isEmpty {
                p.null("god_adgang")
            } else {
                p.beginString("god_adgang")
                for (i, g) in a.godAdgang.enumerated() {
                    if i > 0 { p.piece("|") }
                    p.piece(g)
                }
                p.endString()
            }
            p.string("checked", a.checked)
            p.string("opening_hours", facility.openingHours)
            p.bool("open_now", state?.open)
            p.string("next_change", state?.next)
            p.string("next_free_start", freeText?.start)
            p.string("next_free_end", freeText?.end)
            p.string("next_free_room", free?.room)
            p.string("contact_name", facility.contact.name)
            p.string("phone", facility.contact.phone)
            p.string("email", facility.contact.email)
            p.string("booking_url", facility.contact.bookingURL)
            if style {
                p.string("marker-color", MapStyle.color(of: facility.kind))
                p.string("marker-size", "small")
                p.string("title", facility.name)
            }
        }
    }
}
