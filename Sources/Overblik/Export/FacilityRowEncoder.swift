import Facilities
import GeoJSON
import GeoTypes
import Scheduling
import Store

/// What every encoder of one export shares: the clock and options, holidays, bookings within the
/// horizon, and the districts' names and rural flags. Immutable, so each reader thread builds its
/// own ``FacilityRowEncoder`` from it.
struct FacilityEncodingContext: Sendable {
    let options: ExportOptions
    let calendar: HolidayCalendar
    let bookings: [String: [LocalInterval]]
    let districts: [String: (name: String, rural: Bool?)]

    /// A builder holding this context (each thread gets its own: builders cache as they go).
    func builder() -> FacilityFeatureBuilder {
        let builder = FacilityFeatureBuilder(options: options, calendar: calendar, bookings: bookings)
        builder.districts = districts
        return builder
    }
}

/// Encodes raw facility rows straight into a ``GeoJSONChunk``: the same bytes as
/// ``FacilityFeatureBuilder/write(_:rooms:position:to:)`` on the decoded ``Facility``, without
/// decoding it. Text is copied from the database as stored when it is well-formed UTF-8 (else it
/// goes through `String`, which repairs it, as the decoding does); enum columns, availability
/// (open now, next change, next free slot) and districts become members encoded once per distinct
/// stored text and then copied.
///
/// A value type used by one thread: its memo tables are mutated without locks or dynamic checks.
struct FacilityRowEncoder {
    let builder: FacilityFeatureBuilder
    private let idField: ExportIDField
    private let style: Bool
    private let hasBookings: Bool
    /// Per opening_hours text: the members `opening_hours` ... `next_free_end` of an unbooked
    /// facility without listed rooms; the flag says whether there is a free slot.
    private var hoursSegments = SegmentCache()
    /// Per opening_hours text: open now and next change (for facilities with rooms or bookings).
    private var hoursStates = ByteKeyCache<(open: Bool, next: String?)?>()
    /// Per district code: the members `district`, `district_name`, `rural`.
    private var districtSegments = SegmentCache()
    /// Per stored (kind, owner): their two members.
    private var kindOwner = SegmentCache()
    /// Per stored accessibility texts: the seven members `wheelchair` ... `parking_accessible`.
    private var accessibility = SegmentCache()
    /// Scratch space for the keys of grouped members.
    private let groupKey = GroupKey()
    private let constants: ConstantMembers
    private let kinds = RawValueMatcher<FacilityKind>()
    private static let kindOwnerFields: [EnumField] = [.kind, .owner]
    private static let accessibilityFields: [EnumField] = [.wheelchair, .toiletsWheelchair, .stepFree, .ramp, .elevator,
                                                           .hearingLoop, .parkingAccessible]

    /// - Precondition: ``supports(_:)`` is true for `context.options`.
    init(context: FacilityEncodingContext) {
        builder = context.builder()
        idField = context.options.idField ?? .property("id")
        style = context.options.style
        hasBookings = !context.bookings.isEmpty
        constants = ConstantMembers()
    }

    /// Whether rows can be encoded here for these options (other id fields take the general path).
    static func supports(_ options: ExportOptions) -> Bool {
        switch options.idField ?? .property("id") {
        case .none, .index, .property("id"): return true
        case .property: return false
        }
    }

    /// `kind` and `owner`, memoised by their stored texts together.
    @inline(__always)
    private mutating func kindAndOwner(_ v: FacilityValues, _ p: inout PropertyWriter) {
        var n = 0
        groupKey.add(v.kind, at: &n)
        groupKey.add(v.owner, at: &n)
        guard let key = groupKey.bytes(n) else {
            return Self.writeEnums(Self.kindOwnerFields, [v.kind, v.owner], &p)
        }
        let segment = kindOwner.segment(for: key) { Self.enumMembers(Self.kindOwnerFields, key: $0) }
        kindOwner.append(segment, to: &p)
    }

    /// `wheelchair` ... `parking_accessible`, memoised by their stored texts together.
    @inline(__always)
    private mutating func accessibilityMembers(_ v: FacilityValues, _ p: inout PropertyWriter) {
        var n = 0
        groupKey.add(v.wheelchair, at: &n)
        groupKey.add(v.toiletsWheelchair, at: &n)
        groupKey.add(v.stepFree, at: &n)
        groupKey.add(v.ramp, at: &n)
        groupKey.add(v.elevator, at: &n)
        groupKey.add(v.hearingLoop, at: &n)
        groupKey.add(v.parkingAccessible, at: &n)
        guard let key = groupKey.bytes(n) else {
            return Self.writeEnums(Self.accessibilityFields, [v.wheelchair, v.toiletsWheelchair, v.stepFree, v.ramp, v.elevator,
                                                              v.hearingLoop, v.parkingAccessible], &p)
        }
        let segment = accessibility.segment(for: key) { Self.enumMembers(Self.accessibilityFields, key: $0) }
        accessibility.append(segment, to: &p)
    }

