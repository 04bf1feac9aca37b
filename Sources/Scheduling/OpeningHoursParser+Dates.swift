/// Wide-range selectors: years, months and dates, ISO weeks.
extension OHParser {
    /// `2026`, `2026-2028`, `2026-2030/2`, `2026+`, comma lists.
    mutating func parseYears() throws(OpeningHoursError) -> [YearRange] {
        var ranges: [YearRange] = []
        while true {
            guard let from = Self.number(current), from.digits == 4, from.value >= 1900 else { throw fail("a year (four digits)") }
            advance()
            var range = YearRange(from: from.value, to: from.value, step: 1)
            if Self.isSymbol(current, "-") {
                advance()
                guard let to = Self.number(current), to.digits == 4 else { throw fail("a year (four digits)") }
                guard to.value >= from.value else { throw fail("a year not before \(from.value)") }
                range.to = to.value
                advance()
                if Self.isSymbol(current, "/") {
                    advance()
                    guard let step = Self.number(current), step.value >= 1 else { throw fail("a step of at least 1") }
                    range.step = step.value
                    advance()
                }
            } else if Self.isSymbol(current, "+") {
                range.to = Int.max
                advance()
            }
            ranges.append(range)
            // Inside a year list a comma followed by a year continues it (`2026,2028 Dec 24 off`).
            guard Self.isSymbol(current, ","), Self.isYear(peek()) else { return ranges }
            advance()
        }
    }

    /// `Jul`, `Jan-Mar`, `Dec 24`, `Dec 24-26`, `Dec 20-Jan 05`, `2026 Dec 24`, `2026 Dec 20-2027 Jan 05`.
    mutating func parseMonthDays() throws(OpeningHoursError) -> [MonthDayRange] {
        var ranges: [MonthDayRange] = []
        while true {
            let (fromYear, fromMonth, fromDay) = try parseDate(withDay: nil, sameMonth: nil)
            var range = MonthDayRange(fromYear: fromYear, fromMonth: fromMonth, fromDay: fromDay ?? 1,
                                      toYear: fromYear, toMonth: fromMonth,
                                      toDay: fromDay ?? 31)
            if Self.isSymbol(current, "+") { throw fail("'-' and an end date (open-ended dates '+' are not supported)") }
            if Self.isSymbol(current, "-") {
                advance()
                let yearToken = current
                let (toYear, toMonth, toDay) = try parseDate(withDay: fromDay != nil, sameMonth: fromMonth)
                range.toMonth = toMonth
                range.toDay = toDay ?? 31
                if let y = toYear {
                    guard let fy = fromYear else { throw fail("a date without a year (the start has none)", at: yearToken) }
                    guard y * 512 + toMonth * 32 + range.toDay >= fy * 512 + fromMonth * 32 + range.fromDay else {
                        throw fail("an end date not before the start", at: yearToken)
                    }
                    range.toYear = y
                } else if let fy = fromYear {
                    let wraps = toMonth * 32 + range.toDay < fromMonth * 32 + range.fromDay
                    range.toYear = wraps ? fy + 1 : fy
                }
            }
            ranges.append(range)
            guard Self.isSymbol(current, ","),
                  Self.month(peek()) != nil || (Self.isYear(peek()) && Self.month(peek(2)) != nil) else { return ranges }
            advance()
        }
    }

    /// `[year] month [day]`, or a bare day number when `sameMonth` is given and a day is required.
    /// - Parameter withDay: nil = free; true = a day is required; false = no day allowed.
    mutating func parseDate(withDay: Bool?, sameMonth: Int?) throws(OpeningHoursError) -> (Int?, Int, Int?) {
        if withDay == true, let m = sameMonth, let day = Self.number(current), day.digits <= 2, !Self.isSymbol(peek(), ":") {
            try checkDay(day.value, month: m)
            advance()
            return (nil, m, day.value)
        }
        var year: Int?
        if Self.isYear(current) {
            guard let y = Self.number(current)?.value, y >= 1900 else { throw fail("a year from 1900") }
            year = y
            advance()
        }
        if Self.word(current) == "easter" { throw fail("a month ('easter' is not supported)") }
        guard let month = Self.month(current) else {
            throw fail(withDay == true ? "a month or a day number" : "a month")
        }
        advance()
        var day: Int?
        if withDay != false, let d = Self.number(current), d.digits <= 2, !Self.isSymbol(peek(), ":") {
            try checkDay(d.value, month: month)
            day = d.value
            advance()
        }
        if withDay == true && day == nil { throw fail("a day number") }
        return (year, month, day)
    }

    static let monthDisplayNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    func checkDay(_ day: Int, month: Int) throws(OpeningHoursError) {
        guard day >= 1, day <= CivilCalendar.daysInMonth(year: 2000, month: month) else {
            throw fail("a day 1-\(CivilCalendar.daysInMonth(year: 2000, month: month)) of \(Self.monthDisplayNames[month - 1])")
        }
    }

    /// `week 05`, `week 01-53/2`, `week 01-10,20-30`.
    mutating func parseWeeks() throws(OpeningHoursError) -> [WeekRange] {
        advance() // week
        var ranges: [WeekRange] = []
        while true {
            guard let from = Self.number(current), (1...53).contains(from.value) else { throw fail("a week number 01-53") }
            advance()
            var range = WeekRange(from: from.value, to: from.value, step: 1)
            if Self.isSymbol(current, "-") {
                advance()
                guard let to = Self.number(current), (1...53).contains(to.value) else { throw fail("a week number 01-53") }
                range.to = to.value
                advance()
                if Self.isSymbol(current, "/") {
                    advance()
                    guard let step = Self.number(current), step.value >= 1 else { throw fail("a step of at least 1") }
                    range.step = step.value
                    advance()
                }
            }
            ranges.append(range)
            guard Self.isSymbol(current, ","), Self.number(peek()) != nil, !Self.isSymbol(peek(2), ":") else { return ranges }
            advance()
        }
    }
}
