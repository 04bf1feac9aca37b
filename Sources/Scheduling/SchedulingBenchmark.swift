/// Workloads for `overblik-bench`: the hot paths of scheduling, runnable without a store.
///
/// ```swift
/// let hours = try OpeningHours(parsing: SchedulingBenchmark.sampleOpeningHours)
/// let count = SchedulingBenchmark.yearOfIntervals(hours, year: 2026, calendar: .danish, iterations: 1000)
/// ```
public enum SchedulingBenchmark {
    /// A realistic room availability: evenings on weekdays, daytime at weekends, closed on public
    /// and school holidays and in July.
    public static let sampleOpeningHours = "Mo-Th 17:00-22:00; Sa,Su 08:00-20:00; PH off; SH off; Jul off"

    /// Computes the open intervals of `hours` over the whole of `year`, `iterations` times.
    /// - Returns: the total number of intervals produced (use it so the work is not optimised away).
    /// - Complexity: O(iterations × 365 × rules).
    public static func yearOfIntervals(_ hours: OpeningHours, year: Int, calendar: HolidayCalendar, iterations: Int) -> Int {
        let from = LocalDateTime(date: LocalDate(unchecked: year, 1, 1), minuteOfDay: 0)
        let to = LocalDateTime(date: LocalDate(unchecked: year + 1, 1, 1), minuteOfDay: 0)
        var total = 0
        for _ in 0..<iterations { total += hours.intervals(from: from, to: to, calendar: calendar).count }
        return total
    }

    /// Parses and compiles `text` `iterations` times.
    /// - Returns: the number of rules compiled in total.
    public static func parse(_ text: String, iterations: Int) -> Int {
        var total = 0
        for _ in 0..<iterations { total += (try? OpeningHours(parsing: text))?.rules.count ?? 0 }
        return total
    }
}
