/// Resolved spans of one day: minutes after that day's midnight, sorted and merged; ends may pass 1440.
struct DayPlan: Sendable {
    var open: [TimeSpan] = []
    var unknown: [TimeSpan] = []
}

extension OpeningHours {
    /// Day facts for one day number, computed directly (single-query path).
    func facts(_ dayNumber: Int, _ calendar: HolidayCalendar) -> DayFacts {
        let c = CivilCalendar.civil(dayNumber)
        let date = LocalDate(dayNumber: dayNumber)
        return DayFacts(dayNumber: dayNumber, year: c.year, month: c.month, day: c.day,
                        weekday: CivilCalendar.weekdayIndex(dayNumber),
                        isoWeek: usesWeeks ? CivilCalendar.isoWeek(dayNumber).week : 0,
                        isPublicHoliday: usesPublicHolidays && calendar.isPublicHoliday(date),
                        isSchoolHoliday: usesSchoolHolidays && calendar.isSchoolHoliday(date),
                        daysInMonth: CivilCalendar.daysInMonth(year: c.year, month: c.month))
    }

    func plan(for facts: DayFacts) -> DayPlan {
        resolve { rules[$0].matches(facts) }
    }

    /// Applies the rules that `matches` selects, in order, with the separator semantics.
    func resolve(_ matches: (Int) -> Bool) -> DayPlan {
        var plan = DayPlan()
        var covered: [TimeSpan] = []
        // Without fallback rules, everything before the last matching rule that resets the day is moot.
        var first = 0
        if !hasFallbackRules {
            for i in stride(from: rules.count - 1, through: 0, by: -1) where matches(i) && rules[i].resetsDay {
                first = i
                break
            }
        }
        for i in first..<rules.count where matches(i) {
            let rule = rules[i]
            var spans = rule.effectiveSpans
            switch rule.separator {
            case .fallback:
                spans = SpanSet.subtract(covered, from: spans)
                if spans.isEmpty { continue }
            case .additional:
                break
            case .normal:
                if rule.resetsDay { plan = DayPlan() }
            }
            switch rule.state {
            case .open:
                plan.open = SpanSet.union(plan.open, spans)
                plan.unknown = SpanSet.subtract(spans, from: plan.unknown)
            case .unknown:
                plan.unknown = SpanSet.union(plan.unknown, spans)
                plan.open = SpanSet.subtract(spans, from: plan.open)
            case .closed:
                plan.open = SpanSet.subtract(spans, from: plan.open)
                plan.unknown = SpanSet.subtract(spans, from: plan.unknown)
            }
            covered = SpanSet.union(covered, spans)
        }
        return plan
    }

