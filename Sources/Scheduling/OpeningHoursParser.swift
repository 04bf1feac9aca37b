/// Recursive-descent parser for the supported opening_hours subset. Produces compiled rules.
///
/// Grammar (subset of the OSM specification):
/// ```
/// time_domain := rule { (";" | "," | "||") rule }
/// rule        := "24/7" [modifier] | [years] [monthdays] [weeks] [":"] [weekdays] [times] [modifier]
/// modifier    := ("open" | "closed" | "off" | "unknown") [comment] | comment
/// ```
struct OHParser {
    let tokens: [OHToken]
    var index = 0

    init(tokens: [OHToken]) { self.tokens = tokens }

    var current: OHToken { tokens[index] }
    func peek(_ ahead: Int = 1) -> OHToken { tokens[min(index + ahead, tokens.count - 1)] }
    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func fail(_ expected: String, at token: OHToken? = nil) -> OpeningHoursError {
        let t = token ?? current
        return OpeningHoursError(offset: t.offset, expected: expected, found: t.text)
    }

    // MARK: token classes

    static func word(_ t: OHToken) -> String? {
        if case let .word(w) = t.kind { return w }
        return nil
    }
    static func isSymbol(_ t: OHToken, _ c: Character) -> Bool { t.kind == .symbol(c) }
    static func number(_ t: OHToken) -> (value: Int, digits: Int)? {
        if case let .number(v, d) = t.kind { return (v, d) }
        return nil
    }
    static let weekdayNames = ["mo", "tu", "we", "th", "fr", "sa", "su"]
    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static func weekday(_ t: OHToken) -> Int? { word(t).flatMap { weekdayNames.firstIndex(of: $0) } }
    static func month(_ t: OHToken) -> Int? { word(t).flatMap { monthNames.firstIndex(of: $0) }.map { $0 + 1 } }
    static func isHoliday(_ t: OHToken) -> Bool { word(t) == "ph" || word(t) == "sh" }
    static func isYear(_ t: OHToken) -> Bool { number(t)?.digits == 4 }
    func isTimeStart(_ offset: Int = 0) -> Bool {
        Self.number(peek(offset)) != nil && Self.isSymbol(peek(offset + 1), ":")
    }

    // MARK: time domain

    mutating func parseTimeDomain() throws(OpeningHoursError) -> [OHRule] {
        var rules: [OHRule] = []
        var separator = RuleSeparator.normal
        while true {
            var rule = try parseRule()
            rule.separator = separator
            rules.append(rule)
            switch current.kind {
            case .end: return rules
            case .symbol(";"): separator = .normal
            case .symbol(","): separator = .additional
            case .fallback: separator = .fallback
            default: throw fail("';', ',', '||' or end of input")
            }
            advance()
        }
    }

    mutating func parseRule() throws(OpeningHoursError) -> OHRule {
        var rule = OHRule()
        var expected = "a year, month, week, weekday, 'PH', 'SH', time, '24/7', 'off' or a comment"
        var sawSelector = false
        if Self.number(current)?.value == 24, Self.isSymbol(peek(), "/"), Self.number(peek(2))?.value == 7 {
            advance(); advance(); advance()
            rule.times = [TimeSpan(start: 0, end: 1440)]
            sawSelector = true
            expected = "'open', 'off', 'unknown', a comment, ';', ',', '||' or end of input"
        } else {
            if Self.isYear(current) && Self.month(peek()) == nil {
                rule.years = try parseYears()
                sawSelector = true
            }
            if Self.month(current) != nil || (Self.isYear(current) && Self.month(peek()) != nil) {
                rule.monthDays = try parseMonthDays()
                sawSelector = true
            }
            if Self.word(current) == "easter" {
                rule.easter = try parseEaster()
                sawSelector = true
            }
            if Self.word(current) == "week" {
                rule.weeks = try parseWeeks()
                sawSelector = true
            }
            if sawSelector {
                if Self.isSymbol(current, ":") { advance() }
                expected = "a weekday, 'PH', 'SH', time or 'off'"
            }
            if Self.weekday(current) != nil || Self.isHoliday(current) {
                rule.weekdays = try parseWeekdays()
                sawSelector = true
                expected = "a weekday, time or 'off'"
            }
            if isTimeStart() {
                rule.times = try parseTimes()
                sawSelector = true
                expected = "a time, 'off', ';', ',', '||' or end of input"
            }
        }
        if let w = Self.word(current), ["open", "closed", "off", "unknown"].contains(w) {
            rule.state = w == "open" ? .open : w == "unknown" ? .unknown : .closed
            advance()
            if case let .comment(text) = current.kind { rule.comment = text; advance() }
        } else if case let .comment(text) = current.kind {
            rule.comment = text
            rule.state = rule.times == nil ? .unknown : .open
            advance()
        } else if !sawSelector {
            throw fail(expected)
        }
        switch current.kind {
        case .end, .fallback, .symbol(";"), .symbol(","): return rule
        default:
            if Self.word(current).map({ ["open", "closed", "off", "unknown"].contains($0) }) == true
                || { if case .comment = current.kind { return true } else { return false } }() {
                throw fail("';', ',', '||' or end of input")
            }
            if Self.isSymbol(current, "+") { throw fail("'-' and an end time (open end '+' is not supported)") }
            throw fail(expected)
        }
    }

