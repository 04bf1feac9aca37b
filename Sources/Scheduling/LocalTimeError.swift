/// Why a date, time, duration or calendar value could not be built or parsed.
public enum LocalTimeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text did not have the expected shape.
    case malformed(String, expected: String)
    /// Year, month and day do not name a real date.
    case invalidDate(year: Int, month: Int, day: Int)
    /// Hour or minute out of range (hour 0-23, minute 0-59).
    case invalidTime(hour: Int, minute: Int)
    /// A date range whose end lies before its start.
    case reversedDates(from: LocalDate, to: LocalDate)
    /// A daily time span that is empty, reversed or outside 00:00-48:00.
    case invalidSpan(startMinute: Int, endMinute: Int)

    public var description: String {
        switch self {
        case let .malformed(text, expected): "expected \(expected), found '\(text)'"
        case let .invalidDate(y, m, d): "no such date: \(y)-\(m)-\(d)"
        case let .invalidTime(h, m): "no such time of day: \(h):\(m)"
        case let .reversedDates(from, to): "date range ends (\(to)) before it starts (\(from))"
        case let .invalidSpan(s, e): "time span \(s)-\(e) (minutes) must start in 0..<1440 and end after it, by 2880 at most"
        }
    }
}
