public import Scheduling

extension Allocation {
    /// The wall-clock intervals the allocation holds: the slot on each of its ``dates`` (for writing
    /// the bookings to the store).
    /// - Throws: ``AllocationInputError/invalidField(line:field:value:expected:)`` when a date or time
    ///   is not in the form the engine writes (only possible for hand-made values).
    /// - Complexity: O(dates).
    ///
    /// ```swift
    /// for interval in try allocation.occurrences() { /* insert booking */ }
    /// ```
    public func occurrences() throws(AllocationInputError) -> [LocalInterval] {
        guard let start = WeeklySlot.allocationMinutes(self.start) else {
            throw .invalidField(line: 0, field: "start", value: self.start, expected: "HH:MM")
        }
        guard let end = WeeklySlot.allocationMinutes(self.end), end > start else {
            throw .invalidField(line: 0, field: "end", value: self.end, expected: "HH:MM after the start")
        }
        var result: [LocalInterval] = []
        result.reserveCapacity(dates.count)
        for text in dates {
            guard let date = try? LocalDate(parsing: text) else {
                throw .invalidField(line: 0, field: "dates", value: text, expected: "a date YYYY-MM-DD")
            }
            guard let interval = try? LocalInterval(start: LocalDateTime(date: date, minuteOfDay: start),
                                                    end: LocalDateTime(date: date, minuteOfDay: end)) else {
                throw .invalidField(line: 0, field: "end", value: self.end, expected: "HH:MM after the start")
            }
            result.append(interval)
        }
        return result
    }
}