    // MARK: weekdays and holidays

    mutating func parseWeekdays() throws(OpeningHoursError) -> WeekdaySelector {
        var selector = WeekdaySelector()
        try parseWeekdaySequence(into: &selector)
        // `PH Mo-Fr`: holidays then weekdays separated by a space mean both must hold.
        if selector.items.isEmpty, Self.weekday(current) != nil {
            selector.intersect = true
            try parseWeekdaySequence(into: &selector)
        }
        return selector
    }

    mutating func parseWeekdaySequence(into selector: inout WeekdaySelector) throws(OpeningHoursError) {
        while true {
            if let w = Self.word(current), w == "ph" || w == "sh" {
                advance()
                if w == "ph", Self.isSymbol(current, "+") || Self.isSymbol(current, "-"), Self.number(peek()) != nil {
                    selector.publicHolidayOffsets.append(try parseDayOffset())
                } else if w == "ph" {
                    selector.publicHoliday = true
                } else {
                    if Self.isSymbol(current, "+") || Self.isSymbol(current, "-") { throw fail("',' or a time (offsets apply to PH only)") }
                    selector.schoolHoliday = true
                }
            } else if let first = Self.weekday(current) {
                advance()
                var item = WeekdaySelector.Item(mask: UInt8(1) << UInt8(first), nth: 0, nthFromEnd: 0)
                if Self.isSymbol(current, "-") {
                    advance()
                    guard let last = Self.weekday(current) else { throw fail("a weekday") }
                    advance()
                    var d = first
                    while d != last { d = (d + 1) % 7; item.mask |= UInt8(1) << UInt8(d) }
                } else if Self.isSymbol(current, "[") {
                    try parseNth(into: &item)
                }
                selector.items.append(item)
            } else {
                throw fail("a weekday, 'PH' or 'SH'")
            }
            guard Self.isSymbol(current, ","), Self.weekday(peek()) != nil || Self.isHoliday(peek()) else { return }
            advance()
        }
    }

    /// `+1 day`, `-2 days` (opening_hours.js day offsets of PH and easter): the signed number of days.
    mutating func parseDayOffset() throws(OpeningHoursError) -> Int {
        let negative = Self.isSymbol(current, "-")
        advance()
        guard let n = Self.number(current), (0...7).contains(n.value) else { throw fail("a number of days 0-7") }
        advance()
        guard let unit = Self.word(current), unit == "day" || unit == "days" else { throw fail("'day' or 'days'") }
        advance()
        return negative ? -n.value : n.value
    }

