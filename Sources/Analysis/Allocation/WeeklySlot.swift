import Foundation
import Scheduling

/// A weekly time slot such as `Tu 19:00-21:00`: a weekday and a wall-clock span on that day.
///
/// The span lies within the day (`end` at most 24:00); slots past midnight are not offered by the
/// allocation round. (Written here for the allocation input; the Scheduling module has no slot type.)
///
/// ```swift
/// let slot = try WeeklySlot(parsing: "Tu 19:00-21:00")
/// slot.weekday        // .tuesday
/// slot.durationMinutes // 120
/// ```
public struct WeeklySlot: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let weekday: Weekday
    /// Minutes after midnight, 0...1439.
    public let startMinute: Int
    /// Minutes after midnight, startMinute+1...1440.
    public let endMinute: Int

    /// Creates a slot.
    /// - Throws: ``WeeklySlotError`` when the span is empty or leaves the day.
    public init(weekday: Weekday, startMinute: Int, endMinute: Int) throws(WeeklySlotError) {
        guard (0..<1440).contains(startMinute), (1...1440).contains(endMinute), startMinute < endMinute else {
            throw WeeklySlotError(text: "\(weekday.osmName) \(Self.clock(startMinute))-\(Self.clock(endMinute))",
                                  expected: "an end after the start, within the day (at most 24:00)")
        }
        self.weekday = weekday
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Parses `Tu 19:00-21:00` (two-letter OpenStreetMap weekday, a space, `HH:MM-HH:MM`).
    /// - Throws: ``WeeklySlotError`` naming the text and what was expected.
    public init(parsing text: String) throws(WeeklySlotError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else {
            throw WeeklySlotError(text: text, expected: "a weekly slot like `Tu 19:00-21:00`")
        }
        guard let weekday = Weekday(osmName: String(parts[0])) else {
            throw WeeklySlotError(text: text, expected: "a weekday Mo, Tu, We, Th, Fr, Sa or Su")
        }
        let times = parts[1].split(separator: "-")
        guard times.count == 2, let start = Self.minutes(times[0]), let end = Self.minutes(times[1]) else {
            throw WeeklySlotError(text: text, expected: "times HH:MM-HH:MM")
        }
        do {
            try self.init(weekday: weekday, startMinute: start, endMinute: end)
        } catch {
            throw WeeklySlotError(text: text, expected: error.expected)
        }
    }

    /// Length in wall-clock minutes.
    public var durationMinutes: Int { endMinute - startMinute }
    /// Length in hours.
    public var hours: Double { Double(durationMinutes) / 60 }
    /// `HH:MM` of the start.
    public var startText: String { Self.clock(startMinute) }
    /// `HH:MM` of the end (24:00 allowed).
    public var endText: String { Self.clock(endMinute) }

    /// Whether the two slots share a minute on the same weekday.
    public func overlaps(_ other: WeeklySlot) -> Bool {
        weekday == other.weekday && startMinute < other.endMinute && other.startMinute < endMinute
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.weekday.rawValue, a.startMinute, a.endMinute) < (b.weekday.rawValue, b.startMinute, b.endMinute)
    }

    /// `Tu 19:00-21:00`.
    public var description: String { "\(weekday.osmName) \(startText)-\(endText)" }

    /// Minutes of `HH:MM` (hour 0-24, 24 only with :00), nil when malformed.
    static func minutes(_ text: Substring) -> Int? {
        let pieces = text.split(separator: ":")
        guard pieces.count == 2, pieces[0].count <= 2, pieces[1].count == 2,
              let h = Int(pieces[0]), let m = Int(pieces[1]), (0...24).contains(h), (0...59).contains(m),
              h < 24 || m == 0 else { return nil }
        return h * 60 + m
    }

    static func clock(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}

/// Why a weekly slot could not be read.
public struct WeeklySlotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// What was expected instead.
    public let expected: String
    public var description: String { "weekly slot `\(text)`: expected \(expected)" }
}
