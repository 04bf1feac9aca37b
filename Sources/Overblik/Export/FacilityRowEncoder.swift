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
    /// Per opening_hours text: open now, next change, and the first free slot when unbooked.
    private var hoursCache = ByteKeyCache<HoursAnswer>()
    private var districtCache = ByteKeyCache<(name: String, rural: Bool?)?>()
    private let kinds = RawValueMatcher<FacilityKind>()
    private let owners = RawValueMatcher<OwnerClass>()
    private let wheelchair = RawValueMatcher<WheelchairAccess>()
    private let tri = RawValueMatcher<TriState>()

    struct HoursAnswer {
        var state: (open: Bool, next: String?)?
        var free: (start: String, end: String)?
    }

    /// - Precondition: `context.options.idField` is nil, `.none`, `.index` or `.property("id")`.
    init(context: FacilityEncodingContext) {
        builder = context.builder()
        idField = context.options.idField ?? .property("id")
        style = context.options.style
        hasBookings = !context.bookings.isEmpty
    }

    /// Whether rows can be encoded here for these options (other id fields take the general path).
    static func supports(_ options: ExportOptions) -> Bool {
        switch options.idField ?? .property("id") {
        case .none, .index, .property("id"): return true
        case .property: return false
        }
    }

    /// Appends the feature of `record` (with its listed `rooms`) at output `position` to `chunk`.
    /// - Throws: ``GeoJSONWriteError/nonFiniteCoordinate(featureIndex:)``.
    func encode(_ record: FacilityRecord, rooms listed: [Room], position: Int, into chunk: GeoJSONChunk) throws(GeoJSONWriteError) {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        let idBytes = record.text(.id) ?? empty
        let id: ChunkFeatureID
        switch idField {
        case .none: id = .none
        case .index: id = .integer(Int64(position + 1))
        case .property: id = UTF8Bytes.isWellFormed(idBytes) ? .utf8(idBytes) : .string(String(decoding: idBytes, as: UTF8.self))
        }
        let name = record.text(.name) ?? empty
        let kind = kinds.match(record.text(.kind)) ?? .other
        let point = Coordinate(lon: record.double(.lon), lat: record.double(.lat))
        let capacity: Int? = record.isNull(.capacity) ? nil : Int(record.int64(.capacity))
        let hoursBytes = record.text(.openingHours)
        let districtBytes = record.text(.districtCode)
        let district = districtBytes.flatMap { bytes in
            districtCache.value(for: bytes) { [builder] in builder.districts[String(decoding: $0, as: UTF8.self)] }
        }
        let hours = hoursBytes.map { answer(hours: $0) }
        var free: (start: String, end: String)?
        var freeRoom: String?
        if !listed.isEmpty {
            if let found = builder.nextFree(listed) {
                free = builder.describe(found.slot)
                freeRoom = found.room
            }
        } else if let hoursBytes {
            if hasBookings, case let roomID = String(decoding: idBytes, as: UTF8.self),
               let booked = builder.bookings[roomID], !booked.isEmpty {
                free = builder.freeSlot(hours: String(decoding: hoursBytes, as: UTF8.self), roomID: roomID).map(builder.describe)
            } else {
                free = hours?.free
            }
        }
        let style = self.style
        try chunk.writePointFeature(id: id, point: point) { p in
            Self.text(&p, "id", idBytes)
            Self.text(&p, "name", name)
            p.string("kind", kind.rawValue)
            p.string("owner", (owners.match(record.text(.owner)) ?? .municipal).rawValue)
            Self.text(&p, "address", record.text(.address))
            Self.text(&p, "district", districtBytes)
            p.string("district_name", district?.name)
            p.bool("rural", district?.rural)
            p.integer("capacity", capacity)
            p.bool("disability_suited", record.int64(.disabilitySuited) == 1)
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
            p.string("wheelchair", (wheelchair.match(record.text(.wheelchair)) ?? .unknown).rawValue)
            p.string("toilets_wheelchair", (tri.match(record.text(.toiletsWheelchair)) ?? .unknown).rawValue)
            p.string("step_free", (tri.match(record.text(.stepFree)) ?? .unknown).rawValue)
            p.string("ramp", (tri.match(record.text(.ramp)) ?? .unknown).rawValue)
            p.string("elevator", (tri.match(record.text(.elevator)) ?? .unknown).rawValue)
            p.string("hearing_loop", (tri.match(record.text(.hearingLoop)) ?? .unknown).rawValue)
            p.string("parking_accessible", (tri.match(record.text(.parkingAccessible)) ?? .unknown).rawValue)
            Self.godAdgang(&p, record.text(.godAdgang))
            Self.text(&p, "checked", record.text(.checked))
            Self.text(&p, "opening_hours", hoursBytes)
            p.bool("open_now", hours?.state?.open)
            p.string("next_change", hours?.state?.next)
            p.string("next_free_start", free?.start)
            p.string("next_free_end", free?.end)
            if !listed.isEmpty {
                p.string("next_free_room", freeRoom)
            } else if free != nil {
                Self.text(&p, "next_free_room", name)
            } else {
                p.null("next_free_room")
            }
            Self.text(&p, "contact_name", record.text(.contactName))
            Self.text(&p, "phone", record.text(.phone))
            Self.text(&p, "email", record.text(.email))
            Self.text(&p, "booking_url", record.text(.bookingURL))
            if style {
                p.string("marker-color", MapStyle.color(of: kind))
                p.string("marker-size", "small")
                Self.text(&p, "title", name)
            }
        }
    }

    /// Open now, next change and the unbooked free slot for an availability text, once per text.
    private func answer(hours bytes: UnsafeBufferPointer<UInt8>) -> HoursAnswer {
        hoursCache.value(for: bytes) { [builder] bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let slot = builder.unbookedFreeSlot(hours: text)
            return HoursAnswer(state: builder.state(of: text), free: slot.map(builder.describe))
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
