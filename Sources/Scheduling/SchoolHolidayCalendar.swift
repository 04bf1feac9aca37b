/// A named school-holiday period, both dates inclusive.
public struct SchoolHolidayPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// First day of the holiday.
    public let from: LocalDate
    /// Last day of the holiday (inclusive).
    public let to: LocalDate
    /// Name, e.g. `Efterårsferie`.
    public let name: String

    /// Creates a period.
    /// - Throws: `LocalTimeError.reversedDates` when `to` is before `from`.
    public init(from: LocalDate, to: LocalDate, name: String) throws(LocalTimeError) {
        guard from <= to else { throw .reversedDates(from: from, to: to) }
        self.from = from
        self.to = to
        self.name = name
    }

    /// Whether `date` lies in the period.
    public func contains(_ date: LocalDate) -> Bool { from <= date && date <= to }

    public static func < (a: SchoolHolidayPeriod, b: SchoolHolidayPeriod) -> Bool { a.from < b.from }
    public var description: String { "\(from)..\(to) \(name)" }
}

/// One municipality's school holidays (`SH` in opening hours).
///
/// File format (UTF-8 text, parsed by ``init(csv:)``; the Store or CLI reads the file):
/// ```
/// from,to,name
/// 2026-10-10,2026-10-18,Efterårsferie
/// ```
/// - one period per line: `from,to,name`, ISO dates, both inclusive; the name is the rest of the
///   line (it may contain commas; surrounding double quotes are removed);
/// - an optional header line `from,to,name`; blank lines and lines starting with `#` are ignored.
public struct SchoolHolidayCalendar: Sendable, Hashable {
    /// The periods, sorted by start date.
    public let periods: [SchoolHolidayPeriod]

    /// Day numbers of the merged holiday ranges (inclusive), for the evaluation fast path.
    let rangeStarts: [Int]
    let rangeEnds: [Int]

    /// Creates a calendar from periods (any order; overlapping periods are allowed).
    public init(periods: [SchoolHolidayPeriod]) {
        self.periods = periods.sorted()
        var starts: [Int] = [], ends: [Int] = []
        for p in self.periods {
            if let last = ends.last, p.from.dayNumber <= last + 1 {
                ends[ends.count - 1] = max(last, p.to.dayNumber)
            } else {
                starts.append(p.from.dayNumber)
                ends.append(p.to.dayNumber)
            }
        }
        rangeStarts = starts
        rangeEnds = ends
    }

    /// Index of the first merged range that ends on or after `dayNumber`.
    func firstRangeIndex(endingOnOrAfter dayNumber: Int) -> Int {
        var lo = 0, hi = rangeEnds.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rangeEnds[mid] < dayNumber { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Whether `date` lies in any school holiday.
    /// - Complexity: O(log n).
    public func contains(_ date: LocalDate) -> Bool {
        let i = firstRangeIndex(endingOnOrAfter: date.dayNumber)
        return i < rangeStarts.count && rangeStarts[i] <= date.dayNumber
    }

    /// Parses the CSV format described on the type.
    /// - Throws: `CalendarFileError` with the 1-based line number and what was wrong.
    /// - Complexity: O(n log n) in the number of lines.
    public init(csv text: String) throws(CalendarFileError) {
        var periods: [SchoolHolidayPeriod] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = String(rawLine).trimmingSpaces()
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.lowercased().replacingSpaces() == "from,to,name" { continue }
            let parts = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else {
                throw CalendarFileError(line: lineNumber, message: "expected 3 fields from,to,name, found \(parts.count)")
            }
            let from: LocalDate, to: LocalDate
            do {
                from = try LocalDate(parsing: String(parts[0]).trimmingSpaces())
                to = try LocalDate(parsing: String(parts[1]).trimmingSpaces())
            } catch {
                throw CalendarFileError(line: lineNumber, message: "\(error)")
            }
            guard from <= to else {
                throw CalendarFileError(line: lineNumber, message: "period ends (\(to)) before it starts (\(from))")
            }
            var name = String(parts[2]).trimmingSpaces()
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            guard !name.isEmpty else { throw CalendarFileError(line: lineNumber, message: "missing name") }
            do {
                periods.append(try SchoolHolidayPeriod(from: from, to: to, name: name))
            } catch {
                throw CalendarFileError(line: lineNumber, message: "\(error)")
            }
        }
        self.init(periods: periods)
    }

    /// The (first) period containing `date`, if any, with its name.
    /// - Complexity: O(n).
    public func period(containing date: LocalDate) -> SchoolHolidayPeriod? {
        contains(date) ? periods.first { $0.contains(date) } : nil
    }
}

/// A school-holiday file line that could not be read.
public struct CalendarFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number.
    public let line: Int
    /// What was wrong.
    public let message: String

    public var description: String { "school holiday calendar, line \(line): \(message)" }
}

extension String {
    func replacingSpaces() -> String { String(filter { !$0.isWhitespace }) }
}
