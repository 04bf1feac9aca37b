import Facilities
import Foundation
public import Scheduling
import Store

/// Free time of one room in a window. JSON: `{room, from, to, min_duration_minutes, free: [{start, end, minutes}]}`.
public struct FreeTimeAnswer: Sendable, Hashable, Encodable {
    /// The room.
    public let roomID: String
    /// Start of the window asked about (local time, inclusive).
    public let from: LocalDateTime
    /// End of the window (local time, exclusive).
    public let to: LocalDateTime
    /// The shortest free interval kept, if given.
    public let minDuration: ScheduleDuration?
    /// Free intervals: availability minus closures minus bookings, in time order.
    public let free: [LocalInterval]
    /// Warnings about the answer (a missing school-holiday calendar); `warnings` in JSON when any.
    public var warnings: [String] = []

    struct Slot: Encodable {
        var start: String
        var end: String
        var minutes: Int
    }

    enum CodingKeys: String, CodingKey { case room, from, to, minDuration = "min_duration_minutes", free, warnings }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(roomID, forKey: .room)
        try c.encode(from.description, forKey: .from)
        try c.encode(to.description, forKey: .to)
        try c.encode(minDuration?.minutes, forKey: .minDuration)
        try c.encode(free.map { Slot(start: $0.start.description, end: $0.end.description, minutes: $0.realMinutes) }, forKey: .free)
        if !warnings.isEmpty { try c.encode(warnings, forKey: .warnings) }
    }
}

extension Overblik {
    /// The longest window `free` and `bookings` accept, in days.
    static let maximumWindowDays = 2 * 366

    /// Free time of a room: its availability (opening_hours, with `PH`/`SH` from the holiday calendar)
    /// minus explicit closures minus bookings, in `[from, to)`.
    /// - Parameters:
    ///   - roomID: the room (or a facility without listed rooms).
    ///   - minDuration: drop free intervals shorter than this (real minutes).
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` for an unknown room,
    ///   ``OverblikError/badInput(_:)`` for a reversed or over-long window.
    /// - Complexity: O(days × rules + bookings) for the window.
    public func freeTime(roomID: String, from: LocalDateTime, to: LocalDateTime,
                         minDuration: ScheduleDuration? = nil) throws -> FreeTimeAnswer {
        try Self.requireWindow(from: from, to: to)
        let room = try bookableRoom(roomID)
        guard let hours = try availability(of: room) else {
            return FreeTimeAnswer(roomID: room.id, from: from, to: to, minDuration: minDuration, free: [])
        }
        let booked = try backend.bookings(roomID: room.id, fromUTC: CopenhagenTime.instant(of: from).secondsSince1970,
                                        toUTC: CopenhagenTime.instant(of: to).secondsSince1970).map { Booking($0).utc }
        let free = FreeTime.freeSlots(openingHours: hours, calendar: try holidayCalendar(), utcBookings: booked,
                                      closures: try closureIntervals(of: room, from: from, to: to), from: from, to: to,
                                      minDuration: minDuration)
        var answer = FreeTimeAnswer(roomID: room.id, from: from, to: to, minDuration: minDuration, free: free)
        answer.warnings = try calendarWarnings(hours: [hours.source])
        return answer
    }

    /// Bookings in time order, of one room or of all, overlapping `[from, to)` when given.
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` for an unknown room.
    public func bookings(roomID: String? = nil, from: LocalDateTime? = nil, to: LocalDateTime? = nil) throws -> [Booking] {
        if let from, let to { try Self.requireWindow(from: from, to: to, limited: false) }
        let id = try roomID.map { try bookableRoom($0).id }
        return try backend.bookings(roomID: id, fromUTC: from.map { CopenhagenTime.instant(of: $0).secondsSince1970 },
                                  toUTC: to.map { CopenhagenTime.instant(of: $0).secondsSince1970 }).map(Booking.init)
    }

    static func requireWindow(from: LocalDateTime, to: LocalDateTime, limited: Bool = true) throws {
        guard from < to else { throw OverblikError.badInput("--to \(to) must lie after --from \(from)") }
        if limited && to.localMinutes - from.localMinutes > maximumWindowDays * 1440 {
            throw OverblikError.badInput("the window \(from)..\(to) is longer than \(maximumWindowDays) days; ask for a shorter one")
        }
    }
}
