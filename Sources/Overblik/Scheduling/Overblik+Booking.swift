import Facilities
import Foundation
public import Scheduling
import Store

extension Overblik {
    /// The activity classes a booking may name (those of the allocation round, DESIGN.md).
    public static let activityClasses = ["disability", "children", "adult-education", "adults"]

    /// The longest weekly series accepted (ten years of weeks).
    static let maximumOccurrences = 521

    /// Books a room, once or weekly, refusing anything outside its availability or overlapping another
    /// booking. The check and the insert run in one `BEGIN IMMEDIATE` transaction, so two processes can
    /// never both book the same time; a recurring booking is written whole or not at all.
    ///
    /// ```swift
    /// let receipt = try overblik.book(roomID: "noerresundby-bibliotek",
    ///                                 from: try LocalDateTime(parsing: "2026-12-01T17:00"),
    ///                                 to: try LocalDateTime(parsing: "2026-12-01T18:30"), holder: "Skakklubben")
    /// ```
    /// - Parameters:
    ///   - roomID: a room id, or a facility id for a facility without listed rooms.
    ///   - from: local start (Europe/Copenhagen); times in the spring-forward gap are refused.
    ///   - to: local end, after `from`.
    ///   - holder: who books (not empty).
    ///   - activity: one of ``activityClasses``, or nil.
    ///   - repeatWeeklyUntil: repeat every week at the same wall-clock time through this date.
    ///   - includeHolidays: keep occurrences on public holidays (else they are skipped and reported).
    ///   - now: the facade's clock (``currentInstant()``): a first occurrence that starts before it is
    ///     refused, and it stamps the bookings written (injected for tests).
    /// - Returns: the bookings written, the series id and the skipped dates.
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` for an unknown room,
    ///   ``OverblikError/badInput(_:)`` for bad times or names or a start in the past, ``OverblikError/conflict(_:)`` (with a
    ///   ``BookingRefusal`` text naming the other bookings and the parts outside availability) when refused,
    ///   ``OverblikError/io(_:)`` when the store stayed locked by other writers through every retry.
    @discardableResult
    public func book(roomID: String, from: LocalDateTime, to: LocalDateTime, holder: String, activity: String? = nil,
                     repeatWeeklyUntil: LocalDate? = nil, includeHolidays: Bool = false, skipConflicts: Bool = false,
                     now: UTCInstant = Overblik.currentInstant()) throws -> BookingReceipt {
        try book(roomID: roomID, from: from, to: to, holder: holder, activity: activity, repeatWeeklyUntil: repeatWeeklyUntil,
                 includeHolidays: includeHolidays, skipConflicts: skipConflicts, now: now, showsHolder: nil, then: nil)
    }

    /// ``book(roomID:from:to:holder:activity:repeatWeeklyUntil:includeHolidays:now:)`` with the service's
    /// policies: a first occurrence that starts before `now` is refused (as always), and `then` runs in
    /// the same transaction as the check and the insert (the audit log, a request's decision), so that
    /// either all of it lands or none does. Holders `showsHolder` refuses are not named in a refusal.
    func book(roomID: String, from: LocalDateTime, to: LocalDateTime, holder: String, activity: String?,
              repeatWeeklyUntil: LocalDate?, includeHolidays: Bool, skipConflicts: Bool = false, now: UTCInstant,
              showsHolder: ((String) -> Bool)?, then: ((BookingReceipt) throws -> Void)?) throws -> BookingReceipt {
        if skipConflicts && repeatWeeklyUntil == nil {
            throw OverblikError.badInput("skipping conflicts applies to weekly bookings (--repeat weekly)")
        }
        try Self.refusePast(from, now: now)
        let holderName = holder.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !holderName.isEmpty else { throw OverblikError.badInput("--holder must name who books") }
        if let activity, !Self.activityClasses.contains(activity) {
            throw OverblikError.badInput("activity '\(activity)' is not one of \(Self.activityClasses.joined(separator: ", "))")
        }
        let first: LocalInterval
        do { first = try LocalInterval(start: from, end: to) } catch {
            throw OverblikError.badInput("the booking must end after it starts (from \(from), to \(to))")
        }
        let room = try bookableRoom(roomID)
        let calendar = try holidayCalendar()

        var occurrences = [first]
        var skipped: [SkippedOccurrence] = []
        if let until = repeatWeeklyUntil {
            guard until >= from.date else {
                throw OverblikError.badInput("--until \(until) lies before the first occurrence on \(from.date)")
            }
            guard first.wallClockMinutes <= 7 * 1440 else {
                throw OverblikError.badInput("a weekly booking cannot last longer than a week")
            }
            let recurrence = try WeeklyRecurrence(start: from, end: to, until: until)
            let expansion = recurrence.expand(calendar: calendar, skippingPublicHolidays: !includeHolidays)
            guard expansion.occurrences.count <= Self.maximumOccurrences else {
                throw OverblikError.badInput("a weekly booking through \(until) has \(expansion.occurrences.count) occurrences; at most \(Self.maximumOccurrences) are accepted")
            }
            guard !expansion.occurrences.isEmpty else {
                throw OverblikError.badInput("every occurrence through \(until) falls on a public holiday; nothing to book (use --include-holidays)")
            }
            occurrences = expansion.occurrences
            skipped = expansion.skipped
        }
        for occurrence in occurrences { try Self.requireExistingTimes(occurrence) }
        let hours = try availability(of: room)
        if let until = repeatWeeklyUntil, let hours, first.wallClockMinutes <= 1440,
           let slot = try? WeeklySlot(weekday: from.weekday, startMinute: from.minuteOfDay,
                                      endMinute: from.minuteOfDay + first.wallClockMinutes) {
            // Dates the room is closed for a school holiday or an explicit closure are not bookable:
            // skip and report them like public holidays.
            let closures = try closureIntervals(of: room, from: from, to: LocalDateTime(date: until.adding(days: 2), minuteOfDay: 0))
            let check = FreeTime.checkWeekly(slot, openingHours: hours, calendar: calendar, bookings: [], closures: closures,
                                             from: from.date, through: until)
            let closed = check.skipped.filter {
                if case .publicHoliday = $0.reason { return false }
                return true
            }
            let closedDays = Set(closed.map(\.date))
            occurrences.removeAll { closedDays.contains($0.start.date) }
            skipped = (skipped + closed).sorted { $0.date < $1.date }
            guard !occurrences.isEmpty else {
                throw OverblikError.badInput("every occurrence through \(until) falls on a holiday or closure; nothing to book")
            }
        }

        let requested = occurrences, plannedSkips = skipped
        return try writeRetrying("book \(room.id)") {
            var occurrences = requested, skipped = plannedSkips
            let closures = try closureIntervals(of: room, from: occurrences.first!.start, to: occurrences.last!.end)
            var outside: [LocalInterval] = []
            var clashes: [Booking] = []
            var seen = Set<Int64>()
            var kept: [LocalInterval] = []
            for occurrence in occurrences {
                let missing = hours.map { FreeTime.outsideAvailability(occurrence, openingHours: $0, calendar: calendar, closures: closures) } ?? [occurrence]
                let (s, e) = Self.utcSeconds(occurrence)
                var others: [Booking] = []
                for var other in try backend.overlappingBookings(roomID: room.id, startUTC: s, endUTC: e) where seen.insert(other.id).inserted {
                    if let showsHolder, !showsHolder(other.holder) { other.holder = "another holder" }
                    others.append(Booking(other))
                }
                if skipConflicts && hours != nil && (!missing.isEmpty || !others.isEmpty) {
                    skipped.append(SkippedOccurrence(date: occurrence.start.date, reason: others.isEmpty ? .unavailable : .busy))
                    continue
                }
                outside += missing
                clashes += others
                kept.append(occurrence)
            }
            occurrences = kept
            skipped.sort { $0.date < $1.date }
            if occurrences.isEmpty && outside.isEmpty && clashes.isEmpty {
                throw OverblikError.conflict("cannot book \(room.id): every weekly occurrence is busy or outside the room's hours")
            }
            if !outside.isEmpty || !clashes.isEmpty {
                let refusal = BookingRefusal(roomID: room.id, requested: occurrences, conflicts: clashes,
                                             outsideAvailability: hours == nil ? [] : outside, hasNoAvailability: hours == nil)
                throw OverblikError.conflict(refusal.description)
            }
            var seriesID: Int64?
            if let until = repeatWeeklyUntil {
                seriesID = try backend.insertSeries(roomID: room.id, holder: holderName, activity: activity, rule: "FREQ=WEEKLY",
                                                  firstStart: from.description, firstEnd: to.description,
                                                  until: until.description, skipped: skipped.map(\.date.description),
                                                  createdUTC: now.secondsSince1970)
            }
            var written: [Booking] = []
            for occurrence in occurrences {
                let (s, e) = Self.utcSeconds(occurrence)
                var stored = StoredBooking(roomID: room.id, startLocal: occurrence.start.description,
                                           endLocal: occurrence.end.description, startUTC: s, endUTC: e,
                                           holder: holderName, activity: activity, seriesID: seriesID)
                stored.id = try backend.insert(booking: stored, createdUTC: now.secondsSince1970)
                written.append(Booking(stored))
            }
            var receipt = BookingReceipt(bookings: written, seriesID: seriesID, skipped: skipped)
            receipt.warnings = try calendarWarnings(hours: hours.map { [$0.source] } ?? [])
            try then?(receipt)
            return receipt
        }
    }

    /// Cancels a booking, or with `wholeSeries` every remaining booking of its weekly series.
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` for an unknown booking,
    ///   ``OverblikError/badInput(_:)`` when `wholeSeries` is asked of a booking outside any series.
    @discardableResult
    public func cancel(bookingID: Int64, wholeSeries: Bool = false) throws -> CancelReceipt {
        try cancel(bookingID: bookingID, wholeSeries: wholeSeries, check: nil, then: nil)
    }

