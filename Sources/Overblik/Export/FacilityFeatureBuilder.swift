public import Facilities
public import GeoJSON
import GeoTypes
public import Scheduling

/// Builds the GeoJSON point feature of a facility: kind, rooms summary, flattened accessibility,
/// availability with open-now, next change and next free slot, and contact. Flat primitive
/// properties only, in a fixed order.
///
/// Parsed opening hours and the free-time answers of unbooked rooms are cached by their
/// opening_hours text, so exporting a million facilities that share a few dozen schedules evaluates
/// each schedule once.
///
/// ```swift
/// let builder = FacilityFeatureBuilder(options: options, calendar: .danish, bookings: [:])
/// let feature = builder.feature(facility, rooms: rooms, position: 0)
/// ```
public final class FacilityFeatureBuilder {
    /// District code → (name, rural), for the district properties.
    public var districts: [String: (name: String, rural: Bool?)] = [:]
    let options: ExportOptions
    let calendar: HolidayCalendar
    let bookings: [String: [LocalInterval]]
    let horizonEnd: LocalDateTime
    /// Entries per cache before it is emptied (keeps memory constant on layers of unique schedules).
    static let cacheLimit = 4096
    private var parsed = OpeningHoursCache(limit: FacilityFeatureBuilder.cacheLimit)
    private var freeCache: [String: LocalInterval?] = [:]
    private var stateCache: [String: (open: Bool, next: String?)] = [:]
    private var slotText: [LocalInterval: (start: String, end: String)] = [:]

    /// - Parameters:
    ///   - options: the clock, horizon, id and style choices.
    ///   - calendar: holidays for `PH` and `SH`.
    ///   - bookings: booked local intervals per room id within the horizon.
    public init(options: ExportOptions, calendar: HolidayCalendar, bookings: [String: [LocalInterval]]) {
        self.options = options
        self.calendar = calendar
        self.bookings = bookings
        horizonEnd = options.now.date.adding(days: max(1, options.horizonDays)).startOfDay
    }

    /// The feature of `facility` with its listed `rooms` (empty: the facility is its one room).
    /// - Parameter position: 0-based output position (for `--id-field index`).
    public func feature(_ facility: Facility, rooms listed: [Room], position: Int) -> GeoJSONFeature {
        let rooms = listed.isEmpty ? [facility.implicitRoom] : listed
        let a = facility.accessibility
        var p: [JSONMember] = []
        p.reserveCapacity(36)
        func text(_ key: String, _ value: String?) { p.append(JSONMember(key, value.map(JSONValue.string) ?? .null)) }
        text("id", facility.id)
        text("name", facility.name)
        text("kind", facility.kind.rawValue)
        text("owner", facility.owner.rawValue)
        text("address", facility.address)
        text("district", facility.districtCode)
        let district = facility.districtCode.flatMap { districts[$0] }
        text("district_name", district?.name)
        p.append(JSONMember("rural", district?.rural.map(JSONValue.bool) ?? .null))
        p.append(JSONMember("capacity", facility.capacity.map { .integer(Int64($0)) } ?? .null))
        p.append(JSONMember("disability_suited", .bool(facility.disabilitySuited)))
        p.append(JSONMember("room_count", .integer(Int64(listed.count))))
        let maxCapacity = rooms.compactMap(\.capacity).max()
        p.append(JSONMember("max_capacity", maxCapacity.map { .integer(Int64($0)) } ?? .null))
        text("rooms", listed.isEmpty ? nil : listed.map { r in r.capacity.map { "\(r.name) (\($0))" } ?? r.name }.joined(separator: "; "))
        text("wheelchair", a.wheelchair.rawValue)
        text("toilets_wheelchair", a.toiletsWheelchair.rawValue)
        text("step_free", a.stepFree.rawValue)
        text("ramp", a.ramp.rawValue)
        text("elevator", a.elevator.rawValue)
        text("hearing_loop", a.hearingLoop.rawValue)
        text("parking_accessible", a.parkingAccessible.rawValue)
        text("god_adgang", a.godAdgang.isEmpty ? nil : a.godAdgang.joined(separator: "|"))
        text("checked", a.checked)
        text("opening_hours", facility.openingHours)
        let state = facility.openingHours.flatMap(state(of:))
        p.append(JSONMember("open_now", state.map { .bool($0.open) } ?? .null))
        text("next_change", state?.next)
        let free = nextFree(rooms)
        let freeText = free.map { describe($0.slot) }
        text("next_free_start", freeText?.start)
        text("next_free_end", freeText?.end)
        text("next_free_room", free?.room)
        text("contact_name", facility.contact.name)
        text("phone", facility.contact.phone)
        text("email", facility.contact.email)
        text("booking_url", facility.contact.bookingURL)
        if options.style {
            text("marker-color", MapStyle.color(of: facility.kind))
            text("marker-size", "small")
            text("title", facility.name)
        }
        let id = (options.idField ?? .property("id")).id(position: position, properties: p)
        return GeoJSONFeature(id: id, geometry: .point(facility.location), properties: p)
    }

