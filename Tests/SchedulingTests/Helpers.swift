import Scheduling

/// Parses a local time in test tables; a malformed table entry is a test bug and crashes loudly.
func at(_ text: String) -> LocalDateTime {
    do { return try LocalDateTime(parsing: text) } catch { fatalError("bad test time \(text): \(error)") }
}

func date(_ text: String) -> LocalDate {
    do { return try LocalDate(parsing: text) } catch { fatalError("bad test date \(text): \(error)") }
}

func interval(_ from: String, _ to: String) -> LocalInterval {
    do { return try LocalInterval(start: at(from), end: at(to)) } catch { fatalError("bad test interval: \(error)") }
}

func hours(_ text: String) -> OpeningHours {
    do { return try OpeningHours(parsing: text) } catch { fatalError("bad test opening_hours \(text): \(error)") }
}

/// Renders intervals compactly: `2026-12-01T19:00/2026-12-01T21:00`.
func render(_ intervals: [LocalInterval]) -> [String] { intervals.map(\.description) }

/// The repository's Data directory, found from this file's location.
func dataDirectory(_ file: String = #filePath) -> String {
    var parts = file.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3) // Tests/SchedulingTests/Helpers.swift
    return parts.joined(separator: "/") + "/Data"
}