    /// ``cancel(bookingID:wholeSeries:)`` with the service's policies: `check` sees the booking before
    /// anything is removed (and may refuse), `then` runs in the same transaction after the removal.
    func cancel(bookingID: Int64, wholeSeries: Bool, check: ((Booking) throws -> Void)?,
                then: ((CancelReceipt) throws -> Void)?) throws -> CancelReceipt {
        try writeRetrying("cancel booking \(bookingID)") {
            guard let stored = try backend.booking(id: bookingID) else {
                throw OverblikError.notFound(what: "booking \(bookingID)", suggestions: [])
            }
            try check?(Booking(stored))
            let receipt = try removeBooking(stored, wholeSeries: wholeSeries)
            try then?(receipt)
            return receipt
        }
    }

    private func removeBooking(_ stored: StoredBooking, wholeSeries: Bool) throws -> CancelReceipt {
        let bookingID = stored.id
        do {
            if wholeSeries {
                guard let seriesID = stored.seriesID else {
                    throw OverblikError.badInput("booking \(bookingID) is not part of a weekly series; cancel it without --series")
                }
                let removed = try backend.bookings(seriesID: seriesID).map(Booking.init)
                _ = try backend.deleteSeries(id: seriesID)
                return CancelReceipt(cancelled: removed, seriesID: seriesID)
            }
            _ = try backend.deleteBooking(id: bookingID)
            return CancelReceipt(cancelled: [Booking(stored)], seriesID: nil)
        }
    }

