/// A day of the week, ISO order (Monday first), with OpenStreetMap two-letter names.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Creates a weekday from its ISO index (Monday = 0 ... Sunday = 6).
    init(isoIndex: Int) { self = Weekday(rawValue: isoIndex)! }

    /// The OpenStreetMap abbreviation: `Mo`, `Tu`, `We`, `Th`, `Fr`, `Sa`, `Su`.
    public var osmName: String { Self.osmNames[rawValue] }

    /// Parses an OpenStreetMap abbreviation (`Mo` ... `Su`, case-insensitive).
    public init?(osmName: String) {
        guard let i = Self.osmNames.firstIndex(where: { $0.lowercased() == osmName.lowercased() }) else { return nil }
        self = Weekday(isoIndex: i)
    }

    /// The iCalendar BYDAY code (`MO` ... `SU`).
    public var iCalendarCode: String { osmName.uppercased() }

    static let osmNames = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
    public var description: String { osmName }
}
