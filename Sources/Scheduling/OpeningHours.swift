/// A compiled OpenStreetMap `opening_hours` value: when a room is available.
///
/// Supported subset (see DESIGN.md): weekday ranges and lists (`Mo-Fr`, `Mo,We`, `Su-Tu`, `Mo[1]`,
/// `Fr[-1]`), several time spans, spans past midnight (`Fr 18:00-02:00`, `22:00-26:00`), `24/7`, `off`/`closed`, `open`, `unknown`,
/// `;` rules (a later rule replaces earlier ones on the days it matches), `,` additional rules (add,
/// do not replace), `||` fallback rules (apply only to the times of a day no earlier matching rule
/// spoke about), years and year ranges, months and dates (`Jul off`, `Dec 24-26 off`,
/// `Dec 20-Jan 05`, `2026 Dec 24 off`), ISO weeks with steps (`week 01-53/2`), `PH` (Danish public
/// holidays), `SH` (school holidays), `SH Mo-Fr` (both), and comments (`"by appointment"`).
///
/// Semantics follow the specification and its reference implementation, opening_hours.js:
/// - a `;` rule that is `off`/`closed` *with* times only closes those times
///   (`08:00-20:00; Tu 12:00-13:00 off`); without times it closes the whole day;
/// - a span past midnight is selected by the day it starts on (`Fr 18:00-02:00` opens Friday night
///   until Saturday 02:00), but its after-midnight part counts as the next day's hours, so a later
///   `;` rule matching the next day replaces it (`Fr 18:00-02:00; Sa 10:00-14:00` is closed on
///   Saturday 00:00-02:00; use `,` to keep both).
///
/// Anything else is rejected with an ``OpeningHoursError`` naming the column and what was expected.
///
/// ```swift
/// let hours = try OpeningHours(parsing: "Mo-Th 17:00-22:00; Sa,Su 08:00-20:00; PH off")
/// let open = hours.isOpen(at: try LocalDateTime(parsing: "2026-12-01T19:00"), calendar: .danish) // true
/// ```
public struct OpeningHours: Sendable, Hashable, CustomStringConvertible {
    /// The text this value was parsed from.
    public let source: String
    let rules: [OHRule]
    let usesPublicHolidays: Bool
    /// Some rule says `PH +1 day` or `PH -1 day`.
    let usesHolidayOffsets: Bool
    /// Some rule says `easter`.
    let usesEaster: Bool
    /// Some rule says `SH` (school holidays), which needs a school-holiday calendar.
    public let usesSchoolHolidays: Bool
    let usesWeeks: Bool
    let matchers: [FastMatcher]
    let hasFallbackRules: Bool
    /// Bit i set when rule i has a span past midnight.
    let spillMask: UInt64

    /// Parses and compiles an opening_hours string.
    /// - Throws: ``OpeningHoursError`` with the position and what was expected.
    /// - Complexity: O(n) in the length of the text.
    public init(parsing text: String) throws(OpeningHoursError) {
        var parser = OHParser(tokens: try OHLexer.tokenize(text))
        let rules = try parser.parseTimeDomain().map { $0.prepared() }
        self.source = text
        self.rules = rules
        usesPublicHolidays = rules.contains { $0.weekdays?.publicHoliday == true || $0.weekdays?.publicHolidayOffsets.isEmpty == false }
        usesHolidayOffsets = rules.contains { $0.weekdays?.publicHolidayOffsets.isEmpty == false }
        usesEaster = rules.contains { !$0.easter.isEmpty }
        usesSchoolHolidays = rules.contains { $0.weekdays?.schoolHoliday == true }
        usesWeeks = rules.contains { !$0.weeks.isEmpty }
        matchers = rules.map(FastMatcher.init)
        hasFallbackRules = rules.contains { $0.separator == .fallback }
        spillMask = rules.prefix(64).enumerated().reduce(0) { $0 | ($1.element.spillsPastMidnight ? 1 << UInt64($1.offset) : 0) }
    }

    public var description: String { source }

    public static func == (a: OpeningHours, b: OpeningHours) -> Bool { a.source == b.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Whether the room is open at a wall-clock minute (`unknown` counts as not open).
    /// - Complexity: O(rules) per call; for many queries use ``intervals(from:to:calendar:)``.
    public func isOpen(at time: LocalDateTime, calendar: HolidayCalendar) -> Bool {
        state(at: time, calendar: calendar) == .open
    }

    /// The state at a wall-clock minute: open, closed or unknown.
    public func state(at time: LocalDateTime, calendar: HolidayCalendar) -> OpeningState {
        let day = time.date.dayNumber, minute = time.minuteOfDay
        let plan = plan(today: facts(day, calendar), yesterday: facts(day - 1, calendar))
        if plan.open.contains(where: { $0.start <= minute && minute < $0.end }) { return .open }
        if plan.unknown.contains(where: { $0.start <= minute && minute < $0.end }) { return .unknown }
        return .closed
    }

    /// The open intervals in `[from, to)`, half-open, merged (touching intervals join, also across
    /// midnight), clipped to the window.
    /// - Complexity: O(days × rules); days with the same set of matching rules share one resolved plan.
    public func intervals(from: LocalDateTime, to: LocalDateTime, calendar: HolidayCalendar) -> [LocalInterval] {
        guard from < to else { return [] }
        return openIntervals(fromMinute: from.localMinutes, toMinute: to.localMinutes, calendar: calendar)
    }

    /// The first wall-clock minute after `after` at which being open changes (open to not open or back),
    /// searching up to ten years ahead; nil if it never changes in that horizon (for example `24/7`).
    /// - Complexity: one week of evaluation when the change is near, else O(years × 365 × rules).
    public func nextChange(after: LocalDateTime, calendar: HolidayCalendar) -> LocalDateTime? {
        var windowStart = after.localMinutes
        // A short first window answers the usual case cheaply; then whole years.
        for attempt in 0..<11 {
            let windowEnd = windowStart + (attempt == 0 ? 8 : 366) * 1440
            let list = openIntervals(fromMinute: windowStart, toMinute: windowEnd, calendar: calendar)
            // Merged intervals alternate open/closed, so every boundary strictly inside the window
            // (window edges are clipping artefacts) is a change.
            for interval in list {
                for b in [interval.start.localMinutes, interval.end.localMinutes]
                where b > after.localMinutes && b > windowStart && b < windowEnd {
                    return LocalDateTime(localMinutes: b)
                }
            }
            windowStart = windowEnd - 1440 // overlap so a change at the window edge is seen inside
        }
        return nil
    }
}
