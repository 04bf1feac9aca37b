/// A booking repeated every week at the same wall-clock time until a date.
///
/// ```swift
/// let rec = try WeeklyRecurrence(start: LocalDateTime(parsing: "2026-03-26T19:00"),
///                                end: LocalDateTime(parsing: "2026-03-26T21:00"),
///                                until: LocalDate(parsing: "2026-04-30"))
/// let expansion = rec.expand(calendar: .danish)
/// expansion.skipped // [2026-04-02 (Skærtorsdag)]
/// ```
public struct WeeklyRecurrence: Sendable, Hashable {
    /// The first occurrence.
    public let first: LocalInterval
    /// Last date on which an occurrence may start (inclusive).
    public let until: LocalDate

    /// Creates a recurrence.
    /// - Throws: `IntervalError` when `end <= start`.
    public init(start: LocalDateTime, end: LocalDateTime, until: LocalDate) throws(IntervalError) {
        first = try LocalInterval(start: start, end: end)
        self.until = until
    }

    /// Every occurrence, with public-holiday dates left out and reported.
    /// - Parameters:
    ///   - calendar: decides which dates are `PH`.
    ///   - skippingPublicHolidays: when false, holidays are kept as ordinary occurrences.
    /// - Returns: the occurrences and the skipped dates with the holiday's name.
    public func expand(calendar: HolidayCalendar, skippingPublicHolidays: Bool = true) -> RecurrenceExpansion {
        var occurrences: [LocalInterval] = []
        var skipped: [SkippedOccurrence] = []
        let length = first.wallClockMinutes
        var day = first.start.date
        while day <= until {
            let start = LocalDateTime(date: day, minuteOfDay: first.start.minuteOfDay)
            if skippingPublicHolidays, calendar.isPublicHoliday(day) {
                let name = calendar.publicHolidays(year: day.year).first { $0.date == day }?.name ?? "PH"
                skipped.append(SkippedOccurrence(date: day, reason: .publicHoliday(name)))
            } else {
                occurrences.append(LocalInterval(unchecked: start.localMinutes, start.localMinutes + length))
            }
            day = day.adding(days: 7)
        }
        return RecurrenceExpansion(occurrences: occurrences, skipped: skipped)
    }
}

/// The result of expanding a ``WeeklyRecurrence``.
public struct RecurrenceExpansion: Sendable, Hashable {
    /// The occurrences that take place, in date order.
    public let occurrences: [LocalInterval]
    /// The dates left out, with the reason.
    public let skipped: [SkippedOccurrence]
}
