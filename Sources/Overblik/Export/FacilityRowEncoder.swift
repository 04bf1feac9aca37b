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

    /// The feature id at output `position` for a facility with stored id `idBytes`.
    @inline(__always)
    private func featureID(_ idBytes: UnsafeBufferPointer<UInt8>, position: Int) -> ChunkFeatureID {
        switch idField {
        case .none: return .none
        case .index: return .integer(Int64(position + 1))
        case .property: return UTF8Bytes.isWellFormed(idBytes) ? .utf8(idBytes) : .string(String(decoding: idBytes, as: UTF8.self))
        }
    }

    /// Open now, next change and next free slot of one facility, when they are not the memoised
    /// members of its opening hours.
    struct Availability {
        /// Whether rooms are listed or the facility's own room is booked (then the members are written one by one).
        var special: Bool
        var state: (open: Bool, next: String?)?
        var free: (start: String, end: String)?
        var freeRoom: String?
    }

    /// The availability of a facility with stored id `idBytes`, opening hours `hours` and listed rooms.
    @inline(__always)
    mutating func availability(id idBytes: UnsafeBufferPointer<UInt8>, hours: UnsafeBufferPointer<UInt8>?,
                               listed: [Room]) -> Availability {
        var a = Availability(special: !listed.isEmpty)
        if !listed.isEmpty {
            if let found = builder.nextFree(listed) {
                a.free = builder.describe(found.slot)
                a.freeRoom = found.room
            }
        } else if let hours, hasBookings, case let roomID = String(decoding: idBytes, as: UTF8.self),
                  let booked = builder.bookings[roomID], !booked.isEmpty {
            a.special = true
            a.free = builder.freeSlot(hours: String(decoding: hours, as: UTF8.self), roomID: roomID).map(builder.describe)
        }
        if a.special, let hours {
            a.state = hoursStates.value(for: hours) { [builder] in builder.state(of: String(decoding: $0, as: UTF8.self)) }
        }
        return a
    }

    /// `id`, `name`, `kind`, `owner`, `address`.
    @inline(__always)
    private mutating func headMembers(_ v: FacilityValues, id: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>,
                                      _ p: inout PropertyWriter) {
        Self.text(&p, "id", id)
        Self.text(&p, "name", name)
        kindAndOwner(v, &p)
        Self.text(&p, "address", v.address)
    }

    /// `district`, `district_name`, `rural` for a stored district code (nil: NULL).
    @inline(__always)
    private mutating func districtMembers(_ code: UnsafeBufferPointer<UInt8>?, _ p: inout PropertyWriter) {
        if let code {
            let segment = districtSegments.segment(for: code) { [builder] in Self.districtMembers(code: $0, builder: builder) }
            districtSegments.append(segment, to: &p)
        } else {
            constants.append(constants.nullDistrict, to: &p)
        }
    }

    /// `capacity` ... `checked`.
    @inline(__always)
    private mutating func middleMembers(_ v: FacilityValues, listed: [Room], _ p: inout PropertyWriter) {
        let capacity = v.capacity.map { Int($0) }
        p.integer("capacity", capacity)
        p.bool("disability_suited", v.disabilitySuited == 1)
        p.integer("room_count", listed.count)
        p.integer("max_capacity", listed.isEmpty ? capacity : listed.lazy.compactMap(\.capacity).max())
        if listed.isEmpty { p.null("rooms") } else { Self.roomsSummary(listed, &p) }
        accessibilityMembers(v, &p)
        Self.godAdgang(&p, v.godAdgang)
        Self.text(&p, "checked", v.checked)
    }

    /// `opening_hours` ... `next_free_end`; returns whether `next_free_room` names the facility
    /// itself (no rooms listed and a free slot found).
    @inline(__always)
    private mutating func availabilityMembers(_ a: Availability, hours: UnsafeBufferPointer<UInt8>?,
                                              listed: Bool, _ p: inout PropertyWriter) -> Bool {
        var hasFree = a.free != nil
        if a.special {
            Self.text(&p, "opening_hours", hours)
            p.bool("open_now", a.state?.open)
            p.string("next_change", a.state?.next)
            p.string("next_free_start", a.free?.start)
            p.string("next_free_end", a.free?.end)
        } else if let hours {
            let segment = hoursSegments.segment(for: hours) { [builder] in Self.hoursMembers(hours: $0, builder: builder) }
            hoursSegments.append(segment, to: &p)
            hasFree = segment.flag
        } else {
            constants.append(constants.nullHours, to: &p)
        }
        return !listed && hasFree
    }

    /// `contact_name`, `phone`, `email`, `booking_url`.
    @inline(__always)
    private static func contactMembers(_ v: FacilityValues, _ p: inout PropertyWriter) {
        Self.text(&p, "contact_name", v.contactName)
        Self.text(&p, "phone", v.phone)
        Self.text(&p, "email", v.email)
        Self.text(&p, "booking_url", v.bookingURL)
    }

    /// The decoded kind of a stored kind text (as for the kind member).
    func kind(_ stored: UnsafeBufferPointer<UInt8>?) -> FacilityKind { kinds.match(stored) ?? .other }

    /// Appends the feature of `record` (with its listed `rooms`) at output `position` to `chunk`.
    /// - Throws: ``GeoJSONWriteError/nonFiniteCoordinate(featureIndex:)``.
    mutating func encode(_ record: FacilityRecord, rooms listed: [Room], position: Int, into chunk: GeoJSONChunk) throws(GeoJSONWriteError) {
        let v = record.values
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        let idBytes = v.id ?? empty
        let id = featureID(idBytes, position: position)
        let name = v.name ?? empty
        let a = availability(id: idBytes, hours: v.openingHours, listed: listed)
        let style = self.style
        try chunk.writePointFeature(id: id, point: Coordinate(lon: v.lon, lat: v.lat)) { p in
            headMembers(v, id: idBytes, name: name, &p)
            districtMembers(v.districtCode, &p)
            middleMembers(v, listed: listed, &p)
            let ownFree = availabilityMembers(a, hours: v.openingHours, listed: !listed.isEmpty, &p)
            if !listed.isEmpty {
                p.string("next_free_room", a.freeRoom)
            } else if ownFree {
                Self.text(&p, "next_free_room", name)
            } else {
                p.null("next_free_room")
            }
            Self.contactMembers(v, &p)
            if style {
                constants.append(constants.style[kind(v.kind)]!, to: &p)
                Self.text(&p, "title", name)
            }
        }
    }

    /// Appends the feature of a stored `feature` (with its listed `rooms`) at output `position` to
    /// `chunk`: the same bytes as ``encode(_:rooms:position:into:)`` on the facility's row, when the
    /// stored feature is current. The stored members (``StoredMembers``) get their keys here.
    /// - Returns: false when the stored parts are not of this encoding (what was written is then
    ///   not a feature: the caller gives up).
    /// - Throws: ``GeoJSONWriteError/nonFiniteCoordinate(featureIndex:)``.
    mutating func encode(_ feature: FacilityFeatureBody, rooms listed: [Room], position: Int,
                         into chunk: GeoJSONChunk) throws(GeoJSONWriteError) -> Bool {
        let idBytes = feature.id
        let id = featureID(idBytes, position: position)
        let hours = feature.openingHours
        let a = availability(id: idBytes, hours: hours, listed: listed)
        let style = self.style
        let renderer = StoredMemberRenderer.shared
        let parts = feature.parts
        var cursor = StoredMemberRenderer.Cursor()
        try chunk.writePointFeature(id: id, point: Coordinate(lon: feature.lon, lat: feature.lat)) { p in
            renderer.render(0..<StoredMembers.headEnd, of: parts, cursor: &cursor, to: &p)
            districtMembers(feature.districtCode, &p)
            renderer.render(StoredMembers.headEnd..<StoredMembers.middleEnd, of: parts, cursor: &cursor, to: &p)
            let ownFree = availabilityMembers(a, hours: hours, listed: !listed.isEmpty, &p)
            if !listed.isEmpty {
                p.string("next_free_room", a.freeRoom)
            } else if ownFree {
                renderer.writeName(cursor, of: parts, key: "next_free_room", to: &p)
            } else {
                p.null("next_free_room")
            }
            renderer.render(StoredMembers.middleEnd..<StoredMembers.keys.count, of: parts, cursor: &cursor, to: &p)
            if style {
                let kind = Int(feature.tag) < FacilityKind.allCases.count ? FacilityKind.allCases[Int(feature.tag)] : .other
                constants.append(constants.style[kind]!, to: &p)
                renderer.writeName(cursor, of: parts, key: "title", to: &p)
            }
        }
        return !cursor.malformed && cursor.at == parts.count
    }
}