    /// The members of enum `fields` for stored texts too long to memoise.
    private static func writeEnums(_ fields: [EnumField], _ texts: [UnsafeBufferPointer<UInt8>?], _ p: inout PropertyWriter) {
        for (field, text) in zip(fields, texts) { field.write(text.map { String(decoding: $0, as: UTF8.self) }, to: &p) }
    }

    /// The members of enum `fields` for the stored texts in a group key.
    private static func enumMembers(_ fields: [EnumField], key: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], members: Int, flag: Bool) {
        let parts = GroupKey.parts(key)
        let (encoded, members) = PropertyWriter.encodedMembers { p in
            for (field, text) in zip(fields, parts) { field.write(text, to: &p) }
        }
        return (encoded, members, false)
    }

    /// Appends the feature of `record` (with its listed `rooms`) at output `position` to `chunk`.
    /// - Throws: ``GeoJSONWriteError/nonFiniteCoordinate(featureIndex:)``.
    mutating func encode(_ record: FacilityRecord, rooms listed: [Room], position: Int, into chunk: GeoJSONChunk) throws(GeoJSONWriteError) {
        let v = record.values
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        let idBytes = v.id ?? empty
        let id: ChunkFeatureID
        switch idField {
        case .none: id = .none
        case .index: id = .integer(Int64(position + 1))
        case .property: id = UTF8Bytes.isWellFormed(idBytes) ? .utf8(idBytes) : .string(String(decoding: idBytes, as: UTF8.self))
        }
        let name = v.name ?? empty
        let capacity = v.capacity.map { Int($0) }
        // Availability: the memoised members fit unless rooms are listed or the facility's own room is booked.
        var special = !listed.isEmpty
        var state: (open: Bool, next: String?)?
        var free: (start: String, end: String)?
        var freeRoom: String?
        if !listed.isEmpty {
            if let found = builder.nextFree(listed) {
                free = builder.describe(found.slot)
                freeRoom = found.room
            }
        } else if let hoursBytes = v.openingHours, hasBookings, case let roomID = String(decoding: idBytes, as: UTF8.self),
                  let booked = builder.bookings[roomID], !booked.isEmpty {
            special = true
            free = builder.freeSlot(hours: String(decoding: hoursBytes, as: UTF8.self), roomID: roomID).map(builder.describe)
        }
        if special, let hoursBytes = v.openingHours {
            state = hoursStates.value(for: hoursBytes) { [builder] in builder.state(of: String(decoding: $0, as: UTF8.self)) }
        }
        let style = self.style
        try chunk.writePointFeature(id: id, point: Coordinate(lon: v.lon, lat: v.lat)) { p in
            Self.text(&p, "id", idBytes)
            Self.text(&p, "name", name)
            kindAndOwner(v, &p)
            Self.text(&p, "address", v.address)
            if let code = v.districtCode {
                let segment = districtSegments.segment(for: code) { [builder] in Self.districtMembers(code: $0, builder: builder) }
                districtSegments.append(segment, to: &p)
            } else {
                constants.append(constants.nullDistrict, to: &p)
            }
            p.integer("capacity", capacity)
            p.bool("disability_suited", v.disabilitySuited == 1)
            p.integer("room_count", listed.count)
            p.integer("max_capacity", listed.isEmpty ? capacity : listed.lazy.compactMap(\.capacity).max())
            if listed.isEmpty { p.null("rooms") } else { Self.roomsSummary(listed, &p) }
            accessibilityMembers(v, &p)
            Self.godAdgang(&p, v.godAdgang)
            Self.text(&p, "checked", v.checked)
            var hasFree = free != nil
            if special {
                Self.text(&p, "opening_hours", v.openingHours)
                p.bool("open_now", state?.open)
                p.string("next_change", state?.next)
                p.string("next_free_start", free?.start)
                p.string("next_free_end", free?.end)
            } else if let hoursBytes = v.openingHours {
                let segment = hoursSegments.segment(for: hoursBytes) { [builder] in Self.hoursMembers(hours: $0, builder: builder) }
                hoursSegments.append(segment, to: &p)
                hasFree = segment.flag
            } else {
                constants.append(constants.nullHours, to: &p)
            }
            if !listed.isEmpty {
                p.string("next_free_room", freeRoom)
            } else if hasFree {
                Self.text(&p, "next_free_room", name)
            } else {
                p.null("next_free_room")
            }
            Self.text(&p, "contact_name", v.contactName)
            Self.text(&p, "phone", v.phone)
            Self.text(&p, "email", v.email)
            Self.text(&p, "booking_url", v.bookingURL)
            if style {
                // The kind decoded as for the kind member.
                constants.append(constants.style[kinds.match(v.kind) ?? .other]!, to: &p)
                Self.text(&p, "title", name)
            }
        }
    }

}
