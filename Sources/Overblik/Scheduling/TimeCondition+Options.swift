import Scheduling

extension TimeCondition {
    /// The time condition of the front-ends' options: `--free-at T --for D` (or a span such as
    /// "ti 19-21"), or `--free-weekly SLOT --from DATE --to DATE [--min-share S]`; nil when neither.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the option, for values that do not parse or
    ///   do not go together.
    public init?(freeAt: String?, duration: String?, freeWeekly: String?, from: String?, to: String?, minShare: Double?) throws {
        if let freeAt {
            guard freeWeekly == nil else { throw OverblikError.badInput("use either --free-at or --free-weekly") }
            let start: LocalDateTime
            let window: (start: LocalDateTime, end: LocalDateTime?)
            do { window = try DanishInput.window(freeAt, now: Overblik.localNow()) } catch {
                throw OverblikError.badInput("--free-at: \(error) (expected e.g. 2026-12-01T19:00, tirsdag 19.00 or ti 19-21)")
            }
            start = try Overblik.existingLocalTime(window.start, option: "--free-at")
            if let end = window.end, duration == nil { self = .freeAt(start: start, duration: ScheduleDuration(minutes: end.localMinutes - start.localMinutes)); return }
            guard let duration else { throw OverblikError.badInput("--free-at needs --for DURATION (e.g. --for 2h), or a span such as \"ti 19-21\"") }
            let d: ScheduleDuration
            do { d = try ScheduleDuration(parsing: duration) } catch {
                throw OverblikError.badInput("--for: \(error) (expected e.g. 90m, 2h)")
            }
            guard d.minutes > 0 else { throw OverblikError.badInput("--for must be longer than 0 minutes") }
            self = .freeAt(start: start, duration: d)
            return
        }
        if let freeWeekly {
            let slot: WeeklySlot
            do { slot = try DanishInput.weeklySlot(freeWeekly) } catch {
                throw OverblikError.badInput("--free-weekly: \(error) (expected e.g. \"ti 19-21\" or \"Tu 19:00-21:00\")")
            }
            guard let from, let to else { throw OverblikError.badInput("--free-weekly needs --from DATE and --to DATE") }
            let first: LocalDate, last: LocalDate
            do {
                first = try DanishInput.date(String(from.split(separator: "T").first ?? ""))
                last = try DanishInput.date(String(to.split(separator: "T").first ?? ""))
            } catch { throw OverblikError.badInput("--from/--to: \(error) (expected YYYY-MM-DD or DD.MM.YYYY)") }
            guard first <= last else { throw OverblikError.badInput("--from must not be after --to") }
            if let minShare {
                guard (0...1).contains(minShare) else { throw OverblikError.badInput("--min-share must lie between 0 and 1") }
                self = .freeWeeklyShare(slot: slot, from: first, through: last, minShare: minShare)
                return
            }
            self = .freeWeekly(slot: slot, from: first, through: last)
            return
        }
        if minShare != nil { throw OverblikError.badInput("--min-share needs --free-weekly") }
        if duration != nil { throw OverblikError.badInput("--for needs --free-at") }
        return nil
    }
}
