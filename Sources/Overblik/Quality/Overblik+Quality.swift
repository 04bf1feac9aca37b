import Facilities
import Foundation
import GeoTypes
import Scheduling
import Store

extension Overblik {
    /// The data-quality report for data stewards (`overblik check`).
    ///
    /// Finds facilities outside every district (when districts are loaded), unknown wheelchair
    /// access, accessibility information older than ``QualityOptions/staleAfterYears`` or never checked,
    /// likely duplicates (within ``QualityOptions/duplicateRadiusMetres`` by geodesic distance, with
    /// similar names), bookable rooms without availability, with availability that does not parse or
    /// never opens in the 365 days from ``QualityOptions/now``, and bookings outside their room's
    /// availability.
    ///
    /// ```swift
    /// let report = try overblik.checkQuality(QualityOptions(now: try LocalDateTime(parsing: "2026-11-27T09:00")))
    /// if !report.isClean { print(report.counts) }
    /// ```
    /// - Throws: ``DatabaseError`` when the store cannot be read; school-holiday calendar errors.
    /// - Complexity: O(facilities + rooms × 365 days + bookings); duplicates by a grid, not all pairs.
    public func checkQuality(_ options: QualityOptions) throws -> QualityReport {
        let facilities = try store.facilities()
        let districtCount = try store.districts().count
        let rooms = try store.bookableRooms(facilities: facilities)
        let bookings = try store.bookings()
        let calendar = try holidayCalendar()
        var problems: [QualityProblem] = []

        func facilityProblem(_ kind: QualityProblem.Kind, _ f: Facility, _ detail: String, related: String? = nil) {
            problems.append(QualityProblem(kind: kind, table: "facilities", id: f.id, name: f.name, detail: detail, relatedID: related))
        }
        let cutoff = Self.isoDate(options.now.date, minusYears: options.staleAfterYears)
        for f in facilities {
            if districtCount > 0 && f.districtCode == nil {
                facilityProblem(.outsideDistricts, f, "at \(f.location.lon),\(f.location.lat): outside every one of \(districtCount) districts")
            }
            if f.accessibility.wheelchair == .unknown { facilityProblem(.wheelchairUnknown, f, "wheelchair access is unknown") }
            if let checked = f.accessibility.checked {
                if checked < cutoff {
                    facilityProblem(.accessibilityStale, f, "accessibility last checked \(checked), before \(cutoff) (\(options.staleAfterYears) years)")
                }
            } else {
                facilityProblem(.accessibilityStale, f, "accessibility never checked (no checked date)")
            }
        }
        let finder = DuplicateFinder(radiusMetres: options.duplicateRadiusMetres)
        for pair in finder.pairs(facilities.map { DuplicateFinder.Candidate(id: $0.id, name: $0.name, location: $0.location) }) {
            problems.append(QualityProblem(
                kind: .likelyDuplicate, table: "facilities", id: pair.first.id, name: pair.first.name,
                detail: String(format: "%.1f m from '%@' (%@) with a similar name", pair.metres, pair.second.id, pair.second.name),
                relatedID: pair.second.id))
        }
        let hours = availabilityProblems(rooms, options: options, calendar: calendar, &problems)
        if try store.meta("school_holidays") == nil {
            for room in rooms {
                guard let text = room.openingHours, (try? OpeningHours(parsing: text))?.usesSchoolHolidays == true else { continue }
                problems.append(QualityProblem(kind: .schoolHolidaysMissing, table: "rooms", id: room.id, name: room.name,
                    detail: "opening hours '\(text)' use SH, but no school-holiday calendar is stored (overblik calendar import FILE)"))
            }
        }
        problems += bookingProblems(bookings, rooms: rooms, hours: hours, calendar: calendar)

        problems.sort { ($0.kind, $0.table, $0.id, $0.relatedID ?? "") < ($1.kind, $1.table, $1.id, $1.relatedID ?? "") }
        var counts = Dictionary(uniqueKeysWithValues: QualityProblem.Kind.allCases.map { ($0.rawValue, 0) })
        for p in problems { counts[p.kind.rawValue, default: 0] += 1 }
        return QualityReport(problems: problems, counts: counts,
                             examined: .init(facilities: facilities.count, rooms: rooms.count, bookings: bookings.count,
                                             districts: districtCount),
                             referenceTime: options.now.description, staleAfterYears: options.staleAfterYears,
                             duplicateRadiusMetres: options.duplicateRadiusMetres)
    }

    /// Rooms without, with unparsable or with never-opening availability; returns the parsed hours by room id.
    private func availabilityProblems(_ rooms: [Room], options: QualityOptions, calendar: HolidayCalendar,
                                      _ problems: inout [QualityProblem]) -> [String: OpeningHours] {
        var parsed = OpeningHoursCache()
        var opensWithinYear: [String: Bool] = [:]
        var byRoom: [String: OpeningHours] = [:]
        let yearAhead = options.now.adding(minutes: 365 * 1440)
        for room in rooms {
            func add(_ kind: QualityProblem.Kind, _ detail: String) {
                problems.append(QualityProblem(kind: kind, table: "rooms", id: room.id, name: room.name, detail: detail,
                                               relatedID: room.facilityID))
            }
            guard let text = room.openingHours?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                add(.noAvailability, "no opening_hours: the room is never offered")
                continue
            }
            switch parsed.parse(text) {
            case let .failure(error):
                add(.unparsableAvailability, "opening_hours '\(text)': \(error)")
            case let .success(hours):
                byRoom[room.id] = hours
                let opens = opensWithinYear[text] ?? !hours.intervals(from: options.now, to: yearAhead, calendar: calendar).isEmpty
                opensWithinYear[text] = opens
                if !opens { add(.neverOpen, "opening_hours '\(text)' never opens between \(options.now) and \(yearAhead)") }
            }
        }
        return byRoom
    }

    /// Bookings not wholly inside their room's availability (or of rooms without any, or unknown rooms).
    private func bookingProblems(_ bookings: [StoredBooking], rooms: [Room], hours: [String: OpeningHours],
                                 calendar: HolidayCalendar) -> [QualityProblem] {
        let known = Set(rooms.map(\.id))
        var out: [QualityProblem] = []
        for b in bookings {
            let start = (try? LocalDateTime(parsing: b.startLocal)) ?? CopenhagenTime.localTime(at: UTCInstant(secondsSince1970: b.startUTC))
            let end = (try? LocalDateTime(parsing: b.endLocal)) ?? CopenhagenTime.localTime(at: UTCInstant(secondsSince1970: b.endUTC))
            let when = "\(b.startLocal)..\(b.endLocal) in room '\(b.roomID)'"
            var detail: String?
            if !known.contains(b.roomID) {
                detail = "\(when): the room does not exist"
            } else if let h = hours[b.roomID] {
                let open = h.intervals(from: start, to: end, calendar: calendar)
                let covered = open.count == 1 && open[0].start == start && open[0].end == end
                if !covered && start < end { detail = "\(when): outside the room's availability '\(h.source)'" }
            } else {
                detail = "\(when): the room has no valid availability"
            }
            if let detail {
                out.append(QualityProblem(kind: .bookingOutsideAvailability, table: "bookings", id: String(b.id), name: b.holder,
                                          detail: detail, relatedID: b.roomID))
            }
        }
        return out
    }

    /// `date` minus `years` as YYYY-MM-DD (29 February stays 29 February: the text compares correctly).
    static func isoDate(_ date: LocalDate, minusYears years: Int) -> String {
        let c = date.components
        return String(format: "%04d-%02d-%02d", c.year - years, c.month, c.day)
    }
}
