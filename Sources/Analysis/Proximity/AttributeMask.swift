package import Facilities

/// Attribute bits per facility for the index's subtree pruning.
///
/// A bit is set when the facility or ANY of its rooms could satisfy the condition, so the mask is a
/// necessary condition only: pruning by it never drops a match, and the exact filter decides.
package enum AttributeMask {
    static func kindBit(_ kind: FacilityKind) -> UInt64 {
        1 << UInt64(FacilityKind.allCases.firstIndex(of: kind)!)
    }
    static func ownerBit(_ owner: OwnerClass) -> UInt64 {
        1 << UInt64(16 + owner.statutoryRank)
    }
    static let wheelchairYes: UInt64 = 1 << 24
    static let wheelchairLimited: UInt64 = 1 << 25
    static let toilets: UInt64 = 1 << 26
    static let stepFree: UInt64 = 1 << 27
    static let hearingLoop: UInt64 = 1 << 28
    static let parking: UInt64 = 1 << 29
    static let disabilitySuited: UInt64 = 1 << 30

    package static func of(_ facility: Facility, rooms: [Room]) -> UInt64 {
        // The facility's accessibility and each room's own (no array of them: a bulk import asks
        // this of every facility).
        var mask = kindBit(facility.kind) | ownerBit(facility.owner) | bits(of: facility.accessibility)
        for room in rooms {
            if let a = room.accessibility { mask |= bits(of: a) }
        }
        if facility.accessibility.parkingAccessible == .yes { mask |= parking }
        if facility.disabilitySuited || rooms.contains(where: \.disabilitySuited) { mask |= disabilitySuited }
        return mask
    }

    /// The bits that one accessibility record (a facility's or a room's) gives.
    private static func bits(of a: Accessibility) -> UInt64 {
        var mask: UInt64 = 0
        if a.wheelchair.satisfies(.yes) { mask |= wheelchairYes }
        if a.wheelchair.satisfies(.limited) { mask |= wheelchairLimited }
        if a.toiletsWheelchair == .yes { mask |= toilets }
        if a.stepFree == .yes { mask |= stepFree }
        if a.hearingLoop == .yes { mask |= hearingLoop }
        return mask
    }

    /// Bits every candidate must have. Kinds and owners allow several values, so they only constrain
    /// when exactly one is asked for.
    package static func required(by filter: FacilityFilter) -> UInt64 {
        var mask: UInt64 = 0
        if filter.kinds.count == 1, let k = filter.kinds.first { mask |= kindBit(k) }
        if filter.owners.count == 1, let o = filter.owners.first { mask |= ownerBit(o) }
        switch filter.wheelchair {
        case .yes?: mask |= wheelchairYes
        case .limited?: mask |= wheelchairLimited
        case nil: break
        }
        if filter.toiletsWheelchair { mask |= toilets }
        if filter.stepFree { mask |= stepFree }
        if filter.hearingLoop { mask |= hearingLoop }
        if filter.parkingAccessible { mask |= parking }
        if filter.disabilitySuited { mask |= disabilitySuited }
        return mask
    }
}
