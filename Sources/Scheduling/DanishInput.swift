/// The time forms people type in Danish (and English) on the command line and in the service,
/// turned into the ISO and opening_hours forms the engine uses:
///
/// - weekdays: `mandag`/`man`/`ma`, `tirsdag`/`tir`/`ti`, `onsdag`/`ons`/`on`, `torsdag`/`tor`/`to`,
///   `fredag`/`fre`/`fr`, `lørdag`/`lør`/`lø`, `søndag`/`søn`/`sø` (also written with `o`/`oe`),
///   English names and the OpenStreetMap `Mo`...`Su`;
/// - clock times `19`, `19.00`, `19:00`, `kl. 19`; spans `19-21`, `19.00-21.30`;
/// - dates `12.01.2027`, `12-01-2027`, `12/01/2027` (day first) and ISO `2027-01-12`.
///
/// ```swift
/// try DanishInput.time("tirsdag 19.00", now: now)      // the next Tuesday 19:00 at or after now
/// try DanishInput.window("ti 19-21", now: now)         // that Tuesday 19:00-21:00
/// try DanishInput.weeklySlot("ti 19-21")               // WeeklySlot "Tu 19:00-21:00"
/// ```
public enum DanishInput {
    static let weekdayWords: [String: Weekday] = {
        var words: [String: Weekday] = [:]
        let names: [(Weekday, [String])] = [
            (.monday, ["mandag", "man", "ma", "monday", "mon", "mo"]),
            (.tuesday, ["tirsdag", "tirs", "tir", "ti", "tuesday", "tue", "tues", "tu"]),
            (.wednesday, ["onsdag", "ons", "on", "wednesday", "wed", "we"]),
            (.thursday, ["torsdag", "tors", "tor", "to", "thursday", "thu", "thurs", "th"]),
            (.friday, ["fredag", "fre", "fr", "friday", "fri"]),
            (.saturday, ["lørdag", "loerdag", "lordag", "lør", "loer", "lor", "lø", "lo", "saturday", "sat", "sa"]),
            (.sunday, ["søndag", "soendag", "sondag", "søn", "soen", "son", "sø", "so", "sunday", "sun", "su"]),
        ]
        for (day, list) in names { for w in list { words[w] = day } }
        return words
    }()

    /// A weekday from a Danish or English name or abbreviation (case-insensitive, a trailing `.` allowed).
    public static func weekday(_ word: String) -> Weekday? {
        var w = word.lowercased()
        if w.hasSuffix(".") { w.removeLast() }
        return weekdayWords[w]
    }

    /// A date: ISO `2027-01-12` or day first `12.01.2027`, `12-01-2027`, `12/1/2027`.
    public static func date(_ text: String) throws(LocalTimeError) -> LocalDate {
        let t = text.trimmingSpaces()
        if let iso = try? LocalDate(parsing: t) { return iso }
        let parts = t.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4 else {
            throw .malformed(text, expected: "a date such as 12.01.2027 or 2027-01-12")
        }
        return try LocalDate(year: y, month: m, day: d)
    }

    /// Minutes after midnight from `19`, `19.00`, `19:00`, `7.30` (24:00 allowed as an end).
    public static func clock(_ text: String) throws(LocalTimeError) -> Int {
        let parts = text.split(whereSeparator: { $0 == "." || $0 == ":" }).map(String.init)
        guard (1...2).contains(parts.count), let h = Int(parts[0]), parts[0].count <= 2,
              let m = parts.count == 2 ? (parts[1].count == 2 ? Int(parts[1]) : nil) : 0,
              (0...24).contains(h), (0...59).contains(m), h < 24 || m == 0 else {
            throw .malformed(text, expected: "a clock time such as 19, 19.00 or 19:00")
        }
        return h * 60 + m
    }

    /// The words of `text` without `kl.`/`kl`/`at`, split on spaces and `T`.
    static func words(_ text: String) -> [String] {
        let spaced = text.count == 16 && text.dropFirst(10).first == "T" ? text.replacingFirstT : text
        return spaced.split(separator: " ").map(String.init).filter { !["kl.", "kl", "at", "den", "d."].contains($0.lowercased()) }
    }

    /// A day from a word: a weekday (the next one at or after `now`'s date), a date, `i dag`/`idag`/`today`.
    static func day(_ word: String, now: LocalDateTime) throws(LocalTimeError) -> (date: LocalDate, isWeekday: Bool) {
        switch word.lowercased() {
        case "idag", "today": return (now.date, false)
        case "imorgen", "tomorrow": return (now.date.adding(days: 1), false)
        default: break
        }
        if let w = weekday(word) {
            let offset = (w.rawValue - now.date.weekday.rawValue + 7) % 7
            return (now.date.adding(days: offset), true)
        }
        return (try date(word), false)
    }

