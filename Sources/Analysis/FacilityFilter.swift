public import Facilities
import Foundation

/// The facility filters shared by `near`, `coverage`, `gaps`, `site` and `export`.
///
/// Facility-level conditions (kind, owner, accessibility) and room-level conditions (capacity,
/// equipment, room accessibility overrides) combine: a facility matches when it passes the
/// facility-level conditions and at least one of its bookable rooms passes the room-level ones.
/// Unknown accessibility never satisfies a requirement.
public struct FacilityFilter: Sendable, Hashable {
    /// Accepted kinds; empty means all.
    public var kinds: Set<FacilityKind>
    /// Accepted owner classes; empty means all.
    public var owners: Set<OwnerClass>
    public var wheelchair: WheelchairRequirement?
    public var toiletsWheelchair: Bool
    public var stepFree: Bool
    public var hearingLoop: Bool
    public var parkingAccessible: Bool
    /// Minimum room capacity (persons).
    public var minCapacity: Int?
    /// Equipment every matching room must have.
    public var equipment: Set<String>
    /// Only rooms particularly suited to disability activities.
    public var disabilitySuited: Bool

    public init(kinds: Set<FacilityKind> = [], owners: Set<OwnerClass> = [], wheelchair: WheelchairRequirement? = nil,
                toiletsWheelchair: Bool = false, stepFree: Bool = false, hearingLoop: Bool = false,
                parkingAccessible: Bool = false, minCapacity: Int? = nil, equipment: Set<String> = [],
                disabilitySuited: Bool = false) {
        self.kinds = kinds
        self.owners = owners
        self.wheelchair = wheelchair
        self.toiletsWheelchair = toiletsWheelchair
        self.stepFree = stepFree
        self.hearingLoop = hearingLoop
        self.parkingAccessible = parkingAccessible
        self.minCapacity = minCapacity
        self.equipment = equipment
        self.disabilitySuited = disabilitySuited
    }

    /// No condition at all.
    public var isEmpty: Bool { self == FacilityFilter() }

    /// Whether any condition looks at rooms.
    var hasRoomConditions: Bool {
        minCapacity != nil || !equipment.isEmpty || wheelchair != nil || toiletsWheelchair || stepFree
            || hearingLoop || disabilitySuited
    }

    /// Facility-level check (kind and owner; accessibility is checked per room, since rooms may override it).
    public func matchesFacility(_ f: Facility) -> Bool {
        (kinds.isEmpty || kinds.contains(f.kind)) && (owners.isEmpty || owners.contains(f.owner))
            && (!parkingAccessible || f.accessibility.parkingAccessible == .yes)
    }

    /// Room-level check: capacity, equipment, and accessibility (room override, else the facility's).
    public func matchesRoom(_ room: Room, of facility: Facility) -> Bool {
        if let minCapacity { guard let c = room.capacity, c >= minCapacity else { return false } }
        if !equipment.isEmpty && !equipment.isSubset(of: Set(room.equipment)) { return false }
        if disabilitySuited && !room.disabilitySuited { return false }
        let a = room.accessibility ?? facility.accessibility
        let base = facility.accessibility
        if let wheelchair {
            let value = a.wheelchair == .unknown ? base.wheelchair : a.wheelchair
            if !value.satisfies(wheelchair) { return false }
        }
        func yes(_ pick: (Accessibility) -> TriState) -> Bool {
            let v = pick(a)
            return (v == .unknown ? pick(base) : v) == .yes
        }
        if toiletsWheelchair && !yes(\.toiletsWheelchair) { return false }
        if stepFree && !yes(\.stepFree) { return false }
        if hearingLoop && !yes(\.hearingLoop) { return false }
        return true
    }

    /// The rooms of `facility` that match, or nil when the facility does not.
    public func matchingRooms(of facility: Facility, rooms: [Room]) -> [Room]? {
        guard matchesFacility(facility) else { return nil }
        let matching = rooms.filter { matchesRoom($0, of: facility) }
        return matching.isEmpty ? nil : matching
    }

    /// Parses a compact filter such as `kind=school,owner=municipal` (used by `site --candidates`).
    /// Keys: kind, owner, wheelchair, capacity, equipment, step_free, hearing_loop, toilets_wheelchair.
    /// Several values for one key are separated by `|` or repeated keys.
    public init(parsing text: String) throws(FilterParseError) {
        self.init()
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2 else { throw FilterParseError(text: text, part: part, expected: "key=value") }
            let key = pieces[0].lowercased(), values = pieces[1].split(separator: "|").map(String.init)
            switch key {
            case "kind":
                for v in values {
                    guard let k = FacilityKind(parsing: v) else {
                        throw FilterParseError(text: text, part: part, expected: "a kind: \(FacilityKind.expectedDescription)")
                    }
                    kinds.insert(k)
                }
            case "owner":
                for v in values {
                    guard let o = OwnerClass(parsing: v) else {
                        throw FilterParseError(text: text, part: part, expected: "an owner: municipal, education, regional, state, private, unknown")
                    }
                    owners.insert(o)
                }
            case "wheelchair":
                guard let w = WheelchairRequirement(rawValue: pieces[1]) else {
                    throw FilterParseError(text: text, part: part, expected: "wheelchair=yes or wheelchair=limited")
                }
                wheelchair = w
            case "capacity":
                guard let n = Int(pieces[1]), n >= 0 else {
                    throw FilterParseError(text: text, part: part, expected: "capacity=N with N >= 0")
                }
                minCapacity = n
            case "equipment": equipment.formUnion(values.map { $0.lowercased() })
            case "step_free": stepFree = TriState(parsing: pieces[1]) == .yes
            case "hearing_loop": hearingLoop = TriState(parsing: pieces[1]) == .yes
            case "toilets_wheelchair": toiletsWheelchair = TriState(parsing: pieces[1]) == .yes
            default:
                throw FilterParseError(text: text, part: part,
                                       expected: "a key among kind, owner, wheelchair, capacity, equipment, step_free, hearing_loop, toilets_wheelchair")
            }
        }
    }
}

/// A filter expression that could not be read.
public struct FilterParseError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var part: String
    public var expected: String
    public var description: String { "filter '\(text)': in '\(part)' expected \(expected)" }
}
