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