    /// One moment: ISO `2027-01-12T19:00`, `12.01.2027 19.00`, `tirsdag 19.00`, `ti kl. 19`, or a date
    /// alone (midnight). A weekday means its next occurrence at or after `now` (a week on when that
    /// time today has passed).
    public static func time(_ text: String, now: LocalDateTime) throws(LocalTimeError) -> LocalDateTime {
        if let iso = try? LocalDateTime(parsing: text) { return iso }
        let (start, end, _) = try parts(text, now: now)
        guard end == nil else { throw .malformed(text, expected: "one moment, not a span (use --from and --to)") }
        return start
    }

    /// A window: `ti 19-21`, `12.01.2027 19.00-21.00`, or one moment (then `end` is nil).
    public static func window(_ text: String, now: LocalDateTime) throws(LocalTimeError) -> (start: LocalDateTime, end: LocalDateTime?) {
        if let iso = try? LocalDateTime(parsing: text) { return (iso, nil) }
        let (start, end, _) = try parts(text, now: now)
        return (start, end)
    }

    private static func parts(_ text: String, now: LocalDateTime) throws(LocalTimeError) -> (LocalDateTime, LocalDateTime?, Bool) {
        var words = words(text.trimmingSpaces())
        guard !words.isEmpty else { throw .malformed(text, expected: "a time such as tirsdag 19.00, 12.01.2027 19.00 or 2027-01-12T19:00") }
        if words.count >= 2, ["i"].contains(words[0].lowercased()) { words = [words[0] + words[1]] + words.dropFirst(2) }
        let (date, isWeekday) = try day(words[0], now: now)
        guard words.count <= 2 else { throw .malformed(text, expected: "a day and a time, such as tirsdag 19.00") }
        guard words.count == 2 else { return (date.startOfDay, nil, isWeekday) }
        let span = words[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(span.count) else { throw .malformed(text, expected: "a time 19.00 or a span 19-21") }
        let startMinute = try clock(span[0])
        var day = date
        if isWeekday, day == now.date, startMinute < now.minuteOfDay { day = day.adding(days: 7) }
        let start = LocalDateTime(date: day, minuteOfDay: startMinute)
        guard span.count == 2 else { return (start, nil, isWeekday) }
        var endMinute = try clock(span[1])
        if endMinute <= startMinute { endMinute += 1440 }
        return (start, LocalDateTime(date: day, minuteOfDay: endMinute), isWeekday)
    }

    /// A window from a `--from` and an optional `--to`: `--from "ti 19-21"` alone; `--from
    /// "12.01.2027"` alone (that whole day); `--from "tirsdag 19.00" --to 21.00` (a bare clock time
    /// is on the start's date); or two full times.
    public static func span(from: String, to: String?, now: LocalDateTime) throws(LocalTimeError) -> (start: LocalDateTime, end: LocalDateTime) {
        let (start, end) = try window(from, now: now)
        if let to {
            guard end == nil else { throw .malformed(to, expected: "no --to when --from gives a span") }
            if let minute = try? clock(to.trimmingSpaces()) {
                let sameDay = LocalDateTime(date: start.date, minuteOfDay: minute)
                return (start, sameDay > start ? sameDay : sameDay.adding(minutes: 1440))
            }
            return (start, try time(to, now: now))
        }
        if let end { return (start, end) }
        guard start.minuteOfDay == 0 else { throw .malformed(from, expected: "a span such as ti 19-21, or give --to") }
        return (start, start.adding(minutes: 1440))
    }

    /// A weekly slot from `ti 19-21`, `tirsdag 19.00-21.00` or the opening_hours form `Tu 19:00-21:00`.
    public static func weeklySlot(_ text: String) throws -> WeeklySlot {
        if let slot = try? WeeklySlot(parsing: text) { return slot }
        let words = words(text.trimmingSpaces())
        guard words.count == 2, let day = weekday(words[0]) else {
            throw LocalTimeError.malformed(text, expected: "a weekday and a time span, such as ti 19-21 or Tu 19:00-21:00")
        }
        let span = words[1].split(separator: "-").map(String.init)
        guard span.count == 2 else { throw LocalTimeError.malformed(text, expected: "a time span such as 19-21") }
        let start = try clock(span[0]), end = try clock(span[1])
        return try WeeklySlot(parsing: "\(day.osmName) \(OHParser.clock(start))-\(OHParser.clock(end))")
    }
}

extension String {
    /// `2027-01-12T19.00` -> `2027-01-12 19.00`.
    var replacingFirstT: String {
        var chars = Array(self)
        chars[10] = " "
        return String(chars)
    }
}
