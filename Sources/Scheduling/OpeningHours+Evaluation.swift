/// Resolved spans of one calendar day: minutes after that day's midnight, sorted, merged, within 0..<1440.
struct DayPlan: Sendable {
    var open: [TimeSpan] = []
    var unknown: [TimeSpan] = []
}

extension OpeningHours {
    /// Day facts for one day number, computed directly (single-query path).
    func facts(_ dayNumber: Int, _ calendar: HolidayCalendar) -> DayFacts {
        let c = CivilCalendar.civil(dayNumber)
        let date = LocalDate(dayNumber: dayNumber)
        var f = DayFacts(dayNumber: dayNumber, year: c.year, month: c.month, day: c.day,
                         weekday: CivilCalendar.weekdayIndex(dayNumber),
                         isoWeek: usesWeeks ? CivilCalendar.isoWeek(dayNumber).week : 0,
                         isPublicHoliday: usesPublicHolidays && calendar.isPublicHoliday(date),
                         isSchoolHoliday: usesSchoolHolidays && calendar.isSchoolHoliday(date),
                         daysInMonth: CivilCalendar.daysInMonth(year: c.year, month: c.month))
        addMovableFacts(&f) { calendar.isPublicHoliday(LocalDate(dayNumber: $0)) }
        return f
    }

    /// Fills in the facts only `easter` and `PH +1 day` rules need (offset from Easter Sunday,
    /// public holidays in the week around the day).
    @inline(__always)
    func addMovableFacts(_ f: inout DayFacts, isPublicHoliday: (Int) -> Bool) {
        if usesEaster { f.easterOffset = f.dayNumber - DanishHolidays.easterSunday(year: f.year).dayNumber }
        if usesHolidayOffsets {
            for k in -7...7 where isPublicHoliday(f.dayNumber + k) { f.publicHolidaysNear |= 1 << UInt16(k + 7) }
        }
    }

    /// The plan of the day described by `today`, whose previous day is `yesterday`.
    func plan(today: DayFacts, yesterday: DayFacts) -> DayPlan {
        resolve(today: { rules[$0].matches(today) }, yesterday: { rules[$0].matches(yesterday) })
    }

    /// Applies the rules in order, with the separator semantics, to one calendar day.
    ///
    /// A rule contributes its spans (up to midnight) when it matches the day, and the parts of its
    /// spans after midnight when it matched the day before. As in opening_hours.js, the after-midnight
    /// part counts as the *next* day's hours: a later `;` rule that matches that day replaces it
    /// (`Fr 18:00-02:00; Sa 10:00-14:00` is closed on Saturday 00:00-02:00; write `,` to keep it).
    /// A rule that reaches the day only through its after-midnight part adds to it without replacing.
    func resolve(today matchesToday: (Int) -> Bool, yesterday matchesYesterday: (Int) -> Bool) -> DayPlan {
        var plan = DayPlan()
        var covered: [TimeSpan] = []
        // Without fallback rules, everything before the last rule that resets this day is moot.
        var first = 0
        if !hasFallbackRules {
            for i in stride(from: rules.count - 1, through: 0, by: -1) where rules[i].resetsDay && matchesToday(i) {
                first = i
                break
            }
        }
        for i in first..<rules.count {
            let today = matchesToday(i)
            let yesterday = rules[i].spillsPastMidnight && matchesYesterday(i)
            guard today || yesterday else { continue }
            let rule = rules[i]
            var spans = today ? rule.todaySpans : rule.spillSpans
            if today && yesterday { spans = SpanSet.union(spans, rule.spillSpans) }
            switch rule.separator {
            case .fallback:
                spans = SpanSet.subtract(covered, from: spans)
                if spans.isEmpty { continue }
            case .additional:
                break
            case .normal:
                if today && rule.resetsDay { plan = DayPlan() }
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
            if hasFallbackRules { covered = SpanSet.union(covered, spans) }
        }
        return plan
    }

    /// The hot path: walks the days once, computing day facts incrementally, matching rules with
    /// plain bit tests where possible, and caching the resolved plan per set of matching rules.
    func openIntervals(fromMinute: Int, toMinute: Int, calendar: HolidayCalendar) -> [LocalInterval] {
        // One day early: its rule matches are needed for the after-midnight parts of the first day.
        let firstDay = CivilCalendar.floorDiv(fromMinute, 1440) - 1
        let lastDay = CivilCalendar.floorDiv(toMinute - 1, 1440)
        var (year, month, day) = CivilCalendar.civil(firstDay)
        var daysInMonth = CivilCalendar.daysInMonth(year: year, month: month)
        var weekday = CivilCalendar.weekdayIndex(firstDay)
        var isoWeek = usesWeeks ? CivilCalendar.isoWeek(firstDay).week : 0

        let holidays = usesPublicHolidays
            ? calendar.publicHolidayDayNumbers(years: (year - 1)...(CivilCalendar.civil(lastDay).year + 1)) : []
        let holidaySet = usesHolidayOffsets ? Set(holidays) : []
        var holidayIndex = 0
        let school = calendar.schoolHolidays
        var schoolIndex = usesSchoolHolidays ? school.firstRangeIndex(endingOnOrAfter: firstDay) : 0

        guard rules.count <= 64 else { return uncachedIntervals(firstDay: firstDay, lastDay: lastDay, fromMinute: fromMinute, toMinute: toMinute, calendar: calendar) }
        var cacheMasks: [UInt64] = []
        var cachePrevious: [UInt64] = []
        var previousMask: UInt64 = 0
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
                    var f = DayFacts(dayNumber: n, year: year, month: month, day: day, weekday: weekday, isoWeek: isoWeek,
                                     isPublicHoliday: isPH, isSchoolHoliday: isSH, daysInMonth: daysInMonth)
                    if usesEaster || usesHolidayOffsets { addMovableFacts(&f) { holidaySet.contains($0) } }
                    var mask: UInt64 = 0
                    for i in 0..<fast.count {
                        let matched = fast[i].isSimple ? fast[i].matches(f) : full[i].matches(f)
                        if matched { mask |= 1 << UInt64(i) }
                    }
                    let yesterdayMask = previousMask & spillMask
                    previousMask = mask
                    if n == firstDay { continue }
                    var planIndex = -1
                    for c in 0..<cacheMasks.count where cacheMasks[c] == mask && cachePrevious[c] == yesterdayMask {
                        planIndex = c
                        break
                    }
                    if planIndex < 0 {
                        cacheSpans += resolve(today: { mask & (1 << UInt64($0)) != 0 },
                                              yesterday: { yesterdayMask & (1 << UInt64($0)) != 0 }).open
                        cacheMasks.append(mask)
                        cachePrevious.append(yesterdayMask)
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
        var previous = facts(firstDay - 1, calendar)
        adjust(&previous)
        for n in firstDay...lastDay {
            var f = facts(n, calendar)
            adjust(&f)
            defer { previous = f }
            for span in plan(today: f, yesterday: previous).open {
                let s = max(n * 1440 + span.start, fromMinute), e = min(n * 1440 + span.end, toMinute)
                if s < e { spans.append(LocalInterval(unchecked: s, e)) }
            }
        }
        return IntervalAlgebra.normalized(spans)
    }
}
