import Foundation
public import Scheduling

/// The season of an allocation round: every week from `from` to `to`, both dates inclusive.
///
/// `closedDates` are days on which no weekly slot runs anywhere (for example a Christmas break);
/// allocations skip them and list them under `skipped_dates`.
public struct AllocationSeason: Sendable, Hashable {
    public let from: LocalDate
    public let to: LocalDate
    public var closedDates: Set<LocalDate>

    /// Creates a season.
    /// - Throws: ``AllocationInputError/invalidSeason(_:expected:)`` when `to` is before `from`.
    public init(from: LocalDate, to: LocalDate, closedDates: Set<LocalDate> = []) throws(AllocationInputError) {
        guard from <= to else { throw .invalidSeason("\(from)..\(to)", expected: "an end date on or after the start") }
        self.from = from
        self.to = to
        self.closedDates = closedDates
    }

    /// Parses `FROM..TO` with ISO dates, e.g. `2026-08-10..2027-06-20`.
    /// - Throws: ``AllocationInputError/invalidSeason(_:expected:)``.
    public init(parsing text: String) throws(AllocationInputError) {
        let parts = text.trimmingCharacters(in: .whitespaces).components(separatedBy: "..")
        guard parts.count == 2 else { throw .invalidSeason(text, expected: "FROM..TO with dates YYYY-MM-DD") }
        do {
            try self.init(from: try LocalDate(parsing: parts[0]), to: try LocalDate(parsing: parts[1]))
        } catch let error as AllocationInputError {
            throw error
        } catch {
            throw .invalidSeason(text, expected: "FROM..TO with dates YYYY-MM-DD")
        }
    }

    /// The dates of the season that fall on `weekday`, in order.
    public func dates(on weekday: Weekday) -> [LocalDate] {
        let offset = (weekday.rawValue - from.weekday.rawValue + 7) % 7
        return Swift.stride(from: from.dayNumber + offset, through: to.dayNumber, by: 7).map(LocalDate.init(dayNumber:))
    }
}
