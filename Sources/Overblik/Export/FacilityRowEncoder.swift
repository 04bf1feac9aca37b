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
/// goes through `String`, which repairs it, as the decoding does); enum columns are matched
/// bytewise; availability, free slots and districts are memoised by their stored bytes.
///
/// Used by one thread at a time.
final class FacilityRowEncoder {
    let builder: FacilityFeatureBuilder
    private let idField: ExportIDField
    private let style: Bool
    private let hasBookings: Bool
    /// Per opening_hours text: open now, next change, and the first free slot when unbooked,
    /// with the members `opening_hours` ... `next_free_end` of an unbooked facility without rooms.
    private var hoursCache = ByteKeyCache<HoursAnswer>()
    /// Per district code: the members `district`, `district_name`, `rural`.
    private var districtCache = ByteKeyCache<Segment>()
    /// Per field and stored text: the member of an enum column (`kind`, `owner`, accessibility).
    private var enumCaches = [ByteKeyCache<Segment>](repeating: ByteKeyCache(), count: EnumField.allCases.count)
    private let nullSegments: [Segment]
    private let nullDistrict: Segment
    private let nullHours: Segment
    private let styleSegments: [FacilityKind: Segment]

    /// Members encoded once and appended as bytes.
    struct Segment {
        var bytes: [UInt8]
        var members: Int
        init(_ body: (inout PropertyWriter) -> Void) {
            (bytes, members) = PropertyWriter.encodedMembers(body)
        }
    }

    struct HoursAnswer {
        var state: (open: Bool, next: String?)?
        var free: (start: String, end: String)?
        var segment: Segment
    }

    /// The enum columns, with their property name, default and decoding.
    enum EnumField: Int, CaseIterable {
        case kind, owner, wheelchair, toiletsWheelchair, stepFree, ramp, elevator, hearingLoop, parkingAccessible

        /// The member for the stored text (nil: NULL), decoded as ``OverblikStore`` decodes it.
        func segment(_ text: String?) -> Segment {
            func tri(_ key: StaticString) -> Segment {
                Segment { $0.string(key, (text.flatMap(TriState.init(rawValue:)) ?? .unknown).rawValue) }
            }
            switch self {
            case .kind: return Segment { $0.string("kind", (text.flatMap(FacilityKind.init(rawValue:)) ?? .other).rawValue) }
            case .owner: return Segment { $0.string("owner", (text.flatMap(OwnerClass.init(rawValue:)) ?? .municipal).rawValue) }
            case .wheelchair:
                return Segment { $0.string("wheelchair", (text.flatMap(WheelchairAccess.init(rawValue:)) ?? .unknown).rawValue) }
            case .toiletsWheelchair: return tri("toilets_wheelchair")
            case .stepFree: return tri("step_free")
            case .ramp: return tri("ramp")
            case .elevator: return tri("elevator")
            case .hearingLoop: return tri("hearing_loop")
            case .parkingAccessible: return tri("parking_accessible")
            }
        }
    }

    /// - Precondition: `context.options.idField` is nil, `.none`, `.index` or `.property("id")`.
    init(context: FacilityEncodingContext) {
        builder = context.builder()
        idField = context.options.idField ?? .property("id")
        style = context.options.style
        hasBookings = !context.bookings.isEmpty
        nullSegments = EnumField.allCases.map { $0.segment(nil) }
        nullDistrict = Segment { p in
            p.null("district")
            p.null("district_name")
            p.null("rural")
        }
        nullHours = Segment { p in
            for key: StaticString in ["opening_hours", "open_now", "next_change", "next_free_start", "next_free_end"] { p.null(key) }
        }
        var styles: [FacilityKind: Segment] = [:]
        for kind in FacilityKind.allCases {
            styles[kind] = Segment { p in
                p.string("marker-color", MapStyle.color(of: kind))
                p.string("marker-size", "small")
            }
        }
        styleSegments = styles
    }

    /// Whether rows can be encoded here for these options (other id fields take the general path).
    static func supports(_ options: ExportOptions) -> Bool {
        switch options.idField ?? .property("id") {
        case .none, .index, .property("id"): return true
        case .property: return false
        }
    }

    @inline(__always)
    private func append(_ segment: Segment, to p: inout PropertyWriter) {
        segment.bytes.withUnsafeBufferPointer { p.encoded($0, members: segment.members) }
    }

    /// The member of an enum column.
    @inline(__always)
    private func enumMember(_ field: EnumField, _ text: UnsafeBufferPointer<UInt8>?, _ p: inout PropertyWriter) {
        guard let text else { return append(nullSegments[field.rawValue], to: &p) }
        let segment = enumCaches[field.rawValue].value(for: text) { field.segment(String(decoding: $0, as: UTF8.self)) }
        append(segment, to: &p)
    }

