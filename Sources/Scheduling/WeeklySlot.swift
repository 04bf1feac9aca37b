/// A weekly time slot such as `Tu 19:00-21:00` (the end may pass midnight: `Fr 22:00-01:00`).
///
/// Used for allocation rounds and `near --free-weekly`.
///
/// ```swift
/// let slot = try WeeklySlot(parsing: "Tu 19:00-21:00")
/// slot.occurrence(on: try LocalDate(parsing: "2026-12-01")) // 2026-12-01T19:00/2026-12-01T21:00
/// ```
public struct WeeklySlot: Sendable, Hashable, CustomStringConvertible {
    /// The weekday the slot starts on.
    public let weekday: Weekday
    /// Start, minutes after midnight (0-1439).
    public let startMinute: Int
    /// End, minutes after the start day's midnight (may exceed 1440).
    public let endMinute: Int

    /// Creates a slot.
    /// - Throws: `LocalTimeError.invalidSpan` unless `0 <= startMinute < 1440` and
    ///   `startMinute < endMinute <= 2880`.
    public init(weekday: Weekday, startMinute: Int, endMinute: Int) throws(LocalTimeError) {
        guard 0 <= startMinute && startMinute < 1440 && startMinute < endMinute && endMinute <= 2880 else {
            throw .invalidSpan(startMinute: startMinute, endMinute: endMinute)
        }
        self.weekday = weekday
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Parses `Tu 19:00-21:00` (one weekday, one time span, opening_hours time syntax).
    /// - Throws: ``OpeningHoursError`` with the column and what was expected.
    public init(parsing text: String) throws(OpeningHoursError) {
        var parser = OHParser(tokens: try OHLexer.tokenize(text))
        guard let day = OHParser.weekday(parser.current) else { throw parser.fail("a weekday (Mo-Su)") }
        parser.advance()
        guard parser.isTimeStart() else { throw parser.fail("a time span HH:MM-HH:MM") }
        let spans = try parser.parseTimes()
        guard spans.count == 1 else { throw parser.fail("a single time span") }
        guard parser.current.kind == .end else { throw parser.fail("end of input") }
        weekday = Weekday(isoIndex: day)
        startMinute = spans[0].start
        endMinute = spans[0].end
    }

    /// The slot's wall-clock interval on `date` (whatever weekday `date` is).
    public func occurrence(on date: LocalDate) -> LocalInterval {
        LocalInterval(unchecked: date.dayNumber * 1440 + startMinute, date.dayNumber * 1440 + endMinute)
    }

    /// The dates in `from...through` that fall on the slot's weekday.
    public func dates(from: LocalDate, through: LocalDate) -> [LocalDate] {
        guard from <= through else { return [] }
        let offset = (weekday.rawValue - from.weekday.rawValue + 7) % 7
        return stride(from: from.dayNumber + offset, through: through.dayNumber, by: 7).map(LocalDate.init(dayNumber:))
    }

    /// `Tu 19:00-21:00`.
    public var description: String {
        "\(weekday.osmName) \(OHParser.clock(startMinute))-\(OHParser.clock(endMinute))"
    }
}
