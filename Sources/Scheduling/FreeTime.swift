/// Pure free-time algebra: free = availability − closures − bookings, and the checks built on it.
///
/// ```swift
/// let hours = try OpeningHours(parsing: "Mo-Fr 17:00-22:00; PH off")
/// let free = FreeTime.freeSlots(openingHours: hours, calendar: .danish, bookings: booked,
///                               from: monday, to: friday, minDuration: ScheduleDuration(minutes: 90))
/// ```
public enum FreeTime {
    /// Free wall-clock intervals of a room in `[from, to)`.
    /// - Parameters:
    ///   - openingHours: the room's availability.
    ///   - calendar: holidays for `PH` and `SH`.
    ///   - bookings: booked intervals (any order, may overlap).
    ///   - closures: explicit closures (any order).
    ///   - minDuration: drop free intervals shorter than this in *real* minutes (DST-aware).
    /// - Returns: normalised free intervals.
    /// - Complexity: O(days × rules + b log b) for b bookings and closures.
    public static func freeSlots(openingHours: OpeningHours, calendar: HolidayCalendar, bookings: [LocalInterval],
                                 closures: [LocalInterval] = [], from: LocalDateTime, to: LocalDateTime,
                                 minDuration: ScheduleDuration? = nil) -> [LocalInterval] {
        let available = openingHours.intervals(from: from, to: to, calendar: calendar)
        let free = IntervalAlgebra.subtracting(bookings + closures, from: available)
        guard let minimum = minDuration, minimum.minutes > 0 else { return free }
        return free.filter { $0.realMinutes >= minimum.minutes }
    }

    /// The same with bookings given as UTC intervals.
    public static func freeSlots(openingHours: OpeningHours, calendar: HolidayCalendar, utcBookings: [UTCInterval],
                                 closures: [LocalInterval] = [], from: LocalDateTime, to: LocalDateTime,
                                 minDuration: ScheduleDuration? = nil) -> [LocalInterval] {
        freeSlots(openingHours: openingHours, calendar: calendar, bookings: utcBookings.flatMap(\.localIntervals),
                  closures: closures, from: from, to: to, minDuration: minDuration)
    }

    /// Indices of the existing bookings that overlap `requested` (touching ends do not conflict).
    /// - Complexity: O(n).
    public static func conflicts(of requested: LocalInterval, with existing: [LocalInterval]) -> [Int] {
        existing.indices.filter { existing[$0].overlaps(requested) }
    }

    /// The parts of `requested` that lie outside the room's availability (empty when fully inside).
    public static func outsideAvailability(_ requested: LocalInterval, openingHours: OpeningHours,
                                           calendar: HolidayCalendar, closures: [LocalInterval] = []) -> [LocalInterval] {
        let open = openingHours.intervals(from: requested.start, to: requested.end, calendar: calendar)
        let usable = IntervalAlgebra.subtracting(closures, from: open)
        return IntervalAlgebra.subtracting(usable, from: [requested])
    }

    /// Checks a booking request: which bookings it collides with and which parts lie outside availability.
    public static func check(_ requested: LocalInterval, existing: [LocalInterval], openingHours: OpeningHours,
                             calendar: HolidayCalendar, closures: [LocalInterval] = []) -> BookingCheck {
        BookingCheck(requested: requested, conflictingIndices: conflicts(of: requested, with: existing),
                     outsideAvailability: outsideAvailability(requested, openingHours: openingHours,
                                                              calendar: calendar, closures: closures))
    }

    /// Whether a room is free for a weekly slot on every such weekday in `from...through`.
    ///
    /// Per occurrence: overlapping an explicit closure → skipped (`.closure`); not fully inside the
    /// availability, but it would be if that day were not a public (or school) holiday → skipped
    /// (`.publicHoliday` / `.schoolHoliday`, with the name); otherwise outside availability →
    /// conflict; overlapping a booking → conflict; else free. Skips are reported, not failures.
    public static func checkWeekly(_ slot: WeeklySlot, openingHours: OpeningHours, calendar: HolidayCalendar,
                                   bookings: [LocalInterval], closures: [LocalInterval] = [],
                                   from: LocalDate, through: LocalDate) -> WeeklySlotCheck {
        var free: [LocalDate] = [], skipped: [SkippedOccurrence] = [], conflicts: [SlotConflict] = []
        let sortedBookings = IntervalAlgebra.normalized(bookings)
        for day in slot.dates(from: from, through: through) {
            let occurrence = slot.occurrence(on: day)
            if closures.contains(where: { $0.overlaps(occurrence) }) {
                skipped.append(SkippedOccurrence(date: day, reason: .closure))
                continue
            }
            if !openingHours.covers(occurrence, calendar: calendar) {
                if calendar.isPublicHoliday(day),
                   openingHours.covers(occurrence, calendar: calendar, ignoringHolidaysOn: day, publicOnly: true) {
                    let name = calendar.publicHolidays(year: day.year).first { $0.date == day }?.name ?? "PH"
                    skipped.append(SkippedOccurrence(date: day, reason: .publicHoliday(name)))
                } else if calendar.isSchoolHoliday(day),
                          openingHours.covers(occurrence, calendar: calendar, ignoringHolidaysOn: day, publicOnly: false) {
                    let name = calendar.schoolHolidays.period(containing: day)?.name ?? "SH"
                    skipped.append(SkippedOccurrence(date: day, reason: .schoolHoliday(name)))
                } else {
                    conflicts.append(SlotConflict(date: day, reason: .outsideAvailability))
                }
                continue
            }
            let clashing = conflictsSorted(occurrence, sortedBookings)
            if clashing.isEmpty { free.append(day) } else { conflicts.append(SlotConflict(date: day, reason: .booked(clashing))) }
        }
        return WeeklySlotCheck(slot: slot, freeDates: free, skipped: skipped, conflicts: conflicts)
    }

    static func conflictsSorted(_ occurrence: LocalInterval, _ sorted: [LocalInterval]) -> [LocalInterval] {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid].end <= occurrence.start { lo = mid + 1 } else { hi = mid }
        }
        var result: [LocalInterval] = []
        while lo < sorted.count && sorted[lo].start < occurrence.end { result.append(sorted[lo]); lo += 1 }
        return result
    }
}
