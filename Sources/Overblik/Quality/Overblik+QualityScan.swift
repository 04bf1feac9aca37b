import Facilities
import Foundation
import GeoTypes
import Scheduling
import Store

/// Which stream a problem of ``Overblik/scanQuality(_:_:)`` comes from. Within one stream the
/// problems of one kind arrive in the report's order (``QualityProblem/reportOrder``) when the
/// store's ids are ASCII (``OverblikStore/idsAreASCII()``); the rooms of a kind come in two streams.
enum ProblemStream: CaseIterable {
    /// Facility problems and likely duplicates, by facility id.
    case facilities
    /// Problems of facilities' implicit rooms, by facility id (the room's id).
    case implicitRooms
    /// Problems of listed rooms, by room id and facility id.
    case listedRooms
    /// Bookings, in no particular order (few; sorted by the caller).
    case bookings
}

extension QualityProblem {
    /// The order of a report: by kind, then table, id and related id.
    static func reportOrder(_ a: QualityProblem, _ b: QualityProblem) -> Bool {
        (a.kind, a.table, a.id, a.relatedID ?? "") < (b.kind, b.table, b.id, b.relatedID ?? "")
    }
}

extension QualityReport {
    /// Problems per kind, every kind listed.
    static func counts(of problems: [QualityProblem]) -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: QualityProblem.Kind.allCases.map { ($0.rawValue, 0) })
        for p in problems { counts[p.kind.rawValue, default: 0] += 1 }
        return counts
    }
}

extension Overblik {
    /// Every check of ``checkQuality(_:)``, reading facilities and rooms one row at a time: memory
    /// holds each facility's id and position (for duplicates), the bookings, and what `emit` keeps.
    /// - Returns: how much was examined.
    func scanQuality(_ options: QualityOptions, _ emit: (QualityProblem, ProblemStream) throws -> Void) throws -> QualityReport.Examined {
        let districtCount = try backend.districtCount()
        let bookings = try backend.bookings(fromUTC: nil, toUTC: nil)
        let calendar = try holidayCalendar()
        let cutoff = Self.isoDate(options.now.date, minusYears: options.staleAfterYears)
        var rooms = RoomChecks(options: options, calendar: calendar, booked: Set(bookings.map(\.roomID)),
                               schoolHolidaysMissing: try backend.meta("school_holidays") == nil)
        var ids: [String] = [], locations: [Coordinate] = []
        // Names as duplicates compare them, packed: UTF-8 bytes and where each ends.
        var nameBytes: [UInt8] = [], nameEnds: [Int] = []
        try backend.forEachFacility { f, listed in
            ids.append(f.id)
            locations.append(f.location)
            nameBytes += NameSimilarity.normalise(f.name).utf8
            nameEnds.append(nameBytes.count)
            func problem(_ kind: QualityProblem.Kind, _ detail: String) throws {
                try emit(QualityProblem(kind: kind, table: "facilities", id: f.id, name: f.name, detail: detail), .facilities)
            }
            if districtCount > 0 && f.districtCode == nil {
                try problem(.outsideDistricts, "at \(f.location.lon),\(f.location.lat): outside every one of \(districtCount) districts")
            }
            if f.accessibility.wheelchair == .unknown { try problem(.wheelchairUnknown, "wheelchair access is unknown") }
            if let checked = f.accessibility.checked {
                if checked < cutoff {
                    try problem(.accessibilityStale, "accessibility last checked \(checked), before \(cutoff) (\(options.staleAfterYears) years)")
                }
            } else {
                try problem(.accessibilityStale, "accessibility never checked (no checked date)")
            }
            if listed.isEmpty { try rooms.check(f.implicitRoom) { try emit($0, .implicitRooms) } }
        }
        try backend.forEachRoomByID { room in try rooms.check(room) { try emit($0, .listedRooms) } }

        func normalisedName(_ i: Int) -> String {
            String(decoding: nameBytes[(i == 0 ? 0 : nameEnds[i - 1])..<nameEnds[i]], as: UTF8.self)
        }
        var pairs: [(first: Int, second: Int, metres: Double)] = []
        DuplicateFinder(radiusMetres: options.duplicateRadiusMetres).closePairs(locations) { i, j, metres in
            if NameSimilarity.similar(normalisedName(i), normalisedName(j)) { pairs.append((i, j, metres)) }
        }
        locations = []
        nameBytes = []
        nameEnds = []
        let names = try backend.facilityNames(ids: Set(pairs.flatMap { [ids[$0.first], ids[$0.second]] }))
        for pair in pairs {
            let first = ids[pair.first], second = ids[pair.second]
            try emit(QualityProblem(
                kind: .likelyDuplicate, table: "facilities", id: first, name: names[first] ?? "",
                detail: String(format: "%.1f m from '%@' (%@) with a similar name", pair.metres, second, names[second] ?? ""),
                relatedID: second), .facilities)
        }
        for problem in bookingProblems(bookings, known: rooms.bookedRoomsFound, hours: rooms.bookedHours.mapValues(\.hours),
                                       calendar: calendar) {
            try emit(problem, .bookings)
        }
        return QualityReport.Examined(facilities: ids.count, rooms: rooms.count, bookings: bookings.count, districts: districtCount)
    }

