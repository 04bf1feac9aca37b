import Facilities
import GeoJSON

/// The compact form of a facility's stored members (``FacilityFeatureEncoder`` writes it as a
/// stored feature's parts, ``StoredMemberRenderer`` renders it): the 23 members `id` ... `booking_url`
/// that depend on the row and its listed rooms only, in the export's order, as their JSON values
/// without keys. The keys are written from ``keys`` when a feature is rendered, so the bytes are
/// those the row encoder writes, for a third of the space of rendered members.
///
/// Each value starts with a lead byte:
/// - `0x00`: `null`;
/// - `0x01...0xBF`: a string whose escaped text (without quotes) of lead - 1 bytes follows;
/// - `0xC0...0xDF`: other JSON (a number) of lead - 0xC0 bytes;
/// - `0xE0...0xFC`: choice lead - 0xE0 of the member's fixed values (``choices``: enums, booleans);
/// - `0xFD`, `0xFE`: a string or other JSON whose length follows as a little-endian UInt32.
struct StoredMembers: Sendable {
    /// The members' keys in the export's order.
    static let keys: [StaticString] = [
        "id", "name", "kind", "owner", "address",
        "capacity", "disability_suited", "room_count", "max_capacity", "rooms", "wheelchair", "toilets_wheelchair",
        "step_free", "ramp", "elevator", "hearing_loop", "parking_accessible", "god_adgang", "checked",
        "contact_name", "phone", "email", "booking_url",
    ]
    /// The head (`id` ... `address`, before the district's members) ends here, the middle
    /// (`capacity` ... `checked`, before availability) there; the contact members follow.
    static let headEnd = 5, middleEnd = 19
    static let name = 1, kind = 2, owner = 3, disabilitySuited = 6, wheelchair = 10
    /// `toilets_wheelchair` ... `parking_accessible`.
    static let triStates = 11..<17

    /// The one table, built once.
    static let shared = StoredMembers()

    /// Per member, its fixed values as encoded JSON in the order of their choice numbers (empty
    /// for members that are not choices): enum members in the order of `allCases`, booleans false, true.
    let choices: [[[UInt8]]]

    private init() {
        func values<E: RawRepresentable & CaseIterable>(_: E.Type, _ member: Int) -> [[UInt8]] where E.RawValue == String {
            E.allCases.map { c in Self.value(Self.keys[member]) { $0.string(Self.keys[member], c.rawValue) } }
        }
        var choices = [[[UInt8]]](repeating: [], count: Self.keys.count)
        choices[Self.kind] = values(FacilityKind.self, Self.kind)
        choices[Self.owner] = values(OwnerClass.self, Self.owner)
        choices[Self.disabilitySuited] = [false, true].map { b in Self.value(Self.keys[Self.disabilitySuited]) { $0.bool("disability_suited", b) } }
        choices[Self.wheelchair] = values(WheelchairAccess.self, Self.wheelchair)
        for m in Self.triStates { choices[m] = values(TriState.self, m) }
        precondition(choices.allSatisfy { $0.count <= 0xFC - 0xE0 + 1 })
        self.choices = choices
    }

    /// The encoded value of the one member `write` writes under `key`.
    static func value(_ key: StaticString, _ write: (inout PropertyWriter) -> Void) -> [UInt8] {
        var p = PropertyWriter()
        write(&p)
        return p.withBytes { Array(valueBytes(key, $0)) }
    }

    /// The value in `bytes`, a writer's output holding one member under `key`: `{"key":value`.
    @inline(__always)
    static func valueBytes(_ key: StaticString, _ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[(key.utf8CodeUnitCount + 4)...])
    }

    // MARK: - Writing

    /// Appends encoded JSON `value` (a string, `null`, or a number) in the compact form to `out`.
    @inline(__always)
    static func append(_ value: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let first = value.first, first != UInt8(ascii: "n") else { out.append(0); return }
        if first == UInt8(ascii: "\"") {
            let text = UnsafeBufferPointer(rebasing: value[1..<(value.count - 1)])
            if text.count <= 0xBF - 1 {
                out.append(UInt8(text.count + 1))
            } else {
                out.append(0xFD)
                withUnsafeBytes(of: UInt32(text.count).littleEndian) { out.append(contentsOf: $0) }
            }
            out.append(contentsOf: text)
        } else {
            if value.count <= 0xDF - 0xC0 {
                out.append(UInt8(0xC0 + value.count))
            } else {
                out.append(0xFE)
                withUnsafeBytes(of: UInt32(value.count).littleEndian) { out.append(contentsOf: $0) }
            }
            out.append(contentsOf: value)
        }
    }

    /// Appends choice `index` of a member's ``choices``.
    @inline(__always)
    static func appendChoice(_ index: Int, to out: inout [UInt8]) {
        out.append(UInt8(0xE0 + index))
    }
}
