/// The state a rule gives the times it names.
public enum OpeningState: Sendable, Hashable {
    case open, closed, unknown
}

/// Facts about one day that rule selectors test; computed once per day.
struct DayFacts: Sendable {
    var dayNumber: Int
    var year: Int
    var month: Int
    var day: Int
    /// Monday = 0.
    var weekday: Int
    /// ISO week number (1-53); 0 when not computed.
    var isoWeek: Int
    var isPublicHoliday: Bool
    var isSchoolHoliday: Bool
    var daysInMonth: Int
    /// Days after Easter Sunday of ``year`` (negative before); set when a rule uses `easter`.
    var easterOffset = 0
    /// Bit `k + 7` set when the day `k` days from this one (-7...7) is a public holiday; set when
    /// a rule uses `PH +1 day` style offsets.
    var publicHolidaysNear: UInt16 = 0

    /// Whether the day `days` from this one is a public holiday (-7...7).
    func isPublicHoliday(daysFrom days: Int) -> Bool { publicHolidaysNear & (1 << UInt16(days + 7)) != 0 }

    /// 1 for the first such weekday of the month, 2 for the second ...
    var nthInMonth: Int { (day - 1) / 7 + 1 }
    /// 1 for the last such weekday of the month, 2 for the one before ...
    var nthFromEnd: Int { (daysInMonth - day) / 7 + 1 }
}

/// `2026`, `2026-2028`, `2026-2030/2`, `2026+`.
struct YearRange: Sendable, Hashable {
    var from: Int
    var to: Int // Int.max for `+`
    var step: Int
    func matches(_ year: Int) -> Bool { year >= from && year <= to && (year - from) % step == 0 }
}

/// A month or date range, optionally with years: `Jul`, `Jan-Mar`, `Dec 24-26`, `Dec 20-Jan 05`,
/// `2026 Dec 24`. Month-only bounds use day 1 and day 31.
struct MonthDayRange: Sendable, Hashable {
    var fromYear: Int?
    var fromMonth: Int
    var fromDay: Int
    var toYear: Int?
    var toMonth: Int
    var toDay: Int

    func matches(_ f: DayFacts) -> Bool {
        let md = f.month * 32 + f.day
        let start = fromMonth * 32 + fromDay, end = toMonth * 32 + toDay
        if let fy = fromYear, let ty = toYear {
            let key = f.year * 512 + md
            return key >= fy * 512 + start && key <= ty * 512 + end
        }
        return start <= end ? (md >= start && md <= end) : (md >= start || md <= end)
    }
}

/// `week 05`, `week 01-53/2` (ISO weeks), wrapping ranges like `week 50-03` allowed.
struct WeekRange: Sendable, Hashable {
    var from: Int
    var to: Int
    var step: Int
    func matches(_ week: Int) -> Bool {
        if from <= to { return week >= from && week <= to && (week - from) % step == 0 }
        let offset = week >= from ? week - from : week + 53 - from
        return (week >= from || week <= to) && offset % step == 0
    }
}

/// `Mo-Fr`, `Su-Tu`, `Mo[1]`, `Fr[-1]`, `PH`, `SH`, combined with `,` (union) or a space after
/// holidays (intersection, `SH Mo-Fr`).
struct WeekdaySelector: Sendable, Hashable {
    struct Item: Sendable, Hashable {
        /// Bit i set = weekday i (Monday = 0).
        var mask: UInt8
        /// Bit n-1 set = n-th such weekday of the month; 0 = any.
        var nth: UInt8
        /// Bit n-1 set = n-th from the end of the month.
        var nthFromEnd: UInt8
    }
    var items: [Item] = []
    var publicHoliday = false
    /// `PH +1 day` (1: the day after a public holiday), `PH -1 day` (-1: the day before).
    var publicHolidayOffsets: [Int] = []
    var schoolHoliday = false
    /// True when holidays and weekdays must both hold (`SH Mo-Fr`).
    var intersect = false

