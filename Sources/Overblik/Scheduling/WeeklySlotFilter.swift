public import Scheduling

/// Answers "is this room free for a weekly slot every week of a period?" for many rooms at once.
///
/// Rooms share few distinct opening_hours strings, so the availability part of
/// ``FreeTime/checkWeekly(_:openingHours:calendar:bookings:closures:from:through:)`` (which dates are
/// open, skipped for holidays or outside availability) is computed once per distinct string; per room
/// only its bookings are tested against the open dates. The verdict equals `checkWeekly`'s
/// `isFreeEveryWeek && !freeDates.isEmpty`.
///
/// ```swift
/// var filter = WeeklySlotFilter(slot: try WeeklySlot(parsing: "Tu 19:00-21:00"), from: august, through: june, calendar: .danish)
/// let free = filter.isFree(openingHours: "Mo-Th 17:00-22:00; PH off", bookings: [])
/// ```
public struct WeeklySlotFilter: Sendable {
    /// The slot asked for.
    public let slot: WeeklySlot
    /// First date of the period.
    public let from: LocalDate
    /// Last date of the period (inclusive).
    public let through: LocalDate
    /// Holidays for `PH` and `SH`.
    public let calendar: HolidayCalendar

    /// Per opening_hours text: the occurrences on open dates, or nil when the slot is refused by
    /// availability alone (a conflict, an unparsable string, or no open date).
    private var verdicts: [String: [LocalInterval]?] = [:]

    /// Creates a filter for one slot and period.
    public init(slot: WeeklySlot, from: LocalDate, through: LocalDate, calendar: HolidayCalendar) {
        self.slot = slot
        self.from = from
        self.through = through
        self.calendar = calendar
    }

    /// Whether a room with this availability and these bookings is free on every open week.
    /// - Parameters:
    ///   - openingHours: the room's opening_hours text (nil or invalid: never free).
    ///   - bookings: the room's booked intervals (any order, may overlap).
    /// - Complexity: amortised O(weeks × log b) per room after the first room with the same text.
    public mutating func isFree(openingHours: String?, bookings: [LocalInterval]) -> Bool {
        guard let text = openingHours else { return false }
        let occurrences: [LocalInterval]?
        if let known = verdicts[text] {
            occurrences = known
        } else {
            var computed: [LocalInterval]?
            if let hours = try? OpeningHours(parsing: text) {
                let check = FreeTime.checkWeekly(slot, openingHours: hours, calendar: calendar, bookings: [],
                                                 from: from, through: through)
                if check.isFreeEveryWeek && !check.freeDates.isEmpty { computed = check.freeDates.map(slot.occurrence(on:)) }
            }
            verdicts[text] = computed
            occurrences = computed
        }
        guard let occurrences else { return false }
        guard !bookings.isEmpty else { return true }
        let booked = IntervalAlgebra.normalized(bookings)
        for occurrence in occurrences where Self.overlapsAny(occurrence, normalized: booked) { return false }
        return true
    }

    /// Whether any interval of a normalised (sorted, disjoint) list overlaps `interval`.
    static func overlapsAny(_ interval: LocalInterval, normalized list: [LocalInterval]) -> Bool {
        // The first interval ending after the start is the only candidate: ends are sorted too.
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].end <= interval.start { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count && list[lo].start < interval.end
    }
}
