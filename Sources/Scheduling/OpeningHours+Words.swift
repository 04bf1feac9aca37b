/// The languages opening hours are put into words in.
public enum HoursLanguage: String, Sendable, CaseIterable {
    case danish = "da", english = "en"
}

extension OpeningHours {
    /// The hours in words, rule by rule, from the compiled rules (so the words say exactly what the
    /// engine evaluates): `Mo-Th 17:00-22:00; PH off` is "mandag–torsdag kl. 17.00–22.00;
    /// helligdage: lukket" in Danish and "Monday–Thursday 17:00–22:00; public holidays: closed" in
    /// English.
    public func words(_ language: HoursLanguage) -> String {
        let w = HoursWords(language)
        return rules.enumerated().map { index, rule in w.rule(rule, first: index == 0) }.joined(separator: "; ")
    }
}

/// The vocabulary and phrasing of ``OpeningHours/words(_:)``.
struct HoursWords {
    let da: Bool
    init(_ language: HoursLanguage) { da = language == .danish }

    func t(_ danish: String, _ english: String) -> String { da ? danish : english }

    var dayNames: [String] {
        da ? ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
            : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    }

    var monthNames: [String] {
        da ? ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    }

    /// "a og b", "a, b og c" (English: "a and b", "a, b and c").
    func list(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + t(" og ", " and ") + parts.last!
    }

    func rule(_ r: OHRule, first: Bool) -> String {
        var selectors: [String] = []
        if !r.years.isEmpty { selectors.append(list(r.years.map(year))) }
        if !r.monthDays.isEmpty { selectors.append(list(r.monthDays.map(monthDay))) }
        if !r.weeks.isEmpty { selectors.append(list(r.weeks.map(week))) }
        if !r.easter.isEmpty { selectors.append(list(r.easter.map(easter))) }
        if let w = r.weekdays { selectors.append(weekdays(w)) }
        var phrase = selectors.joined(separator: " ")
        if let times = r.times { phrase += (phrase.isEmpty ? "" : " ") + list(times.map(span)) }
        switch r.state {
        case .closed: phrase = phrase.isEmpty ? t("lukket", "closed") : phrase + ": " + t("lukket", "closed")
        case .unknown: phrase = phrase.isEmpty ? t("ukendt", "unknown") : phrase + ": " + t("ukendt", "unknown")
        case .open where phrase.isEmpty: phrase = t("hele døgnet, alle dage", "all day, every day")
        case .open where r.times == nil: phrase += t(" hele dagen", " all day")
        case .open: break
        }
        if let comment = r.comment { phrase += " (\(comment))" }
        switch r.separator {
        case .normal: return phrase
        case .additional: return first ? phrase : t("desuden ", "also ") + phrase
        case .fallback: return t("ellers ", "otherwise ") + phrase
        }
    }

    /// `17:00-22:00` as "kl. 17.00–22.00" / "17:00–22:00"; past midnight with "(næste dag)".
    func span(_ s: TimeSpan) -> String {
        func clock(_ minutes: Int) -> String {
            let m = minutes == 1440 ? 1440 : minutes % 1440   // a span ending at midnight ends at 24.00
            return CivilCalendar.pad(m / 60, 2) + (da ? "." : ":") + CivilCalendar.pad(m % 60, 2)
        }
        let next = s.end > 1440 ? t(" (næste dag)", " (next day)") : ""
        return t("kl. ", "") + clock(s.start) + "–" + clock(s.end) + next
    }

    func weekdays(_ w: WeekdaySelector) -> String {
        var parts: [String] = []
        for item in w.items {
            let days = dayRanges(item.mask)
            let nth = (0..<5).filter { item.nth & (1 << $0) != 0 }.map { da ? "\($0 + 1)." : ordinal($0 + 1) }
                + (0..<5).filter { item.nthFromEnd & (1 << $0) != 0 }.map { fromEnd($0 + 1) }
            parts.append(nth.isEmpty ? days : "\(list(nth)) \(days) \(t("i måneden", "of the month"))")
        }
        var holidays: [String] = []
        if w.publicHoliday { holidays.append(t("helligdage", "public holidays")) }
        for offset in w.publicHolidayOffsets {
            let n = abs(offset)
            let when = n == 1 ? t("dagen", "the day") : t("\(n) dage", "\(n) days")
            holidays.append(offset > 0 ? t("\(when) efter en helligdag", "\(when) after a public holiday")
                                       : t("\(when) før en helligdag", "\(when) before a public holiday"))
        }
        if w.schoolHoliday { holidays.append(t("skoleferier", "school holidays")) }
        if w.intersect && !parts.isEmpty && !holidays.isEmpty {
            return list(parts) + t(" i ", " in ") + list(holidays)
        }
        return list(parts + holidays)
    }

