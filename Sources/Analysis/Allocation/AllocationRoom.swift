import Facilities
import Scheduling

/// A room ready for the round: its facility, resolved accessibility, and its season calendar as sorted
/// minute intervals (open hours, existing bookings). A class, so that the hot loops share one copy.
final class AllocationRoom {
    let room: Room
    let facility: Facility
    /// Index of the facility in the round's facility list (distance cache).
    let facilityIndex: Int
    /// Position in the stk. 1 order (municipal 0 ... state 3; private rooms are not prepared).
    let ownerRank: Int
    /// Particularly suited to disability activities (the room's flag; an implicit room has the facility's).
    let suited: Bool
    let equipment: Set<String>
    /// Copies of hot fields, so that the candidate scan does not touch the room and facility values.
    let kind: FacilityKind
    let capacity: Int?
    /// Effective wheelchair value: the room's when known, else the facility's.
    let wheelchair: WheelchairAccess
    let stepFree: TriState
    /// Open intervals over the season, local minutes, sorted and disjoint.
    let openStarts: [Int]
    let openEnds: [Int]
    /// Existing bookings, local minutes, sorted by start and merged.
    let bookedStarts: [Int]
    let bookedEnds: [Int]

    /// Prepares a room; `hours` nil means never open (private premises are prepared only to be counted).
    init(room: Room, facility: Facility, facilityIndex: Int, hours: OpeningHours?, season: AllocationSeason,
         calendar: HolidayCalendar, bookings: [LocalInterval]) {
        self.room = room
        self.facility = facility
        self.facilityIndex = facilityIndex
        ownerRank = facility.owner.statutoryRank
        suited = room.disabilitySuited
        equipment = Set(room.equipment.map { $0.lowercased() })
        kind = facility.kind
        capacity = room.capacity
        let own = room.accessibility, base = facility.accessibility
        wheelchair = (own?.wheelchair ?? .unknown) == .unknown ? base.wheelchair : own!.wheelchair
        stepFree = (own?.stepFree ?? .unknown) == .unknown ? base.stepFree : own!.stepFree
        let open = hours?.intervals(from: season.from.startOfDay, to: season.to.adding(days: 1).startOfDay,
                                   calendar: calendar) ?? []
        openStarts = open.map(\.start.localMinutes)
        openEnds = open.map(\.end.localMinutes)
        let merged = IntervalAlgebra.normalized(bookings)
        bookedStarts = merged.map(\.start.localMinutes)
        bookedEnds = merged.map(\.end.localMinutes)
    }

    /// Whether the room is open for the whole of `[start, end)` (local minutes).
    func isOpen(_ start: Int, _ end: Int) -> Bool {
        let i = Self.lastIndex(in: openStarts, atMost: start)
        return i >= 0 && openEnds[i] >= end
    }

    /// Whether an existing booking shares a minute with `[start, end)`.
    func isBooked(_ start: Int, _ end: Int) -> Bool {
        let i = Self.lastIndex(in: bookedStarts, atMost: end - 1)
        return i >= 0 && bookedEnds[i] > start
    }

    /// Index of the last element `<= value` in a sorted array, or -1.
    static func lastIndex(in sorted: [Int], atMost value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }
}

/// Whether a weekly slot can be given in a room for the season.
enum AllocationSlotAvailability {
    /// Usable on `dates` (day numbers); skipped on holiday or season-closure dates.
    case available(dates: [Int], skipped: [Int])
    /// Closed for the slot on a date that is no holiday.
    case closed(on: Int)
    /// An existing booking overlaps the slot on a date.
    case booked(on: Int)
    /// Every date of the season is skipped (or the season has no such weekday).
    case noDates

    /// Decides a slot in a room (see Data/rules/README.md "Season dates").
    /// - Complexity: O(weeks × log(intervals)).
    static func of(_ slot: WeeklySlot, in room: AllocationRoom, dates: [LocalDate],
                   holidays: Set<Int>) -> AllocationSlotAvailability {
        var usable: [Int] = [], skipped: [Int] = []
        for date in dates {
            let base = date.dayNumber * 1440
            let start = base + slot.startMinute, end = base + slot.endMinute
            if room.isOpen(start, end) {
                if room.isBooked(start, end) { return .booked(on: date.dayNumber) }
                usable.append(date.dayNumber)
            } else if holidays.contains(date.dayNumber) {
                skipped.append(date.dayNumber)
            } else {
                return .closed(on: date.dayNumber)
            }
        }
        return usable.isEmpty ? .noDates : .available(dates: usable, skipped: skipped)
    }
}
