import Analysis
import Facilities
import Foundation
public import Scheduling
import Store

/// A time condition on rooms: free at a moment for a duration, or free weekly through a period.
public enum TimeCondition: Sendable {
    /// Free for `duration` from `start` (local wall-clock time, Europe/Copenhagen).
    case freeAt(start: LocalDateTime, duration: ScheduleDuration)
    /// Free for `slot` on every such weekday from `from` through `through`, except dates closed by
    /// public or school holidays (skipped, not failures).
    case freeWeekly(slot: Scheduling.WeeklySlot, from: LocalDate, through: LocalDate)
    /// Free for `slot` on at least `minShare` (0...1) of its weeks from `from` through `through`
    /// (see ``SeasonAvailability``: busy weeks, holidays and closures count as not free).
    case freeWeeklyShare(slot: Scheduling.WeeklySlot, from: LocalDate, through: LocalDate, minShare: Double)

    /// The local window the condition looks at.
    var window: (from: LocalDateTime, to: LocalDateTime) {
        switch self {
        case let .freeAt(start, duration): return (start, start.adding(minutes: duration.minutes))
        case let .freeWeekly(_, from, through), let .freeWeeklyShare(_, from, through, _):
            return (from.startOfDay, through.adding(days: 2).startOfDay)
        }
    }
}

extension Overblik {
    /// The holiday calendar: Danish public holidays, plus the school holidays stored with
    /// `overblik calendar import FILE`. Nothing is read from the working directory: without a stored
    /// calendar `SH` matches no day, and ``calendarWarnings(hours:)`` says so.
    public func holidayCalendar() throws -> HolidayCalendar {
        // Keyed by the stored text, so that a calendar imported by another program is seen at once.
        let stored = try backend.meta(Self.schoolHolidaysKey)
        if let cached = cachedCalendar, stored == cachedCalendarSource { return cached }
        var calendar = HolidayCalendar.danish
        if let text = stored {
            calendar.schoolHolidays = try SchoolHolidayCalendar(csv: text)
        }
        cachedCalendar = calendar
        cachedCalendarSource = stored
        return calendar
    }

    /// The warning every availability answer carries when opening hours use `SH` but the store has
    /// no school-holiday calendar (SH then matches no day, so rooms look open in the holidays).
    public static let missingSchoolHolidaysWarning =
        "opening hours use SH (school holidays) but no school-holiday calendar is stored, so SH matches no day; import one with: overblik calendar import FILE"

    /// Warnings about the calendar behind availability answers: empty when a school-holiday
    /// calendar is stored or nothing uses `SH`.
    /// - Parameter hours: the opening_hours strings involved; nil for every room and facility in the store.
    public func calendarWarnings(hours: [String]? = nil) throws -> [String] {
        guard try backend.meta("school_holidays") == nil else { return [] }
        func usesSchoolHolidays(_ text: String) -> Bool { (try? OpeningHours(parsing: text))?.usesSchoolHolidays == true }
        let usesSH: Bool
        if let hours {
            usesSH = Set(hours).contains(where: usesSchoolHolidays)
        } else if cachedCatalog != nil {
            let catalog = try catalog()
            usesSH = Set(catalog.facilities.compactMap(\.openingHours) + catalog.rooms.compactMap(\.openingHours)).contains(where: usesSchoolHolidays)
        } else {
            // Without a loaded catalogue (a cold `near`): only the texts that mention SH at all, until one uses it.
            var found = false
            var seen: Set<String> = []
            try backend.forEachOpeningHours(mentioning: "SH") { text in
                if seen.insert(text).inserted, usesSchoolHolidays(text) { found = true }
                return !found
            }
            usesSH = found
        }
        return usesSH ? [Self.missingSchoolHolidaysWarning] : []
    }

    /// Booked local intervals per room overlapping a local window.
    func bookedIntervals(from: LocalDateTime, to: LocalDateTime) throws -> [String: [LocalInterval]] {
        let fromUTC = CopenhagenTime.instant(of: from).secondsSince1970
        let toUTC = CopenhagenTime.instant(of: to).secondsSince1970
        var result: [String: [LocalInterval]] = [:]
        for b in try backend.bookings(fromUTC: fromUTC, toUTC: toUTC) {
            guard let interval = UTCInterval(start: UTCInstant(secondsSince1970: b.startUTC),
                                             end: UTCInstant(secondsSince1970: b.endUTC)) else { continue }
            result[b.roomID, default: []] += interval.localIntervals
        }
        return result
    }

    /// A room filter for the proximity engine: keeps the rooms free under `condition`.
    func timeFilter(_ condition: TimeCondition, catalog: Catalog) throws -> (Int, [Room]) -> [Room] {
        try timeFilter(condition)
    }

    /// A room filter keeping the rooms free under `condition` (reads the bookings in its window).
    func timeFilter(_ condition: TimeCondition) throws -> (Int, [Room]) -> [Room] {
        let calendar = try holidayCalendar()
        let window = condition.window
        let booked = try bookedIntervals(from: window.from, to: window.to)
        var parsed = OpeningHoursCache()
        func hours(_ text: String?) -> OpeningHours? { parsed.hours(text) }
        // Weekly: the availability verdict is computed once per distinct opening_hours string.
        var weekly: WeeklySlotFilter?
        if case let .freeWeekly(slot, from, through) = condition {
            weekly = WeeklySlotFilter(slot: slot, from: from, through: through, calendar: calendar)
        }
        return { _, rooms in
            rooms.filter { room in
                let bookings = booked[room.id] ?? []
                if weekly != nil { return weekly!.isFree(openingHours: room.openingHours, bookings: bookings) }
                guard let availability = hours(room.openingHours) else { return false }
                switch condition {
                case let .freeAt(start, duration):
                    guard let requested = try? LocalInterval(start: start, end: start.adding(minutes: duration.minutes)) else { return false }
                    return FreeTime.check(requested, existing: bookings, openingHours: availability, calendar: calendar).isAcceptable
                case let .freeWeeklyShare(slot, from, through, minShare):
                    let check = FreeTime.checkWeekly(slot, openingHours: availability, calendar: calendar, bookings: bookings,
                                                     from: from, through: through)
                    let weeks = check.freeDates.count + check.skipped.count + check.conflicts.count
                    return weeks > 0 && Double(check.freeDates.count) >= minShare * Double(weeks) - 1e-9
                case .freeWeekly:
                    return false // answered by the weekly filter above
                }
            }
        }
    }
}