    /// `easter`, `easter +1 day`, `easter -2 days-easter +1 day`: day ranges around Easter Sunday.
    mutating func parseEaster() throws(OpeningHoursError) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        while true {
            func one(_ p: inout OHParser) throws(OpeningHoursError) -> Int {
                guard Self.word(p.current) == "easter" else { throw p.fail("'easter'") }
                p.advance()
                if Self.isSymbol(p.current, "+") || (Self.isSymbol(p.current, "-") && Self.number(p.peek()) != nil && Self.word(p.peek(2)).map({ $0 == "day" || $0 == "days" }) == true) {
                    return try p.parseDayOffset()
                }
                return 0
            }
            let from = try one(&self)
            var to = from
            if Self.isSymbol(current, "-"), Self.word(peek()) == "easter" {
                advance()
                to = try one(&self)
                guard to >= from else { throw fail("an end not before the start") }
            }
            ranges.append(from...to)
            guard Self.isSymbol(current, ","), Self.word(peek()) == "easter" else { return ranges }
            advance()
        }
    }

    /// `[1]`, `[-1]`, `[1-2]`, `[1,3]`.
    mutating func parseNth(into item: inout WeekdaySelector.Item) throws(OpeningHoursError) {
        advance() // [
        while true {
            let negative = Self.isSymbol(current, "-")
            if negative { advance() }
            guard let a = Self.number(current)?.value, (1...5).contains(a) else { throw fail("a week of the month 1-5") }
            advance()
            var b = a
            if !negative, Self.isSymbol(current, "-") {
                advance()
                guard let v = Self.number(current)?.value, (a...5).contains(v) else { throw fail("a week of the month \(a)-5") }
                b = v
                advance()
            }
            for n in a...b {
                if negative { item.nthFromEnd |= UInt8(1) << UInt8(n - 1) } else { item.nth |= UInt8(1) << UInt8(n - 1) }
            }
            if Self.isSymbol(current, ",") { advance(); continue }
            guard Self.isSymbol(current, "]") else { throw fail("',' or ']'") }
            advance()
            return
        }
    }

    // MARK: times

    mutating func parseTimes() throws(OpeningHoursError) -> [TimeSpan] {
        var spans: [TimeSpan] = []
        while true {
            let startToken = current
            let start = try parseTime(maxHour: 24)
            guard start < 1440 else { throw fail("a start time before 24:00", at: startToken) }
            if Self.isSymbol(current, "+") { throw fail("'-' and an end time (open end '+' is not supported)") }
            guard Self.isSymbol(current, "-") else { throw fail("'-' and an end time (single points in time are not supported)") }
            advance()
            let endToken = current
            var end = try parseTime(maxHour: 48)
            if end <= start {
                guard end < start, end <= 1440 else { throw fail("an end time after the start \(Self.clock(start))", at: endToken) }
                end += 1440
            }
            if Self.isSymbol(current, "/") { throw fail("',' or a rule separator (repeating times '/' are not supported)") }
            if Self.isSymbol(current, "+") { throw fail("',' or a rule separator (open end '+' is not supported)") }
            spans.append(TimeSpan(start: start, end: end))
            guard Self.isSymbol(current, ","), isTimeStart(1) else { return spans }
            advance()
        }
    }

    /// `HH:MM` as minutes; hours up to `maxHour` (and then only `:00`).
    mutating func parseTime(maxHour: Int) throws(OpeningHoursError) -> Int {
        if let w = Self.word(current), ["sunrise", "sunset", "dawn", "dusk"].contains(w) {
            throw fail("a time HH:MM (sunrise, sunset, dawn and dusk are not supported)")
        }
        guard let h = Self.number(current), h.digits <= 2 else { throw fail("a time HH:MM") }
        guard h.value <= maxHour else { throw fail("an hour 00-\(maxHour)") }
        advance()
        guard Self.isSymbol(current, ":") else { throw fail("':' and minutes") }
        advance()
        guard let m = Self.number(current), m.digits == 2, m.value < 60 else { throw fail("minutes 00-59") }
        guard h.value < maxHour || m.value == 0 else { throw fail("minutes 00 after hour \(maxHour)") }
        advance()
        return h.value * 60 + m.value
    }

    static func clock(_ minutes: Int) -> String {
        CivilCalendar.pad(minutes / 60, 2) + ":" + CivilCalendar.pad(minutes % 60, 2)
    }
}