    func matches(_ f: DayFacts) -> Bool {
        let holidays = (publicHoliday && f.isPublicHoliday) || (schoolHoliday && f.isSchoolHoliday)
            || publicHolidayOffsets.contains { f.isPublicHoliday(daysFrom: -$0) }
        if items.isEmpty { return holidays }
        var weekdays = false
        let bit = UInt8(1) << UInt8(f.weekday)
        for item in items where item.mask & bit != 0 {
            if item.nth == 0 && item.nthFromEnd == 0 { weekdays = true; break }
            if item.nth & (UInt8(1) << UInt8(f.nthInMonth - 1)) != 0
                || item.nthFromEnd & (UInt8(1) << UInt8(f.nthFromEnd - 1)) != 0 { weekdays = true; break }
        }
        if !publicHoliday && !schoolHoliday && publicHolidayOffsets.isEmpty { return weekdays }
        return intersect ? (holidays && weekdays) : (holidays || weekdays)
    }
}

/// A time span in minutes after the start of the day; `end` may exceed 1440 (past midnight).
struct TimeSpan: Sendable, Hashable {
    var start: Int
    var end: Int
}

/// How a rule combines with the rules before it.
enum RuleSeparator: Sendable, Hashable {
    /// First rule or `;`: overrides earlier rules on the days it matches.
    case normal
    /// `,`: adds to earlier rules.
    case additional
    /// `||`: applies only to the times no earlier matching rule spoke about.
    case fallback
}

/// One compiled rule.
struct OHRule: Sendable, Hashable {
    var separator: RuleSeparator = .normal
    var years: [YearRange] = []
    var monthDays: [MonthDayRange] = []
    var weeks: [WeekRange] = []
    /// `easter`, `easter +1 day`, `easter -2 days-easter +1 day`: offsets from Easter Sunday.
    var easter: [ClosedRange<Int>] = []
    var weekdays: WeekdaySelector?
    /// nil = the whole day.
    var times: [TimeSpan]?
    var state: OpeningState = .open
    var comment: String?

    func matches(_ f: DayFacts) -> Bool {
        if !years.isEmpty && !years.contains(where: { $0.matches(f.year) }) { return false }
        if !monthDays.isEmpty && !monthDays.contains(where: { $0.matches(f) }) { return false }
        if !weeks.isEmpty && !weeks.contains(where: { $0.matches(f.isoWeek) }) { return false }
        if !easter.isEmpty && !easter.contains(where: { $0.contains(f.easterOffset) }) { return false }
        if let w = weekdays, !w.matches(f) { return false }
        return true
    }

    /// Whether, as a `;` rule, it replaces what earlier rules said about a matching day
    /// (everything except `off`/`closed` with times, which only closes those times).
    var resetsDay: Bool { separator == .normal && !(state == .closed && times != nil) }

    /// The spans up to midnight, sorted and merged (filled in by ``prepared()``).
    var todaySpans: [TimeSpan] = []
    /// The after-midnight parts moved to the next day's clock, sorted and merged.
    var spillSpans: [TimeSpan] = []

    /// Whether some span ends after midnight.
    var spillsPastMidnight: Bool { !spillSpans.isEmpty }

    /// The rule with its per-day span lists precomputed.
    func prepared() -> OHRule {
        var rule = self
        rule.todaySpans = SpanSet.normalized(effectiveSpans.map { TimeSpan(start: $0.start, end: min($0.end, 1440)) })
        rule.spillSpans = SpanSet.normalized(effectiveSpans.filter { $0.end > 1440 }
            .map { TimeSpan(start: max($0.start - 1440, 0), end: $0.end - 1440) })
        return rule
    }

    /// The spans the rule speaks about (the whole day when it names no time).
    var effectiveSpans: [TimeSpan] { times ?? [TimeSpan(start: 0, end: 1440)] }
}