    private func hours(_ text: String) -> OpeningHours? {
        if stateCache.count >= Self.cacheLimit || freeCache.count >= Self.cacheLimit {
            // Bounded memory when (almost) every facility has its own schedule.
            stateCache.removeAll(keepingCapacity: true)
            freeCache.removeAll(keepingCapacity: true)
        }
        return parsed.hours(text)
    }

    /// Start and end of a slot as ISO local times (formatted once per distinct slot).
    func describe(_ slot: LocalInterval) -> (start: String, end: String) {
        if let known = slotText[slot] { return known }
        let value = (slot.start.description, slot.end.description)
        if slotText.count >= Self.cacheLimit { slotText.removeAll(keepingCapacity: true) }
        slotText[slot] = value
        return value
    }

    /// Open now, and the next time that changes (within a year), for an availability text.
    func state(of text: String) -> (open: Bool, next: String?)? {
        if let known = stateCache[text] { return known }
        guard let h = hours(text) else { return nil }
        let value = (h.isOpen(at: options.now, calendar: calendar), h.nextChange(after: options.now, calendar: calendar)?.description)
        stateCache[text] = value
        return value
    }

    /// The earliest free slot of any room from now to the horizon (ties: the room first listed).
    func nextFree<Rooms: Collection<Room>>(_ rooms: Rooms) -> (slot: LocalInterval, room: String)? {
        var best: (slot: LocalInterval, room: String)?
        for room in rooms {
            guard let text = room.openingHours else { continue }
            let slot = freeSlot(hours: text, roomID: room.id)
            if let slot, best.map({ slot.start < $0.slot.start }) ?? true { best = (slot, room.name) }
        }
        return best
    }

    /// The first free slot from now to the horizon of a room with availability `text` and the
    /// bookings of `roomID` (cached by text for unbooked rooms).
    func freeSlot(hours text: String, roomID: String) -> LocalInterval? {
        if let booked = bookings[roomID], !booked.isEmpty {
            return hours(text).flatMap { firstFree($0, booked: booked) }
        }
        return unbookedFreeSlot(hours: text)
    }

    /// The first free slot from now to the horizon of an unbooked room with availability `text` (cached).
    func unbookedFreeSlot(hours text: String) -> LocalInterval? {
        if let cached = freeCache[text] { return cached }
        let slot = hours(text).flatMap { firstFree($0, booked: []) }
        freeCache[text] = slot
        return slot
    }

    private func firstFree(_ hours: OpeningHours, booked: [LocalInterval]) -> LocalInterval? {
        FreeTime.freeSlots(openingHours: hours, calendar: calendar, bookings: booked,
                           from: options.now, to: horizonEnd).first
    }
}
