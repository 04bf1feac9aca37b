/// The answer to a booking request.
public struct BookingCheck: Sendable, Hashable {
    /// The requested interval.
    public let requested: LocalInterval
    /// Indices (into the existing bookings passed in) that overlap the request.
    public let conflictingIndices: [Int]
    /// Parts of the request outside the room's availability.
    public let outsideAvailability: [LocalInterval]
    /// True when the request neither collides nor leaves the availability.
    public var isAcceptable: Bool { conflictingIndices.isEmpty && outsideAvailability.isEmpty }
}

/// Why one weekly occurrence cannot be had.
public struct SlotConflict: Sendable, Hashable {
    /// Reason for a conflict.
    public enum Reason: Sendable, Hashable {
        /// The room is not available then (and not because of a holiday).
        case outsideAvailability
        /// Overlapping bookings (merged where they touch).
        case booked([LocalInterval])
    }
    /// The date of the occurrence.
    public let date: LocalDate
    /// Why.
    public let reason: Reason
}

/// Result of ``FreeTime/checkWeekly(_:openingHours:calendar:bookings:closures:from:through:)``.
public struct WeeklySlotCheck: Sendable, Hashable {
    /// The slot checked.
    public let slot: WeeklySlot
    /// Dates on which the slot is free.
    public let freeDates: [LocalDate]
    /// Dates skipped because of holidays or closures (not failures).
    public let skipped: [SkippedOccurrence]
    /// Dates on which the slot cannot be had.
    public let conflicts: [SlotConflict]
    /// True when every occurrence is free or skipped.
    public var isFreeEveryWeek: Bool { conflicts.isEmpty }
}
