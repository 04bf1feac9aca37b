/// One named holiday on one date.
public struct Holiday: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The date.
    public let date: LocalDate
    /// The Danish name, e.g. `Langfredag`.
    public let name: String
    /// Whether this is a customary closing day (Grundlovsdag, Juleaften, Nytårsaften)
    /// rather than a statutory public holiday.
    public let isCustomary: Bool

    public static func < (a: Holiday, b: Holiday) -> Bool { a.date < b.date }
    public var description: String { "\(date) \(name)" }
}

/// Danish public holidays (helligdage), computed for any year.
///
/// Statutory: Nytårsdag, Skærtorsdag, Langfredag, Påskedag, 2. påskedag, Store bededag (only
/// before 2024; abolished from 2024), Kristi himmelfartsdag, Pinsedag, 2. pinsedag, Juledag,
/// 2. juledag. Easter Sunday comes from the Gregorian computus (the anonymous algorithm
/// published by Meeus). Customary closing days (Grundlovsdag 5 June, Juleaften 24 December,
/// Nytårsaften 31 December) are listed only when asked for.
///
/// ```swift
/// DanishHolidays.easterSunday(year: 2026) // 2026-04-05
/// DanishHolidays.holidays(year: 2023).map(\.name) // [..., "Store bededag", ...]
/// ```
public enum DanishHolidays {
    /// Easter Sunday of a Gregorian year.
    public static func easterSunday(year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(unchecked: year, month, day)
    }

    /// The holidays of `year`, sorted by date.
    /// - Parameters:
    ///   - year: Gregorian year.
    ///   - includingCustomaryClosingDays: also list Grundlovsdag, Juleaften and Nytårsaften.
    public static func holidays(year: Int, includingCustomaryClosingDays: Bool = false) -> [Holiday] {
        let easter = easterSunday(year: year)
        func fixed(_ m: Int, _ d: Int, _ name: String, customary: Bool = false) -> Holiday {
            Holiday(date: LocalDate(unchecked: year, m, d), name: name, isCustomary: customary)
        }
        func moving(_ offset: Int, _ name: String) -> Holiday {
            Holiday(date: easter.adding(days: offset), name: name, isCustomary: false)
        }
        var list = [
            fixed(1, 1, "Nytårsdag"),
            moving(-3, "Skærtorsdag"), moving(-2, "Langfredag"),
            moving(0, "Påskedag"), moving(1, "2. påskedag"),
            moving(39, "Kristi himmelfartsdag"),
            moving(49, "Pinsedag"), moving(50, "2. pinsedag"),
            fixed(12, 25, "Juledag"), fixed(12, 26, "2. juledag"),
        ]
        if year < 2024 { list.append(moving(26, "Store bededag")) }
        if includingCustomaryClosingDays {
            list += [fixed(6, 5, "Grundlovsdag", customary: true), fixed(12, 24, "Juleaften", customary: true),
                     fixed(12, 31, "Nytårsaften", customary: true)]
        }
        return list.sorted()
    }

    /// Appends the day numbers of the holidays of `year` (unsorted) without building names: the
    /// evaluation fast path. Must list the same days as ``holidays(year:includingCustomaryClosingDays:)``.
    static func appendDayNumbers(year: Int, includingCustomaryClosingDays: Bool, to result: inout [Int]) {
        let easter = easterSunday(year: year).dayNumber
        for offset in [-3, -2, 0, 1, 39, 49, 50] { result.append(easter + offset) }
        if year < 2024 { result.append(easter + 26) }
        for (m, d) in [(1, 1), (12, 25), (12, 26)] { result.append(CivilCalendar.dayNumber(year: year, month: m, day: d)) }
        if includingCustomaryClosingDays {
            for (m, d) in [(6, 5), (12, 24), (12, 31)] { result.append(CivilCalendar.dayNumber(year: year, month: m, day: d)) }
        }
    }

    /// The holiday on `date`, if any.
    public static func holiday(on date: LocalDate, includingCustomaryClosingDays: Bool = false) -> Holiday? {
        holidays(year: date.year, includingCustomaryClosingDays: includingCustomaryClosingDays).first { $0.date == date }
    }
}
