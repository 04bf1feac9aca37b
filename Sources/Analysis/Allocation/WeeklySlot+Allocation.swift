import Scheduling

/// What the allocation round needs of Scheduling's ``WeeklySlot`` (names prefixed so that they cannot
/// clash with members Scheduling may add).
extension WeeklySlot {
    /// `HH:MM` of the start.
    var allocationStartText: String { Self.allocationClock(startMinute) }
    /// `HH:MM` of the end (`24:00` at midnight).
    var allocationEndText: String { Self.allocationClock(endMinute) }
    /// Length in hours.
    var allocationHours: Double { Double(endMinute - startMinute) / 60 }
    /// Whether the slot ends by midnight of its own day (the round offers only such slots).
    var allocationWithinDay: Bool { endMinute <= 1440 }

    /// Whether two slots within a day share a minute on the same weekday.
    func allocationOverlaps(_ other: WeeklySlot) -> Bool {
        weekday == other.weekday && startMinute < other.endMinute && other.startMinute < endMinute
    }

    /// Minutes after midnight of `HH:MM` (hour 0-24, 24 only with `:00`), nil when malformed.
    static func allocationMinutes(_ text: String) -> Int? {
        let pieces = text.split(separator: ":")
        guard pieces.count == 2, (1...2).contains(pieces[0].count), pieces[1].count == 2,
              let h = Int(pieces[0]), let m = Int(pieces[1]), (0...24).contains(h), (0...59).contains(m),
              h < 24 || m == 0 else { return nil }
        return h * 60 + m
    }

    static func allocationClock(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
