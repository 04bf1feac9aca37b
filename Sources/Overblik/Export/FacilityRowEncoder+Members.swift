import Facilities
import GeoJSON
import Scheduling

/// The key of several stored texts together: each as a 4-byte length and its bytes, or
/// 0xFFFFFFFF for NULL (so that different tuples never share a key), built in a reusable buffer.
final class GroupKey {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity = 1 << 16

    init() {
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Appends one text (nil: NULL) at byte `n`, advancing `n`.
    @inline(__always)
    func add(_ text: UnsafeBufferPointer<UInt8>?, at n: inout Int) {
        let length = text.map { UInt32($0.count) } ?? .max
        let needed = 4 + (text?.count ?? 0)
        guard n >= 0, n + needed <= capacity else { n = -1; return }
        UnsafeMutableRawPointer(base + n).storeBytes(of: length.littleEndian, as: UInt32.self)
        if let text, let source = text.baseAddress, text.count > 0 { (base + n + 4).update(from: source, count: text.count) }
        n += needed
    }

    /// The key of `n` bytes built with ``add(_:at:)``; valid until the next key is built. nil when
    /// the texts did not fit (then they are not memoised).
    func bytes(_ n: Int) -> UnsafeBufferPointer<UInt8>? {
        n < 0 ? nil : UnsafeBufferPointer(start: base, count: n)
    }

    /// The texts of a key made by ``add(_:to:)``, decoded as `String(decoding:as:)` decodes them.
    static func parts(_ key: UnsafeBufferPointer<UInt8>) -> [String?] {
        var parts: [String?] = []
        var i = 0
        while i + 4 <= key.count {
            var length: UInt32 = 0
            for k in 0..<4 { length |= UInt32(key[i + k]) << (8 * UInt32(k)) }
            i += 4
            if length == .max {
                parts.append(nil)
            } else {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: key[i..<(i + Int(length))]), as: UTF8.self))
                i += Int(length)
            }
        }
        return parts
    }
}

/// Members that do not depend on a row's text, encoded once.
struct ConstantMembers {
    /// Encoded members and their count.
    struct Members {
        var bytes: [UInt8]
        var count: Int
        init(_ body: (inout PropertyWriter) -> Void) {
            (bytes, count) = PropertyWriter.encodedMembers(body)
        }
    }

    let nullDistrict: Members
    let nullHours: Members
    /// Per kind: `marker-color` and `marker-size`.
    let style: [FacilityKind: Members]

    init() {
        nullDistrict = Members { p in
            p.null("district")
            p.null("district_name")
            p.null("rural")
        }
        nullHours = Members { p in
            for key: StaticString in ["opening_hours", "open_now", "next_change", "next_free_start", "next_free_end"] { p.null(key) }
        }
        var style: [FacilityKind: Members] = [:]
        for kind in FacilityKind.allCases {
            style[kind] = Members { p in
                p.string("marker-color", MapStyle.color(of: kind))
                p.string("marker-size", "small")
            }
        }
        self.style = style
    }

    @inline(__always)
    func append(_ members: Members, to p: inout PropertyWriter) {
        members.bytes.withUnsafeBufferPointer { p.encoded($0, members: members.count) }
    }
}

extension FacilityRowEncoder {
    /// The enum columns, with their property name, default and decoding.
    enum EnumField: Int, CaseIterable {
        case kind, owner, wheelchair, toiletsWheelchair, stepFree, ramp, elevator, hearingLoop, parkingAccessible

        /// Writes the member for the stored text (nil: NULL), decoded as ``OverblikStore`` decodes it.
        func write(_ text: String?, to p: inout PropertyWriter) {
            func tri(_ key: StaticString) { p.string(key, (text.flatMap(TriState.init(rawValue:)) ?? .unknown).rawValue) }
            switch self {
            case .kind: p.string("kind", (text.flatMap(FacilityKind.init(rawValue:)) ?? .other).rawValue)
            case .owner: p.string("owner", (text.flatMap(OwnerClass.init(rawValue:)) ?? .unknown).rawValue)
            case .wheelchair: p.string("wheelchair", (text.flatMap(WheelchairAccess.init(rawValue:)) ?? .unknown).rawValue)
            case .toiletsWheelchair: tri("toilets_wheelchair")
            case .stepFree: tri("step_free")
            case .ramp: tri("ramp")
            case .elevator: tri("elevator")
            case .hearingLoop: tri("hearing_loop")
            case .parkingAccessible: tri("parking_accessible")
            }
        }
    }

    /// `district`, `district_name`, `rural` for a stored district code.
    static func districtMembers(code bytes: UnsafeBufferPointer<UInt8>, builder: FacilityFeatureBuilder) -> (bytes: [UInt8], members: Int, flag: Bool) {
        let code = String(decoding: bytes, as: UTF8.self)
        let d = builder.districts[code]
        let (encoded, members) = PropertyWriter.encodedMembers { p in
            p.string("district", code)
            p.string("district_name", d?.name)
            p.bool("rural", d?.rural)
        }
        return (encoded, members, false)
    }

    /// `opening_hours` ... `next_free_end` of an unbooked facility without rooms, and whether it has a free slot.
    static func hoursMembers(hours bytes: UnsafeBufferPointer<UInt8>, builder: FacilityFeatureBuilder) -> (bytes: [UInt8], members: Int, flag: Bool) {
        let text = String(decoding: bytes, as: UTF8.self)
        let state = builder.state(of: text)
        let free = builder.unbookedFreeSlot(hours: text).map(builder.describe)
        let (encoded, members) = PropertyWriter.encodedMembers { p in
            FacilityRowEncoder.text(&p, "opening_hours", bytes)
            p.bool("open_now", state?.open)
            p.string("next_change", state?.next)
            p.string("next_free_start", free?.start)
            p.string("next_free_end", free?.end)
        }
        return (encoded, members, free != nil)
    }

    /// `rooms`: "name (capacity); ..." of the listed rooms.
    static func roomsSummary(_ listed: [Room], _ p: inout PropertyWriter) {
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