    /// Runs of consecutive days: `Mo-Fr,Su` as "mandag–fredag og søndag".
    func dayRanges(_ mask: UInt8) -> String {
        var runs: [String] = [], day = 0
        while day < 7 {
            guard mask & (1 << day) != 0 else { day += 1; continue }
            var end = day
            while end + 1 < 7 && mask & (1 << (end + 1)) != 0 { end += 1 }
            runs.append(end == day ? dayNames[day] : end == day + 1 ? "\(dayNames[day])\(t(" og ", " and "))\(dayNames[end])"
                        : "\(dayNames[day])–\(dayNames[end])")
            day = end + 1
        }
        return list(runs)
    }

    func ordinal(_ n: Int) -> String { ["1st", "2nd", "3rd", "4th", "5th"][n - 1] }

    func fromEnd(_ n: Int) -> String {
        if n == 1 { return t("sidste", "last") }
        return da ? "\(n). sidste" : "\(ordinal(n)) last"
    }

    func year(_ y: YearRange) -> String {
        var text = y.to == Int.max ? t("fra \(y.from)", "from \(y.from)") : y.from == y.to ? "\(y.from)" : "\(y.from)–\(y.to)"
        if y.step > 1 { text += t(", hvert \(y.step). år", ", every \(y.step) years") }
        return text
    }

    func week(_ w: WeekRange) -> String {
        var text = t("uge ", "week ") + (w.from == w.to ? "\(w.from)" : "\(w.from)–\(w.to)")
        if w.step > 1 { text += t(", hver \(w.step). uge", ", every \(w.step) weeks") }
        return text
    }

    func easter(_ r: ClosedRange<Int>) -> String {
        func day(_ offset: Int) -> String {
            let name = t("påskedag", "Easter Sunday")
            guard offset != 0 else { return name }
            let n = abs(offset)
            let days = n == 1 ? t("1 dag", "1 day") : t("\(n) dage", "\(n) days")
            return offset > 0 ? t("\(days) efter \(name)", "\(days) after \(name)") : t("\(days) før \(name)", "\(days) before \(name)")
        }
        return r.lowerBound == r.upperBound ? day(r.lowerBound) : "\(day(r.lowerBound))–\(day(r.upperBound))"
    }

    /// `Jul` as "juli", `Jan-Mar` as "januar–marts", `Dec 24-26` as "24.–26. december",
    /// `Dec 20-Jan 05` as "20. december–5. januar", with years where the rule names them.
    func monthDay(_ m: MonthDayRange) -> String {
        let wholeMonths = m.fromDay == 1 && m.toDay == 31 && m.fromYear == nil && m.toYear == nil
        if wholeMonths {
            return m.fromMonth == m.toMonth ? monthNames[m.fromMonth - 1] : "\(monthNames[m.fromMonth - 1])–\(monthNames[m.toMonth - 1])"
        }
        func date(_ month: Int, _ day: Int, _ year: Int?) -> String {
            let y = year.map { " \($0)" } ?? ""
            return da ? "\(day). \(monthNames[month - 1])\(y)" : "\(monthNames[month - 1]) \(day)\(year.map { ", \($0)" } ?? "")"
        }
        if m.fromMonth == m.toMonth && m.fromYear == m.toYear {
            if m.fromDay == m.toDay { return date(m.fromMonth, m.fromDay, m.fromYear) }
            let y = m.fromYear.map { da ? " \($0)" : ", \($0)" } ?? ""
            return da ? "\(m.fromDay).–\(m.toDay). \(monthNames[m.fromMonth - 1])\(y)"
                : "\(monthNames[m.fromMonth - 1]) \(m.fromDay)–\(m.toDay)\(y)"
        }
        return date(m.fromMonth, m.fromDay, m.fromYear) + "–" + date(m.toMonth, m.toDay, m.toYear)
    }
}
