/// The calendar that `PH` and `SH` in opening hours refer to: Danish public holidays
/// (optionally with the customary closing days) and one municipality's school holidays.
///
/// ```swift
/// let schoolHolidays = try SchoolHolidayCalendar(csv: fileText)
/// let calendar = HolidayCalendar(schoolHolidays: schoolHolidays)
/// calendar.isPublicHoliday(try LocalDate(parsing: "2026-04-03")) // true (Langfredag)
/// ```
public struct HolidayCalendar: Sendable {
    /// Whether Grundlovsdag, Juleaften and Nytårsaften count as `PH`.
    public var customaryClosingDaysArePublicHolidays: Bool
    /// School holidays (`SH`).
    public var schoolHolidays: SchoolHolidayCalendar

    /// Creates a calendar.
    /// - Parameters:
    ///   - customaryClosingDaysArePublicHolidays: count Grundlovsdag, Juleaften and Nytårsaften as `PH`.
    ///   - schoolHolidays: the municipality's school holidays; empty by default (then `SH` never matches).
    public init(customaryClosingDaysArePublicHolidays: Bool = false,
                schoolHolidays: SchoolHolidayCalendar = SchoolHolidayCalendar(periods: [])) {
        self.customaryClosingDaysArePublicHolidays = customaryClosingDaysArePublicHolidays
        self.schoolHolidays = schoolHolidays
    }

    /// Statutory Danish holidays only, no school holidays.
    public static let danish = HolidayCalendar()

    /// The `PH` days of a year, with names.
    public func publicHolidays(year: Int) -> [Holiday] {
        DanishHolidays.holidays(year: year, includingCustomaryClosingDays: customaryClosingDaysArePublicHolidays)
    }

    /// Whether `date` is a `PH` day under this calendar.
    public func isPublicHoliday(_ date: LocalDate) -> Bool {
        publicHolidays(year: date.year).contains { $0.date == date }
    }

    /// Whether `date` lies in a school holiday.
    public func isSchoolHoliday(_ date: LocalDate) -> Bool { schoolHolidays.contains(date) }

    /// Sorted day numbers of the `PH` days in the years `firstYear...lastYear` (evaluation fast path).
    func publicHolidayDayNumbers(years: ClosedRange<Int>) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(years.count * 14)
        for y in years {
            DanishHolidays.appendDayNumbers(year: y, includingCustomaryClosingDays: customaryClosingDaysArePublicHolidays,
                                            to: &result)
        }
        return result.sorted()
    }
}
