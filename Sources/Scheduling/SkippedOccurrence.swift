/// An occurrence that is not held, and why. Not a failure.
public struct SkippedOccurrence: Sendable, Hashable, CustomStringConvertible {
    /// Why an occurrence was skipped.
    public enum Reason: Sendable, Hashable {
        /// A public holiday, with its name.
        case publicHoliday(String)
        /// A school holiday (when the room closes for it), with its name.
        case schoolHoliday(String)
        /// An explicit closure of the room.
        case closure
        /// Booked already (a weekly booking that skips conflicts).
        case busy
        /// Outside the room's availability (a weekly booking that skips conflicts).
        case unavailable
    }
    /// The date of the skipped occurrence.
    public let date: LocalDate
    /// Why.
    public let reason: Reason

    public init(date: LocalDate, reason: Reason) {
        self.date = date
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case let .publicHoliday(name): "\(date) (\(name))"
        case let .schoolHoliday(name): "\(date) (\(name))"
        case .closure: "\(date) (closed)"
        case .busy: "\(date) (busy)"
        case .unavailable: "\(date) (outside the room's hours)"
        }
    }
}
