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
        for (i, rule) in rules.enumerated() where matches(i) {
            var spans = rule.effectiveSpans
            switch rule.separator {
            case .fallback:
                spans = SpanSet.subtract(covered, from: spans)
                if spans.isEmpty { continue }
            case .additional:
                break
            case .normal:
                if !(rule.state == .closed && rule.times != nil) { plan = DayPlan() }
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

    /// The hot path: walks the days once, computing day facts incrementally and caching the
    /// resolved plan per set of matching rules.
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

        let cacheable = rules.count <= 64
        var cacheMasks: [UInt64] = []
        var cachePlans: [[TimeSpan]] = []

        var result: [LocalInterval] = []
        var pendingStart = 0, pendingEnd = Int.min
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
            let spans: [TimeSpan]
            if cacheable {
                var mask: UInt64 = 0
                for (i, rule) in rules.enumerated() where rule.matches(f) { mask |= 1 << UInt64(i) }
                if let hit = cacheMasks.firstIndex(of: mask) {
                    spans = cachePlans[hit]
                } else {
                    spans = resolve { mask & (1 << UInt64($0)) != 0 }.open
                    if cacheMasks.count < 256 { cacheMasks.append(mask); cachePlans.append(spans) }
                }
            } else {
                spans = plan(for: f).open
            }
            let base = n * 1440
            for span in spans {
                let s = max(base + span.start, fromMinute), e = min(base + span.end, toMinute)
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
