/// A rule's day test reduced to bit operations. Covers every selector except years and dates that
/// carry years; rules using those (`isSimple == false`) are matched by ``OHRule/matches(_:)``.
struct FastMatcher: Sendable, Hashable {
    var isSimple: Bool
    /// Weekdays matched on any occurrence in the month (bit i = weekday i, Monday = 0).
    var plainWeekdays: UInt8 = 0
    /// Bit `w * 5 + n - 1`: weekday w matches as the n-th of the month.
    var nthMask: UInt64 = 0
    /// Bit `w * 5 + n - 1`: weekday w matches as the n-th from the end of the month.
    var nthFromEndMask: UInt64 = 0
    var hasWeekdays = false
    var publicHoliday = false
    var schoolHoliday = false
    var intersect = false
    var hasMonthDays = false
    /// Bit `month * 32 + day`.
    var monthDayBits = SIMD8<UInt64>(repeating: 0)
    var hasWeeks = false
    /// Bit `week` (1-53).
    var weekBits: UInt64 = 0

    init(_ rule: OHRule) {
        isSimple = rule.years.isEmpty && rule.monthDays.allSatisfy { $0.fromYear == nil && $0.toYear == nil }
            && rule.easter.isEmpty && (rule.weekdays?.publicHolidayOffsets.isEmpty ?? true)
        if let w = rule.weekdays {
            for item in w.items {
                if item.nth == 0 && item.nthFromEnd == 0 { plainWeekdays |= item.mask; continue }
                for d in 0..<7 where item.mask & (1 << UInt8(d)) != 0 {
                    nthMask |= UInt64(item.nth) << UInt64(d * 5)
                    nthFromEndMask |= UInt64(item.nthFromEnd) << UInt64(d * 5)
                }
            }
            hasWeekdays = !w.items.isEmpty
            publicHoliday = w.publicHoliday
            schoolHoliday = w.schoolHoliday
            intersect = w.intersect
        }
        if isSimple && !rule.monthDays.isEmpty {
            hasMonthDays = true
            for m in 1...12 {
                for d in 1...31 {
                    let probe = DayFacts(dayNumber: 0, year: 2000, month: m, day: d, weekday: 0, isoWeek: 0,
                                         isPublicHoliday: false, isSchoolHoliday: false, daysInMonth: 31)
                    if rule.monthDays.contains(where: { $0.matches(probe) }) {
                        let k = m * 32 + d
                        monthDayBits[k >> 6] |= 1 << UInt64(k & 63)
                    }
                }
            }
        }
        if !rule.weeks.isEmpty {
            hasWeeks = true
            for week in 1...53 where rule.weeks.contains(where: { $0.matches(week) }) { weekBits |= 1 << UInt64(week) }
        }
    }

    @inline(__always)
    func matches(_ f: DayFacts) -> Bool {
        if hasMonthDays {
            let k = f.month &* 32 &+ f.day
            if (monthDayBits[k &>> 6] &>> UInt64(k & 63)) & 1 == 0 { return false }
        }
        if hasWeeks && (weekBits &>> UInt64(f.isoWeek)) & 1 == 0 { return false }
        var onWeekday = plainWeekdays & (1 &<< UInt8(truncatingIfNeeded: f.weekday)) != 0
        if !onWeekday && (nthMask | nthFromEndMask) != 0 {
            let shift = UInt64(f.weekday &* 5)
            onWeekday = (nthMask &>> (shift &+ UInt64(f.nthInMonth &- 1))) & 1 != 0
                || (nthFromEndMask &>> (shift &+ UInt64(f.nthFromEnd &- 1))) & 1 != 0
        }
        if !publicHoliday && !schoolHoliday { return hasWeekdays ? onWeekday : true }
        let holiday = (publicHoliday && f.isPublicHoliday) || (schoolHoliday && f.isSchoolHoliday)
        if !hasWeekdays { return holiday }
        return intersect ? (holiday && onWeekday) : (holiday || onWeekday)
    }
}