    /// Bookings not wholly inside their room's availability (or of rooms without any, or unknown rooms).
    private func bookingProblems(_ bookings: [StoredBooking], known: Set<String>, hours: [String: OpeningHours],
                                 calendar: HolidayCalendar) -> [QualityProblem] {
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
}

/// The checks of one bookable room (availability, school holidays), with what the booking checks
/// need afterwards: which booked rooms exist and their hours.
struct RoomChecks {
    let options: QualityOptions
    let calendar: HolidayCalendar
    let booked: Set<String>
    let schoolHolidaysMissing: Bool
    private var parsed = OpeningHoursCache()
    private var opensWithinYear: [String: Bool] = [:]
    private var usesSchoolHolidays: [String: Bool] = [:]
    /// Rooms checked.
    private(set) var count = 0
    private(set) var bookedRoomsFound: Set<String> = []
    /// Per booked room id, the hours of the room with that id that sorts last by (facility id, id)
    /// among those whose hours parse (as a dictionary filled in that order would hold).
    private(set) var bookedHours: [String: (facilityID: String, hours: OpeningHours)] = [:]

    init(options: QualityOptions, calendar: HolidayCalendar, booked: Set<String>, schoolHolidaysMissing: Bool) {
        self.options = options
        self.calendar = calendar
        self.booked = booked
        self.schoolHolidaysMissing = schoolHolidaysMissing
    }

    mutating func check(_ room: Room, _ emit: (QualityProblem) throws -> Void) throws {
        count += 1
        func add(_ kind: QualityProblem.Kind, _ detail: String) throws {
            try emit(QualityProblem(kind: kind, table: "rooms", id: room.id, name: room.name, detail: detail, relatedID: room.facilityID))
        }
        let isBooked = booked.contains(room.id)
        if isBooked { bookedRoomsFound.insert(room.id) }
        if let text = room.openingHours?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            switch parsed.parse(text) {
            case let .failure(error):
                try add(.unparsableAvailability, "opening_hours '\(text)': \(error)")
            case let .success(hours):
                if isBooked, bookedHours[room.id].map({ $0.facilityID <= room.facilityID }) ?? true {
                    bookedHours[room.id] = (room.facilityID, hours)
                }
                let yearAhead = options.now.adding(minutes: 365 * 1440)
                let opens = opensWithinYear[text] ?? !hours.intervals(from: options.now, to: yearAhead, calendar: calendar).isEmpty
                opensWithinYear[text] = opens
                if !opens { try add(.neverOpen, "opening_hours '\(text)' never opens between \(options.now) and \(yearAhead)") }
            }
        } else {
            try add(.noAvailability, "no opening_hours: the room is never offered")
        }
        if schoolHolidaysMissing, let text = room.openingHours {
            let uses = usesSchoolHolidays[text] ?? ((try? OpeningHours(parsing: text))?.usesSchoolHolidays == true)
            usesSchoolHolidays[text] = uses
            if uses {
                try emit(QualityProblem(kind: .schoolHolidaysMissing, table: "rooms", id: room.id, name: room.name,
                    detail: "opening hours '\(text)' use SH, but no school-holiday calendar is stored (overblik calendar import FILE)"))
            }
        }
    }
}
