import Facilities
import GeoJSON
import Store

/// Encodes the stored parts of facility features for ``OverblikStore/featureEncoder``: the members
/// that depend on a facility's row and listed rooms only, in the compact form of ``StoredMembers``.
/// Each value is written by the export row encoder's own functions (``FacilityRowEncoder``) and
/// kept without its key, so rendering gives the same bytes. What depends on the clock, the
/// bookings, the holidays and the districts (availability, district name, rural) is left out and
/// encoded at export time.
///
/// Bump ``version`` whenever the encoding of these members changes: stores then encode every
/// feature again the next time an Overblik facade writes to them or opens them for writing.
///
/// Used by one thread at a time (its writer is reused for every value).
final class FacilityFeatureEncoder: FacilityFeatureEncoding {
    /// "1": three runs of rendered members (layout 1); "2": ``StoredMembers`` (layout 2).
    static let version = "2"
    var version: String { Self.version }
    // Used by one thread at a time (the facade's writes, or the import's worker): no dynamic
    // exclusivity checks on every value.
    @exclusivity(unchecked) private var writer = PropertyWriter()
    private let kinds = RawValueMatcher<FacilityKind>()
    private let owners = RawValueMatcher<OwnerClass>()
    private let wheelchair = RawValueMatcher<WheelchairAccess>()
    private let triState = RawValueMatcher<TriState>()

    /// The tag of a stored feature: the index of its decoded kind in `FacilityKind.allCases`.
    func appendParts(of v: FacilityValues, rooms listed: [Room], to out: inout [UInt8]) -> UInt8 {
        typealias M = StoredMembers
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        // As the row encoder writes them: a NULL id or name as "".
        text(M.keys[0], v.id ?? empty, to: &out)
        text(M.keys[1], v.name ?? empty, to: &out)
        let kind = kinds.index(v.kind) ?? FacilityKind.allCases.firstIndex(of: .other)!
        M.appendChoice(kind, to: &out)
        M.appendChoice(owners.index(v.owner) ?? OwnerClass.allCases.firstIndex(of: .unknown)!, to: &out)
        text(M.keys[4], v.address, to: &out)
        let capacity = v.capacity.map { Int($0) }
        member(M.keys[5], to: &out) { $0.integer("capacity", capacity) }
        M.appendChoice(v.disabilitySuited == 1 ? 1 : 0, to: &out)
        member(M.keys[7], to: &out) { $0.integer("room_count", listed.count) }
        member(M.keys[8], to: &out) { $0.integer("max_capacity", listed.isEmpty ? capacity : listed.lazy.compactMap(\.capacity).max()) }
        member(M.keys[9], to: &out) { p in
            if listed.isEmpty { p.null("rooms") } else { FacilityRowEncoder.roomsSummary(listed, &p) }
        }
        M.appendChoice(wheelchair.index(v.wheelchair) ?? WheelchairAccess.allCases.firstIndex(of: .unknown)!, to: &out)
        let unknown = TriState.allCases.firstIndex(of: .unknown)!
        M.appendChoice(triState.index(v.toiletsWheelchair) ?? unknown, to: &out)
        M.appendChoice(triState.index(v.stepFree) ?? unknown, to: &out)
        M.appendChoice(triState.index(v.ramp) ?? unknown, to: &out)
        M.appendChoice(triState.index(v.elevator) ?? unknown, to: &out)
        M.appendChoice(triState.index(v.hearingLoop) ?? unknown, to: &out)
        M.appendChoice(triState.index(v.parkingAccessible) ?? unknown, to: &out)
        member(M.keys[17], to: &out) { FacilityRowEncoder.godAdgang(&$0, v.godAdgang) }
        text(M.keys[18], v.checked, to: &out)
        text(M.keys[19], v.contactName, to: &out)
        text(M.keys[20], v.phone, to: &out)
        text(M.keys[21], v.email, to: &out)
        text(M.keys[22], v.bookingURL, to: &out)
        return UInt8(kind)
    }

    /// Appends the value `write` writes as the one member `key`.
    @inline(__always)
    private func member(_ key: StaticString, to out: inout [UInt8], _ write: (inout PropertyWriter) -> Void) {
        writer.reset()
        write(&writer)
        writer.withBytes { StoredMembers.append(StoredMembers.valueBytes(key, $0), to: &out) }
    }

    /// Appends a text member's value from stored bytes (nil: NULL), as the row encoder writes it.
    @inline(__always)
    private func text(_ key: StaticString, _ bytes: UnsafeBufferPointer<UInt8>?, to out: inout [UInt8]) {
        member(key, to: &out) { FacilityRowEncoder.text(&$0, key, bytes) }
    }
}
