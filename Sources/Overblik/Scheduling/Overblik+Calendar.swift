import Facilities
import Foundation
public import Scheduling
import Store

extension Overblik {
    /// The `overblik_meta` key holding the school-holiday calendar (CSV text).
    public static let schoolHolidaysKey = "school_holidays"

    /// Stores a municipality's school-holiday calendar (the CSV of ``SchoolHolidayCalendar/init(csv:)``),
    /// replacing any stored before; `SH` in opening hours then refers to it.
    /// - Parameters:
    ///   - csv: the file's text.
    ///   - source: the file name, for error messages.
    /// - Returns: the parsed calendar.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the file and line when the CSV is invalid (nothing stored).
    @discardableResult
    public func importSchoolHolidays(csv: String, source: String) throws -> SchoolHolidayCalendar {
        let parsed: SchoolHolidayCalendar
        do { parsed = try SchoolHolidayCalendar(csv: csv) } catch {
            throw OverblikError.badInput("\(source): \(error)")
        }
        guard !parsed.periods.isEmpty else { throw OverblikError.badInput("\(source): no school holiday periods found") }
        try writeRetrying("import school holidays") { try backend.setMeta(Self.schoolHolidaysKey, csv) }
        cachedCalendar = nil
        return parsed
    }

    /// An RFC 5545 calendar of bookings: one VEVENT per single booking, and one per weekly series with
    /// `RRULE:FREQ=WEEKLY;UNTIL=...` and `EXDATE`s for its skipped or cancelled occurrences.
    /// - Parameters:
    ///   - bookings: the bookings to show (e.g. from ``bookings(roomID:from:to:)``).
    ///   - stamp: the `DTSTAMP`.
    public func iCalendar(bookings: [Booking], stamp: UTCInstant = Overblik.currentInstant()) throws -> String {
        var events: [ICalendarEvent] = []
        var seriesDone = Set<Int64>()
        var roomNames: [String: String] = [:]
        func location(_ roomID: String) -> String {
            if let known = roomNames[roomID] { return known }
            var name = roomID
            if let room = try? backend.room(id: roomID) {
                let facility = (try? backend.facility(id: room.facilityID))?.name
                name = facility.map { $0 == room.name ? $0 : "\($0), \(room.name)" } ?? room.name
            }
            roomNames[roomID] = name
            return name
        }
        func summary(_ holder: String, _ activity: String?) -> String {
            activity.map { "\(holder) (\($0))" } ?? holder
        }
        for b in bookings {
            if let seriesID = b.seriesID, let series = try backend.series(id: seriesID),
               let first = try? LocalInterval(start: LocalDateTime(parsing: series.firstStart), end: LocalDateTime(parsing: series.firstEnd)),
               let until = try? LocalDate(parsing: series.until) {
                guard seriesDone.insert(seriesID).inserted else { continue }
                // Every weekly date without a remaining booking is excluded: holidays skipped at booking
                // time and occurrences cancelled one by one.
                let held = Set(try backend.bookings(seriesID: seriesID).compactMap { try? LocalDateTime(parsing: $0.startLocal).date })
                var excluded: [LocalDate] = []
                var day = first.start.date
                while day <= until {
                    if !held.contains(day) { excluded.append(day) }
                    day = day.adding(days: 7)
                }
                events.append(ICalendarEvent(uid: "series-\(seriesID)@overblik", summary: summary(series.holder, series.activity),
                                             interval: first, details: "Weekly booking series \(seriesID) of \(series.roomID)",
                                             location: location(series.roomID),
                                             weekly: .init(until: until, excludedDates: excluded)))
            } else {
                events.append(ICalendarEvent(uid: "booking-\(b.id)@overblik", summary: summary(b.holder, b.activity),
                                             interval: b.interval, details: "Booking \(b.id) of \(b.roomID)",
                                             location: location(b.roomID)))
            }
        }
        return ICalendarWriter.calendar(events: events, stamp: stamp)
    }

    /// An RFC 5545 VFREEBUSY listing a room's free intervals.
    public static func iCalendar(free answer: FreeTimeAnswer, stamp: UTCInstant = Overblik.currentInstant()) -> String {
        ICalendarWriter.freeBusy(uid: "free-\(answer.roomID)-\(answer.from)@overblik", free: answer.free,
                                 from: answer.from, to: answer.to, stamp: stamp)
    }
}