    /// Appends the feature of `record` (with its listed `rooms`) at output `position` to `chunk`.
    /// - Throws: ``GeoJSONWriteError/nonFiniteCoordinate(featureIndex:)``.
    func encode(_ record: FacilityRecord, rooms listed: [Room], position: Int, into chunk: GeoJSONChunk) throws(GeoJSONWriteError) {
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
        let district: Segment = v.districtCode.map { bytes in
            districtCache.value(for: bytes) { [builder] bytes in
                let code = String(decoding: bytes, as: UTF8.self)
                let d = builder.districts[code]
                return Segment { p in
                    p.string("district", code)
                    p.string("district_name", d?.name)
                    p.bool("rural", d?.rural)
                }
            }
        } ?? nullDistrict
        let hours = v.openingHours.map { answer(hours: $0) }
        // The unbooked answer applies unless rooms are listed or the facility's own room is booked.
        var special = !listed.isEmpty
        var free: (start: String, end: String)?
        var freeRoom: String?
        if !listed.isEmpty {
            if let found = builder.nextFree(listed) {
                free = builder.describe(found.slot)
                freeRoom = found.room
            }
        } else if let hoursBytes = v.openingHours {
            if hasBookings, case let roomID = String(decoding: idBytes, as: UTF8.self),
               let booked = builder.bookings[roomID], !booked.isEmpty {
                special = true
                free = builder.freeSlot(hours: String(decoding: hoursBytes, as: UTF8.self), roomID: roomID).map(builder.describe)
            } else {
                free = hours?.free
            }
        }
        let style = self.style
        let kindText = v.kind
        try chunk.writePointFeature(id: id, point: Coordinate(lon: v.lon, lat: v.lat)) { p in
            Self.text(&p, "id", idBytes)
            Self.text(&p, "name", name)
            enumMember(.kind, kindText, &p)
            enumMember(.owner, v.owner, &p)
            Self.text(&p, "address", v.address)
            append(district, to: &p)
            p.integer("capacity", capacity)
            p.bool("disability_suited", v.disabilitySuited == 1)
            p.integer("room_count", listed.count)
            p.integer("max_capacity", listed.isEmpty ? capacity : listed.lazy.compactMap(\.capacity).max())
            if listed.isEmpty {
                p.null("rooms")
            } else {
                p.beginString("rooms")
                for (i, r) in listed.enumerated() {
                    if i > 0 { p.piece("; ") }
                    p.piece(r.name)
                    if let c = r.capacity {
                        p.piece(" (")
                        p.piece(c)
                        p.piece(")")
                    }
                }
                p.endString()
            }
            enumMember(.wheelchair, v.wheelchair, &p)
            enumMember(.toiletsWheelchair, v.toiletsWheelchair, &p)
            enumMember(.stepFree, v.stepFree, &p)
            enumMember(.ramp, v.ramp, &p)
            enumMember(.elevator, v.elevator, &p)
            enumMember(.hearingLoop, v.hearingLoop, &p)
            enumMember(.parkingAccessible, v.parkingAccessible, &p)
            Self.godAdgang(&p, v.godAdgang)
            Self.text(&p, "checked", v.checked)
            if let hours, !special {
                append(hours.segment, to: &p)
            } else if hours == nil && !special {
                append(nullHours, to: &p)
            } else {
                Self.text(&p, "opening_hours", v.openingHours)
                p.bool("open_now", hours?.state?.open)
                p.string("next_change", hours?.state?.next)
                p.string("next_free_start", free?.start)
                p.string("next_free_end", free?.end)
            }
            if !listed.isEmpty {
                p.string("next_free_room", freeRoom)
            } else if free != nil {
                Self.text(&p, "next_free_room", name)
            } else {
                p.null("next_free_room")
            }
            Self.text(&p, "contact_name", v.contactName)
            Self.text(&p, "phone", v.phone)
            Self.text(&p, "email", v.email)
            Self.text(&p, "booking_url", v.bookingURL)
            if style {
                // The kind as decoded (the kind member above is the same decoding).
                let kind = kinds.match(kindText) ?? .other
                append(styleSegments[kind]!, to: &p)
                Self.text(&p, "title", name)
            }
        }
    }

    private let kinds = RawValueMatcher<FacilityKind>()

    /// Open now, next change and the unbooked free slot for an availability text, once per text.
    private func answer(hours bytes: UnsafeBufferPointer<UInt8>) -> HoursAnswer {
        hoursCache.value(for: bytes) { [builder] bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let state = builder.state(of: text)
            let free = builder.unbookedFreeSlot(hours: text).map(builder.describe)
            let segment = Segment { p in
                FacilityRowEncoder.text(&p, "opening_hours", bytes)
                p.bool("open_now", state?.open)
                p.string("next_change", state?.next)
                p.string("next_free_start", free?.start)
                p.string("next_free_end", free?.end)
            }
            return HoursAnswer(state: state, free: free, segment: segment)
        }
    }

    /// A text member from stored bytes (nil: null), as `PropertyWriter.string(_:_:)` writes the decoded text.
    @inline(__always)
    static func text(_ p: inout PropertyWriter, _ key: StaticString, _ bytes: UnsafeBufferPointer<UInt8>?) {
        guard let bytes else { p.null(key); return }
        if UTF8Bytes.isWellFormed(bytes) {
            p.string(key, utf8: bytes)
        } else {
            p.string(key, String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `god_adgang`: the stored list split at `|` without empty parts, joined again; null when empty.
    static func godAdgang(_ p: inout PropertyWriter, _ bytes: UnsafeBufferPointer<UInt8>?) {
        guard let bytes, bytes.count > 0 else { p.null("god_adgang"); return }
        guard UTF8Bytes.isASCII(bytes) else {
            // Character-wise splitting (a `|` followed by a combining mark is not a separator).
            let parts = String(decoding: bytes, as: UTF8.self).split(separator: "|").map(String.init)
            guard !parts.isEmpty else { p.null("god_adgang"); return }
            p.beginString("god_adgang")
            for (i, g) in parts.enumerated() {
                if i > 0 { p.piece("|") }
                p.piece(g)
            }
            p.endString()
            return
        }
        var first = true
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "|") {
            if i > start {
                if first { p.beginString("god_adgang"); first = false } else { p.piece("|") }
                p.piece(utf8: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            }
            start = i + 1
        }
        if first { p.null("god_adgang") } else { p.endString() }
    }
}
