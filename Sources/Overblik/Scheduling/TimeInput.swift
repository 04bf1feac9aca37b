public import Scheduling

/// Parsing of front-ends's time arguments (T: `2026-12-01T19:00`, DATE: `2026-12-01`, D: `90m`, `2h`),
/// with messages that name the option. Bad values exit 2.
public enum TimeInput {
    public static func time(_ text: String, option: String) throws -> LocalDateTime {
        do { return try DanishInput.time(text, now: now()) } catch {
            throw OverblikError.badInput("\(option): \(error) (e.g. 2026-12-01T19:00, 01.12.2026 19.00 or tirsdag 19.00, local Europe/Copenhagen time)")
        }
    }

    public static func date(_ text: String, option: String) throws -> LocalDate {
        do { return try DanishInput.date(text) } catch {
            throw OverblikError.badInput("\(option): \(error) (e.g. 2027-06-30 or 30.06.2027)")
        }
    }

    public static func duration(_ text: String, option: String) throws -> ScheduleDuration {
        do { return try ScheduleDuration(parsing: text) } catch {
            throw OverblikError.badInput("\(option): \(error)")
        }
    }

    /// Both ends of a window, or neither.
    public static func window(from: String?, to: String?) throws -> (LocalDateTime, LocalDateTime)? {
        switch (from, to) {
        case (nil, nil): return nil
        case let (f?, t): return try span(from: f, to: t)
        default: throw OverblikError.badInput("give --from (and --to), or neither")
        }
    }

    /// `--from` and `--to`, or `--from` alone as a span (`ti 19-21`, `12.01.2027` for the whole day).
    public static func span(from: String, to: String?) throws -> (LocalDateTime, LocalDateTime) {
        do { return try DanishInput.span(from: from, to: to, now: now()) } catch {
            throw OverblikError.badInput("--from/--to: \(error) (e.g. --from 2026-12-01T19:00 --to 2026-12-01T21:00, or --from \"ti 19-21\")")
        }
    }

    /// The wall-clock time now in Europe/Copenhagen.
    public static func now() -> LocalDateTime { Overblik.localNow() }
}


extension Overblik {
    /// The wall-clock time now in Europe/Copenhagen (the one clock of the front-ends).
    public static func localNow() -> LocalDateTime { CopenhagenTime.localTime(at: currentInstant()) }
}
