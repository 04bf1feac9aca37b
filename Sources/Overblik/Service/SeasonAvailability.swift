import Facilities
import Foundation
import Scheduling

/// How much of a season a weekly slot is free in one room: "free 24 of 26 weeks; not 2027-03-09
/// (busy), not 2027-02-16 (school holiday)", so that leftover times ("resttider") can be offered.
///
/// JSON: `{room, slot, from, to, weeks, free, share, free_dates, not_free: [{date, reason, name}], summary}`;
/// `reason` is busy, unavailable, public_holiday, school_holiday or closure.
public struct SeasonAvailability: Sendable, Hashable, Encodable {
    public let room: String
    public let slot: String
    public let from: String
    public let to: String
    /// Occurrences of the slot in the season.
    public let weeks: Int
    /// Occurrences that are free.
    public let free: Int
    /// free / weeks (0 when the season has no occurrence).
    public let share: Double
    public let freeDates: [String]
    public let notFree: [NotFree]

    public struct NotFree: Sendable, Hashable, Encodable {
        public let date: String
        public let reason: String
        public let name: String?
    }

    /// One line for people.
    public var summary: String {
        let missing = notFree.prefix(10).map { "not \($0.date) (\($0.name ?? $0.reason.replacingOccurrences(of: "_", with: " ")))" }
        return (["free \(free) of \(weeks) weeks (\(slot))"] + missing + (notFree.count > 10 ? ["and \(notFree.count - 10) more"] : []))
            .joined(separator: "; ")
    }

    enum CodingKeys: String, CodingKey {
        case room, slot, from, to, weeks, free, share, freeDates = "free_dates", notFree = "not_free", summary
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(room, forKey: .room)
        try c.encode(slot, forKey: .slot)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(weeks, forKey: .weeks)
        try c.encode(free, forKey: .free)
        try c.encode(share, forKey: .share)
        try c.encode(freeDates, forKey: .freeDates)
        try c.encode(notFree, forKey: .notFree)
        try c.encode(summary, forKey: .summary)
    }

    init(room: String, slot: WeeklySlot, from: LocalDate, through: LocalDate, freeDates: [LocalDate], notFree: [NotFree]) {
        self.room = room
        self.slot = slot.description
        self.from = from.description
        to = through.description
        self.notFree = notFree.sorted { $0.date < $1.date }
        free = freeDates.count
        weeks = free + notFree.count
        share = weeks == 0 ? 0 : Double(free) / Double(weeks)
        self.freeDates = freeDates.map(\.description)
    }

    /// The figures of a weekly check.
    init(room: String, check: WeeklySlotCheck, from: LocalDate, through: LocalDate) {
        var missing: [NotFree] = check.conflicts.map { conflict in
            switch conflict.reason {
            case .booked: return NotFree(date: conflict.date.description, reason: "busy", name: nil)
            case .outsideAvailability: return NotFree(date: conflict.date.description, reason: "unavailable", name: nil)
            }
        }
        for s in check.skipped {
            let reason: String, name: String?
            switch s.reason {
            case let .publicHoliday(n): reason = "public_holiday"; name = n
            case let .schoolHoliday(n): reason = "school_holiday"; name = n
            case .closure: reason = "closure"; name = nil
            case .busy: reason = "busy"; name = nil
            case .unavailable: reason = "unavailable"; name = nil
            }
            missing.append(NotFree(date: s.date.description, reason: reason, name: name))
        }
        self.init(room: room, slot: check.slot, from: from, through: through, freeDates: check.freeDates, notFree: missing)
    }
}

extension Overblik {
    /// Season availability of a weekly slot in a room: which weeks are free and why the others are not
    /// (bookings, availability, public and school holidays, closures).
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` for an unknown room,
    ///   ``OverblikError/badInput(_:)`` for a bad slot or season.
    public func seasonAvailability(roomID: String, slot slotText: String, from: String, to: String) throws -> SeasonAvailability {
        let slot: WeeklySlot
        do { slot = try WeeklySlot(parsing: slotText) } catch {
            throw OverblikError.badInput("slot: \(error) (expected e.g. \"Tu 19:00-21:00\")")
        }
        let first: LocalDate, last: LocalDate
        do {
            first = try LocalDate(parsing: String(from.prefix(10)))
            last = try LocalDate(parsing: String(to.prefix(10)))
        } catch { throw OverblikError.badInput("from/to: \(error) (expected YYYY-MM-DD)") }
        guard first <= last, last.dayNumber - first.dayNumber <= 2 * 366 else {
            throw OverblikError.badInput("the season \(first)..\(last) must run forwards and last at most two years")
        }
        let room = try bookableRoom(roomID)
        let start = first.startOfDay, end = last.adding(days: 2).startOfDay
        let booked = try bookedIntervals(from: start, to: end)[room.id] ?? []
        guard let hours = try availability(of: room) else {
            let never = slot.dates(from: first, through: last).map { SeasonAvailability.NotFree(date: $0.description, reason: "unavailable", name: nil) }
            return SeasonAvailability(room: room.id, slot: slot, from: first, through: last, freeDates: [], notFree: never)
        }
        let check = FreeTime.checkWeekly(slot, openingHours: hours, calendar: try holidayCalendar(), bookings: booked,
                                         closures: try closureIntervals(of: room, from: start, to: end), from: first, through: last)
        return SeasonAvailability(room: room.id, check: check, from: first, through: last)
    }
}
