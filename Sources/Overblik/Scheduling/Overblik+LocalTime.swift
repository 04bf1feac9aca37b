public import Scheduling

extension Overblik {
    /// A wall-clock moment the user gave (`hours --at`, `near --free-at`, a booking's start):
    /// parsed, and refused when it does not exist in Europe/Copenhagen. One rule for every
    /// command: the spring-forward hour (02:00-02:59 on the last Sunday of March) is never answered
    /// as if it existed.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the option, for text that is not a local
    ///   time or a time in the gap.
    public static func existingLocalTime(parsing text: String, option: String) throws -> LocalDateTime {
        let time: LocalDateTime
        do { time = try LocalDateTime(parsing: text) } catch {
            throw OverblikError.badInput("\(option): \(error) (e.g. 2026-12-01T19:00, local Europe/Copenhagen time)")
        }
        if CopenhagenTime.isInGap(time) { throw OverblikError.badInput("\(option): " + gapMessage(time)) }
        return time
    }

    /// `time` itself, or a ``OverblikError/badInput(_:)`` naming `option` when it lies in the
    /// spring-forward gap (the one rule for every command that takes a local time).
    public static func existingLocalTime(_ time: LocalDateTime, option: String) throws -> LocalDateTime {
        if CopenhagenTime.isInGap(time) { throw OverblikError.badInput("\(option): " + gapMessage(time)) }
        return time
    }

    /// Why `time` (in the spring-forward gap) cannot be used.
    static func gapMessage(_ time: LocalDateTime) -> String {
        "\(time) does not exist in Europe/Copenhagen: clocks jump from 02:00 to 03:00 on \(time.date)"
    }
}
