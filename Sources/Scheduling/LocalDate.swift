/// A calendar date (proleptic Gregorian) without a time of day or a time zone.
///
/// Stored as the number of days since 1970-01-01, so comparison, hashing and
/// day arithmetic are single integer operations; the civil fields are derived.
///
/// ```swift
/// let date = try LocalDate(parsing: "2026-04-05")
/// date.weekday        // .sunday
/// date.adding(days: 1) // 2026-04-06
/// ```
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let dayNumber: Int

    /// Creates a date from its day number (days since 1970-01-01).
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// Creates a date from civil fields.
    /// - Throws: `LocalTimeError.invalidDate` when the month or day is out of range.
    public init(year: Int, month: Int, day: Int) throws(LocalTimeError) {
        guard (1...12).contains(month), day >= 1,
              day <= CivilCalendar.daysInMonth(year: year, month: month) else {
            throw .invalidDate(year: year, month: month, day: day)
        }
        dayNumber = CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    /// Creates a date from fields already known to be valid (internal fast path).
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        dayNumber = CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`.
    /// - Throws: `LocalTimeError.malformed` or `.invalidDate`.
    public init(parsing text: String) throws(LocalTimeError) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-",
              let y = CivilCalendar.digits(scalars, 0, 4),
              let m = CivilCalendar.digits(scalars, 5, 2),
              let d = CivilCalendar.digits(scalars, 8, 2) else {
            throw .malformed(text, expected: "a date YYYY-MM-DD")
        }
        try self.init(year: y, month: m, day: d)
    }

    /// Civil fields (year, month 1-12, day 1-31).
    public var components: (year: Int, month: Int, day: Int) { CivilCalendar.civil(dayNumber) }
    /// The year.
    public var year: Int { components.year }
    /// The month, 1-12.
    public var month: Int { components.month }
    /// The day of the month, 1-31.
    public var day: Int { components.day }

    /// The day of the week.
    public var weekday: Weekday { Weekday(isoIndex: CivilCalendar.weekdayIndex(dayNumber)) }

    /// The ISO 8601 week-numbering year and week (1-53); weeks start on Monday and week 1
    /// contains the year's first Thursday.
    public var isoWeek: (year: Int, week: Int) { CivilCalendar.isoWeek(dayNumber) }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Midnight at the start of this date.
    public var startOfDay: LocalDateTime { LocalDateTime(localMinutes: dayNumber * 1440) }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return CivilCalendar.pad(c.year, 4) + "-" + CivilCalendar.pad(c.month, 2) + "-" + CivilCalendar.pad(c.day, 2)
    }
}

/// Pure proleptic-Gregorian arithmetic on day numbers (days since 1970-01-01).
///
/// The conversions use the standard era/day-of-era decomposition (400-year eras of
/// 146 097 days, years counted from March so that the leap day is last).
enum CivilCalendar {
    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }

    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(_ n: Int) -> (year: Int, month: Int, day: Int) {
        let z = n + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday).
    static func weekdayIndex(_ n: Int) -> Int { floorMod(n + 3, 7) }

    static func isoWeek(_ n: Int) -> (year: Int, week: Int) {
        let thursday = n - weekdayIndex(n) + 3
        let isoYear = civil(thursday).year
        let week = (thursday - dayNumber(year: isoYear, month: 1, day: 1)) / 7 + 1
        return (isoYear, week)
    }

    /// Day number of the last Sunday of a month.
    static func lastSunday(year: Int, month: Int) -> Int {
        let last = dayNumber(year: year, month: month, day: daysInMonth(year: year, month: month))
        return last - (weekdayIndex(last) + 1) % 7
    }

    static func digits(_ s: [Unicode.Scalar], _ from: Int, _ count: Int) -> Int? {
        guard from + count <= s.count else { return nil }
        var value = 0
        for i in from..<(from + count) {
            let v = Int(s[i].value)
            guard v >= 48, v <= 57 else { return nil }
            value = value * 10 + (v - 48)
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(abs(value))
        let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        return value < 0 ? "-" + padded : padded
    }
}