    /// The hot path: walks the days once, computing day facts incrementally, matching rules with
    /// plain bit tests where possible, and caching the resolved plan per set of matching rules.
    func openIntervals(fromMinute: Int, toMinute: Int, calendar: HolidayCalendar) -> [LocalInterval] {
        let firstDay = CivilCalendar.floorDiv(fromMinute, 1440) - 1 // the day before may spill over
        let lastDay = CivilCalendar.floorDiv(toMinute - 1, 1440)
        var (year, month, day) = CivilCalendar.civil(firstDay)
        var daysInMonth = CivilCalendar.daysInMonth(year: year, month: month)
        var weekday = CivilCalendar.weekdayIndex(firstDay)
        var isoWeek = usesWeeks ? CivilCalendar.isoWeek(firstDay).week : 0

        let holidays = usesPublicHolidays
            ? calendar.publicHolidayDayNumbers(years: year...CivilCalendar.civil(lastDay).year) : []
        var holidayIndex = 0
        let school = calendar.schoolHolidays
        var schoolIndex = usesSchoolHolidays ? school.firstRangeIndex(endingOnOrAfter: firstDay) : 0

        guard rules.count <= 64 else { return uncachedIntervals(firstDay: firstDay, lastDay: lastDay, fromMinute: fromMinute, toMinute: toMinute, calendar: calendar) }
        var cacheMasks: [UInt64] = []
        var cacheOffsets: [Int] = [0]
        var cacheSpans: [TimeSpan] = []

        var result: [LocalInterval] = []
        result.reserveCapacity(min(4096, (lastDay - firstDay + 1) * 2))
        var pendingStart = 0, pendingEnd = Int.min
        return matchers.withUnsafeBufferPointer { fast in
            rules.withUnsafeBufferPointer { full in
                for n in firstDay...lastDay {
                    if n > firstDay {
                        day += 1
                        if day > daysInMonth {
                            day = 1; month += 1
                            if month > 12 { month = 1; year += 1 }
                            daysInMonth = CivilCalendar.daysInMonth(year: year, month: month)
                        }
                        weekday = weekday == 6 ? 0 : weekday + 1
                        if usesWeeks && weekday == 0 { isoWeek = CivilCalendar.isoWeek(n).week }
                    }
                    var isPH = false
                    if usesPublicHolidays {
                        while holidayIndex < holidays.count && holidays[holidayIndex] < n { holidayIndex += 1 }
                        isPH = holidayIndex < holidays.count && holidays[holidayIndex] == n
                    }
                    var isSH = false
                    if usesSchoolHolidays {
                        while schoolIndex < school.rangeEnds.count && school.rangeEnds[schoolIndex] < n { schoolIndex += 1 }
                        isSH = schoolIndex < school.rangeEnds.count && school.rangeStarts[schoolIndex] <= n
                    }
                    let f = DayFacts(dayNumber: n, year: year, month: month, day: day, weekday: weekday, isoWeek: isoWeek,
                                     isPublicHoliday: isPH, isSchoolHoliday: isSH, daysInMonth: daysInMonth)
                    var mask: UInt64 = 0
                    for i in 0..<fast.count {
                        let matched = fast[i].isSimple ? fast[i].matches(f) : full[i].matches(f)
                        if matched { mask |= 1 << UInt64(i) }
                    }
                    var planIndex = -1
                    for c in 0..<cacheMasks.count where cacheMasks[c] == mask { planIndex = c; break }
                    if planIndex < 0 {
                        cacheSpans += resolve { mask & (1 << UInt64($0)) != 0 }.open
                        cacheMasks.append(mask)
                        cacheOffsets.append(cacheSpans.count)
                        planIndex = cacheMasks.count - 1
                    }
                    let base = n * 1440
                    for k in cacheOffsets[planIndex]..<cacheOffsets[planIndex + 1] {
                        let s = max(base + cacheSpans[k].start, fromMinute), e = min(base + cacheSpans[k].end, toMinute)
                        guard s < e else { continue }
                        if s <= pendingEnd {
                            pendingEnd = max(pendingEnd, e)
                        } else {
                            if pendingEnd > Int.min { result.append(LocalInterval(unchecked: pendingStart, pendingEnd)) }
                            pendingStart = s; pendingEnd = e
                        }
                    }
                }
                if pendingEnd > Int.min { result.append(LocalInterval(unchecked: pendingStart, pendingEnd)) }
                return result
            }
        }
    }

    /// Simple day-by-day evaluation: time domains with more than 64 rules, and counterfactual
    /// questions ("would it be open if this day were not a holiday?") through `adjust`.
    func uncachedIntervals(firstDay: Int, lastDay: Int, fromMinute: Int, toMinute: Int,
                           calendar: HolidayCalendar, adjust: (inout DayFacts) -> Void = { _ in }) -> [LocalInterval] {
        var spans: [LocalInterval] = []
        for n in firstDay...lastDay {
            var f = facts(n, calendar)
            adjust(&f)
            for span in plan(for: f).open {
                let s = max(n * 1440 + span.start, fromMinute), e = min(n * 1440 + span.end, toMinute)
                if s < e { spans.append(LocalInterval(unchecked: s, e)) }
            }
        }
        return IntervalAlgebra.normalized(spans)
    }
}

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

/// Operations on sorted, merged lists of ``TimeSpan``.
enum SpanSet {
    static func union(_ a: [TimeSpan], _ b: [TimeSpan]) -> [TimeSpan] {
        if a.isEmpty { return normalized(b) }
        if b.isEmpty { return a }
        return normalized(a + b)
    }

    static func normalized(_ spans: [TimeSpan]) -> [TimeSpan] {
        let sorted = spans.sorted { $0.start < $1.start }
        var out: [TimeSpan] = []
        for s in sorted {
            if let last = out.last, s.start <= last.end {
                out[out.count - 1].end = max(last.end, s.end)
            } else {
                out.append(s)
            }
        }
        return out
    }

    static func subtract(_ cut: [TimeSpan], from base: [TimeSpan]) -> [TimeSpan] {
        if cut.isEmpty || base.isEmpty { return base }
        var out: [TimeSpan] = []
        for b in normalized(base) {
            var pieces = [b]
            for c in cut {
                pieces = pieces.flatMap { p -> [TimeSpan] in
                    if c.end <= p.start || c.start >= p.end { return [p] }
                    var r: [TimeSpan] = []
                    if c.start > p.start { r.append(TimeSpan(start: p.start, end: c.start)) }
                    if c.end < p.end { r.append(TimeSpan(start: c.end, end: p.end)) }
                    return r
                }
            }
            out += pieces
        }
        return out
    }
}
