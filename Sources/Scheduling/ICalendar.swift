/// One VEVENT for ``ICalendarWriter``.
public struct ICalendarEvent: Sendable, Hashable {
    /// Weekly repetition: `RRULE:FREQ=WEEKLY;UNTIL=...Z` plus `EXDATE`s.
    public struct Weekly: Sendable, Hashable {
        /// Last date an occurrence may start on (inclusive).
        public var until: LocalDate
        /// Dates whose occurrence is left out (holidays, closures).
        public var excludedDates: [LocalDate]
        /// Creates a weekly repetition.
        public init(until: LocalDate, excludedDates: [LocalDate] = []) {
            self.until = until
            self.excludedDates = excludedDates
        }
    }

    /// Globally unique id, e.g. `booking-42@overblik`.
    public var uid: String
    /// Title.
    public var summary: String
    /// The (first) occurrence.
    public var interval: LocalInterval
    /// Optional longer text.
    public var details: String?
    /// Optional place.
    public var location: String?
    /// `TRANSP:TRANSPARENT` (free time shown without blocking) instead of `OPAQUE`.
    public var isTransparent: Bool
    /// Weekly repetition, if any.
    public var weekly: Weekly?

    /// Creates an event.
    public init(uid: String, summary: String, interval: LocalInterval, details: String? = nil, location: String? = nil,
                isTransparent: Bool = false, weekly: Weekly? = nil) {
        self.uid = uid
        self.summary = summary
        self.interval = interval
        self.details = details
        self.location = location
        self.isTransparent = isTransparent
        self.weekly = weekly
    }

    /// An event for a weekly recurrence, excluding the dates its expansion skipped.
    public init(uid: String, summary: String, recurrence: WeeklyRecurrence, expansion: RecurrenceExpansion,
                details: String? = nil, location: String? = nil) {
        self.init(uid: uid, summary: summary, interval: recurrence.first, details: details, location: location,
                  weekly: Weekly(until: recurrence.until, excludedDates: expansion.skipped.map(\.date)))
    }
}

/// RFC 5545 iCalendar text, generated purely (the time stamp is passed in).
///
/// Times are written as local times with `TZID=Europe/Copenhagen` and the calendar carries a
/// matching VTIMEZONE (EU rules). Lines end in CRLF, are folded at 75 octets and text is escaped.
///
/// ```swift
/// let text = ICalendarWriter.calendar(events: [event], stamp: now)
/// ```
public enum ICalendarWriter {
    /// The time-zone id used in `TZID` parameters.
    public static let timeZoneID = "Europe/Copenhagen"

    /// A VCALENDAR with one VEVENT per event.
    /// - Parameters:
    ///   - events: the events.
    ///   - stamp: the `DTSTAMP` (creation time), injected for purity.
    ///   - productID: the `PRODID`.
    public static func calendar(events: [ICalendarEvent], stamp: UTCInstant,
                                productID: String = "-//Overblik//Scheduling//DA") -> String {
        var lines = header(productID) + timeZone()
        for event in events { lines += vevent(event, stamp: stamp) }
        lines.append("END:VCALENDAR")
        return render(lines)
    }

    /// A VCALENDAR with one VFREEBUSY listing free intervals (`FBTYPE=FREE`) in UTC.
    public static func freeBusy(uid: String, free: [LocalInterval], from: LocalDateTime, to: LocalDateTime,
                                stamp: UTCInstant, productID: String = "-//Overblik//Scheduling//DA") -> String {
        var lines = header(productID)
        lines += ["BEGIN:VFREEBUSY", "UID:" + escape(uid), "DTSTAMP:" + stamp.iCalendarText,
                  "DTSTART:" + CopenhagenTime.instant(of: from).iCalendarText,
                  "DTEND:" + CopenhagenTime.instant(of: to).iCalendarText]
        for interval in IntervalAlgebra.normalized(free) {
            lines.append("FREEBUSY;FBTYPE=FREE:" + CopenhagenTime.instant(of: interval.start).iCalendarText + "/"
                         + CopenhagenTime.instant(of: interval.end).iCalendarText)
        }
        lines += ["END:VFREEBUSY", "END:VCALENDAR"]
        return render(lines)
    }

    static func header(_ productID: String) -> [String] {
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + productID, "CALSCALE:GREGORIAN"]
    }

    /// VTIMEZONE for Europe/Copenhagen with the EU summer-time rules.
    static func timeZone() -> [String] {
        ["BEGIN:VTIMEZONE", "TZID:" + timeZoneID,
         "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
         "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
         "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
         "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
         "END:VTIMEZONE"]
    }

    static func vevent(_ e: ICalendarEvent, stamp: UTCInstant) -> [String] {
        var lines = ["BEGIN:VEVENT", "UID:" + escape(e.uid), "DTSTAMP:" + stamp.iCalendarText,
                     "DTSTART;TZID=\(timeZoneID):" + localText(e.interval.start),
                     "DTEND;TZID=\(timeZoneID):" + localText(e.interval.end),
                     "SUMMARY:" + escape(e.summary)]
        if let d = e.details { lines.append("DESCRIPTION:" + escape(d)) }
        if let l = e.location { lines.append("LOCATION:" + escape(l)) }
        lines.append(e.isTransparent ? "TRANSP:TRANSPARENT" : "TRANSP:OPAQUE")
        if let w = e.weekly {
            // UNTIL must be UTC when DTSTART has a TZID: the start of the last occurrence on or before `until`.
            let first = e.interval.start.date
            let weeks = max(0, (w.until.dayNumber - first.dayNumber) / 7)
            let last = LocalDateTime(date: first.adding(days: weeks * 7), minuteOfDay: e.interval.start.minuteOfDay)
            lines.append("RRULE:FREQ=WEEKLY;UNTIL=" + CopenhagenTime.instant(of: last).iCalendarText)
            if !w.excludedDates.isEmpty {
                let list = w.excludedDates.sorted().map {
                    localText(LocalDateTime(date: $0, minuteOfDay: e.interval.start.minuteOfDay))
                }
                lines.append("EXDATE;TZID=\(timeZoneID):" + list.joined(separator: ","))
            }
        }
        lines.append("END:VEVENT")
        return lines
    }

    /// `YYYYMMDDTHHMMSS` (local form).
    static func localText(_ t: LocalDateTime) -> String {
        let c = t.date.components
        return CivilCalendar.pad(c.year, 4) + CivilCalendar.pad(c.month, 2) + CivilCalendar.pad(c.day, 2) + "T"
            + CivilCalendar.pad(t.hour, 2) + CivilCalendar.pad(t.minute, 2) + "00"
    }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds a content line so no physical line exceeds 75 octets (RFC 5545 3.1), never splitting a
    /// UTF-8 sequence; continuation lines start with one space.
    public static func fold(_ line: String) -> [String] {
        var result: [String] = []
        var current = "", octets = 0
        let limit = 75
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > limit {
                result.append(current)
                current = " "
                octets = 1
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        result.append(current)
        return result
    }

    static func render(_ lines: [String]) -> String {
        lines.flatMap(fold).map { $0 + "\r\n" }.joined()
    }
}
