/// A wall-clock date and time in Europe/Copenhagen, to the minute.
///
/// Stored as minutes since 1970-01-01T00:00 *local* time, so values compare, hash and
/// subtract as integers. Differences between two `LocalDateTime`s are wall-clock
/// minutes; use ``CopenhagenTime`` (or ``LocalInterval/realMinutes``) for elapsed time
/// across daylight-saving transitions.
///
/// ```swift
/// let t = try LocalDateTime(parsing: "2026-12-01T19:00")
/// t.hour // 19
/// ```
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Wall-clock minutes since 1970-01-01T00:00.
    public let localMinutes: Int

    /// Creates a value from wall-clock minutes since 1970-01-01T00:00.
    public init(localMinutes: Int) { self.localMinutes = localMinutes }

    /// Creates a value from civil fields. `hour` may be 24 only with `minute` 0 and then means
    /// midnight at the end of the day (the next day's 00:00).
    /// - Throws: `LocalTimeError.invalidDate` or `.invalidTime`.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) throws(LocalTimeError) {
        let date = try LocalDate(year: year, month: month, day: day)
        guard (0...23).contains(hour) && (0...59).contains(minute) || (hour == 24 && minute == 0) else {
            throw .invalidTime(hour: hour, minute: minute)
        }
        localMinutes = date.dayNumber * 1440 + hour * 60 + minute
    }

    /// Creates a value at `minuteOfDay` minutes after the start of `date` (may exceed 1440).
    public init(date: LocalDate, minuteOfDay: Int) { localMinutes = date.dayNumber * 1440 + minuteOfDay }

    /// Parses ISO 8601 local time `YYYY-MM-DDTHH:MM` (also with a space instead of `T`,
    /// optional `:SS` seconds which must be `00`, or a bare date meaning midnight).
    /// - Throws: `LocalTimeError` naming what was expected.
    public init(parsing text: String) throws(LocalTimeError) {
        let s = Array(text.unicodeScalars)
        if s.count == 10 {
            self = try LocalDate(parsing: text).startOfDay
            return
        }
        guard s.count == 16 || (s.count == 19 && s[16] == ":" && s[17] == "0" && s[18] == "0"),
              s[10] == "T" || s[10] == " " || s[10] == "t", s[13] == ":",
              let h = CivilCalendar.digits(s, 11, 2), let m = CivilCalendar.digits(s, 14, 2) else {
            throw .malformed(text, expected: "a local time YYYY-MM-DDTHH:MM")
        }
        let date = try LocalDate(parsing: String(String.UnicodeScalarView(s[0..<10])))
        let c = date.components
        try self.init(year: c.year, month: c.month, day: c.day, hour: h, minute: m)
    }

    /// The calendar date (a value at 24:00 belongs to the next date).
    public var date: LocalDate { LocalDate(dayNumber: CivilCalendar.floorDiv(localMinutes, 1440)) }
    /// Minutes since the start of ``date`` (0-1439).
    public var minuteOfDay: Int { CivilCalendar.floorMod(localMinutes, 1440) }
    /// The year.
    public var year: Int { date.year }
    /// The month, 1-12.
    public var month: Int { date.month }
    /// The day of the month.
    public var day: Int { date.day }
    /// The hour, 0-23.
    public var hour: Int { minuteOfDay / 60 }
    /// The minute, 0-59.
    public var minute: Int { minuteOfDay % 60 }
    /// The day of the week.
    public var weekday: Weekday { date.weekday }

    /// The value `minutes` wall-clock minutes later.
    public func adding(minutes: Int) -> LocalDateTime { LocalDateTime(localMinutes: localMinutes + minutes) }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.localMinutes < b.localMinutes }

    /// `YYYY-MM-DDTHH:MM`.
    public var description: String {
        date.description + "T" + CivilCalendar.pad(hour, 2) + ":" + CivilCalendar.pad(minute, 2)
    }
}