    /// The one rule for the past: a booking or request must not start before `now`.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the start and the clock's time.
    static func refusePast(_ start: LocalDateTime, now: UTCInstant) throws {
        if CopenhagenTime.instant(of: start) < now {
            throw OverblikError.badInput("\(start) lies in the past (now \(CopenhagenTime.localTime(at: now))); bookings must start in the future")
        }
    }

    /// The facade's one clock: the system clock, or the fixed local time (Europe/Copenhagen) in the
    /// environment variable `OVERBLIK_NOW` (`2026-01-01T00:00`), which makes runs and tests repeatable.
    /// A value that does not parse as a local time is ignored.
    public static func currentInstant() -> UTCInstant {
        if let fixed = ProcessInfo.processInfo.environment["OVERBLIK_NOW"], !fixed.isEmpty,
           let local = try? LocalDateTime(parsing: fixed) {
            return CopenhagenTime.instant(of: local)
        }
        return UTCInstant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// UTC seconds of a wall-clock interval (spring-gap policy of ``CopenhagenTime``).
    static func utcSeconds(_ interval: LocalInterval) -> (Int64, Int64) {
        (CopenhagenTime.instant(of: interval.start).secondsSince1970, CopenhagenTime.instant(of: interval.end).secondsSince1970)
    }

    /// Refuses wall-clock times that do not exist (the spring-forward hour). An end exactly at the
    /// start of the gap is the same instant as the end of the gap and is accepted.
    static func requireExistingTimes(_ interval: LocalInterval) throws {
        for (label, time) in [("start", interval.start), ("end", interval.end)] where CopenhagenTime.isInGap(time) {
            if label == "end" && !CopenhagenTime.isInGap(time.adding(minutes: -1)) { continue }
            throw OverblikError.badInput("\(label) " + gapMessage(time))
        }
        guard UTCInterval(interval) != nil else {
            throw OverblikError.badInput("\(Booking.span(interval)) has no length on the clock once daylight saving is applied")
        }
    }
}
