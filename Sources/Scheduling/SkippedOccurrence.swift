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
    }
    /// The date of the skipped occurrence.
    public let date: LocalDate
    /// Why.
    public let reason: Reason

    public var description: String {
        switch reason {
        case let .publicHoliday(name): "\(date) (\(name))"
        case let .schoolHoliday(name): "\(date) (\(name))"
        case .closure: "\(date) (closed)"
        }
    }
}
