/// A half-open wall-clock interval `[start, end)` in Europe/Copenhagen time.
///
/// ```swift
/// let evening = try LocalInterval(start: LocalDateTime(parsing: "2026-12-01T19:00"),
///                                 end: LocalDateTime(parsing: "2026-12-01T21:00"))
/// evening.wallClockMinutes // 120
/// ```
public struct LocalInterval: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// First minute inside the interval.
    public let start: LocalDateTime
    /// First minute after the interval.
    public let end: LocalDateTime

    /// Creates `[start, end)`.
    /// - Throws: `IntervalError.endNotAfterStart` when `end <= start`.
    public init(start: LocalDateTime, end: LocalDateTime) throws(IntervalError) {
        guard start < end else { throw .endNotAfterStart(start: start, end: end) }
        self.start = start
        self.end = end
    }

    /// Creates an interval the caller knows to be non-empty.
    init(unchecked start: Int, _ end: Int) {
        self.start = LocalDateTime(localMinutes: start)
        self.end = LocalDateTime(localMinutes: end)
    }

    /// Wall-clock length in minutes (ignores DST; see ``realMinutes``).
    public var wallClockMinutes: Int { end.localMinutes - start.localMinutes }

    /// Elapsed real minutes, accounting for DST: 01:00-04:00 on the spring transition day is 120.
    public var realMinutes: Int { CopenhagenTime.realMinutes(from: start, to: end) }

    /// Whether the two intervals share at least one minute (touching ends do not overlap).
    public func overlaps(_ other: LocalInterval) -> Bool { start < other.end && other.start < end }

    /// Whether `time` lies in `[start, end)`.
    public func contains(_ time: LocalDateTime) -> Bool { start <= time && time < end }

    /// Whether `other` lies completely inside this interval.
    public func contains(_ other: LocalInterval) -> Bool { start <= other.start && other.end <= end }

    /// The common part, or nil.
    public func intersection(_ other: LocalInterval) -> LocalInterval? {
        let s = max(start, other.start), e = min(end, other.end)
        return s < e ? LocalInterval(unchecked: s.localMinutes, e.localMinutes) : nil
    }

    /// Ordered by start, then end.
    public static func < (a: LocalInterval, b: LocalInterval) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }

    /// `start/end` in ISO 8601 interval notation.
    public var description: String { "\(start)/\(end)" }
}

/// Why an interval could not be built.
public enum IntervalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The end is not after the start.
    case endNotAfterStart(start: LocalDateTime, end: LocalDateTime)

    public var description: String {
        switch self {
        case let .endNotAfterStart(s, e): "interval end \(e) is not after its start \(s)"
        }
    }
}
