import ArgumentParser
import Overblik
import Foundation

/// The facility filters shared by near, coverage, gaps, site and export.
struct FilterOptions: ParsableArguments {
    @Option(help: "Facility kinds, comma-separated (school, sports_hall, village_hall, clubhouse, activity_centre, volunteer_house, library, youth_club, association_house, culture_house, other; Danish names work too).")
    var kind: String?

    @Option(help: "Wheelchair access: yes (accepts yes, designated) or limited (also accepts limited).")
    var wheelchair: WheelchairRequirement?

    @Flag(help: "Wheelchair-accessible toilet required.") var toiletsWheelchair = false
    @Flag(help: "Step-free entrance required.") var stepFree = false
    @Flag(help: "Hearing loop required.") var hearingLoop = false
    @Flag(help: "Accessible parking required.") var parkingAccessible = false
    @Option(help: "Minimum room capacity (persons).") var capacity: Int?
    @Option(help: "Equipment every matching room must have, comma-separated (kitchen, projector, sports_floor, ...).")
    var equipment: String?
    @Option(help: "Owner classes, comma-separated: municipal, education, regional, state, private.") var owner: String?

    @Option(help: "Free at this local time (2026-12-01T19:00), with --for.") var freeAt: String?
    @Option(name: .customLong("for"), help: "Duration for --free-at: 90m, 2h, 1h30m.") var duration: String?
    @Option(help: "Free every week in this slot (\"Tu 19:00-21:00\") from --from to --to, except holiday closures.")
    var freeWeekly: String?
    @Option(help: "First date of --free-weekly (2026-08-01).") var from: String?
    @Option(help: "Last date of --free-weekly (2027-06-30).") var to: String?
    @Option(help: "With --free-weekly: free on at least this share of the weeks (0.9 = 9 weeks in 10), not every week.")
    var minShare: Double?

    func filter() throws -> FacilityFilter {
        var f = FacilityFilter()
        if let kind {
            for part in kind.split(separator: ",") {
                guard let k = FacilityKind(parsing: String(part)) else {
                    throw ValidationError("--kind: unknown kind '\(part)'; expected \(FacilityKind.expectedDescription)")
                }
                f.kinds.insert(k)
            }
        }
        if let owner {
            for part in owner.split(separator: ",") {
                guard let o = OwnerClass(parsing: String(part)) else {
                    throw ValidationError("--owner: unknown owner class '\(part)'; expected municipal, education, regional, state, private, unknown")
                }
                f.owners.insert(o)
            }
        }
        f.wheelchair = wheelchair
        f.toiletsWheelchair = toiletsWheelchair
        f.stepFree = stepFree
        f.hearingLoop = hearingLoop
        f.parkingAccessible = parkingAccessible
        if let capacity {
            guard capacity >= 0 else { throw ValidationError("--capacity must be >= 0") }
            f.minCapacity = capacity
        }
        if let equipment {
            f.equipment = Set(equipment.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        }
        return f
    }

    func timeCondition() throws -> TimeCondition? {
        if let freeAt {
            guard freeWeekly == nil else { throw ValidationError("use either --free-at or --free-weekly") }
            let start: LocalDateTime
            let window: (start: LocalDateTime, end: LocalDateTime?)
            do { window = try DanishInput.window(freeAt, now: TimeInput.now()) } catch {
                throw ValidationError("--free-at: \(error) (expected e.g. 2026-12-01T19:00, tirsdag 19.00 or ti 19-21)")
            }
            start = try Overblik.existingLocalTime(window.start, option: "--free-at")
            if let end = window.end, duration == nil { return .freeAt(start: start, duration: ScheduleDuration(minutes: end.localMinutes - start.localMinutes)) }
            guard let duration else { throw ValidationError("--free-at needs --for DURATION (e.g. --for 2h), or a span such as \"ti 19-21\"") }
            let d: ScheduleDuration
            do { d = try ScheduleDuration(parsing: duration) } catch {
                throw ValidationError("--for: \(error) (expected e.g. 90m, 2h)")
            }
            guard d.minutes > 0 else { throw ValidationError("--for must be longer than 0 minutes") }
            return .freeAt(start: start, duration: d)
        }
        if let freeWeekly {
            let slot: WeeklySlot
            do { slot = try DanishInput.weeklySlot(freeWeekly) } catch {
                throw ValidationError("--free-weekly: \(error) (expected e.g. \"ti 19-21\" or \"Tu 19:00-21:00\")")
            }
            guard let from, let to else { throw ValidationError("--free-weekly needs --from DATE and --to DATE") }
            let first: LocalDate, last: LocalDate
            do {
                first = try DanishInput.date(String(from.split(separator: "T").first ?? ""))
                last = try DanishInput.date(String(to.split(separator: "T").first ?? ""))
            } catch { throw ValidationError("--from/--to: \(error) (expected YYYY-MM-DD or DD.MM.YYYY)") }
            guard first <= last else { throw ValidationError("--from must not be after --to") }
            if let minShare {
                guard (0...1).contains(minShare) else { throw ValidationError("--min-share must lie between 0 and 1") }
                return .freeWeeklyShare(slot: slot, from: first, through: last, minShare: minShare)
            }
            return .freeWeekly(slot: slot, from: first, through: last)
        }
        if minShare != nil { throw ValidationError("--min-share needs --free-weekly") }
        if duration != nil { throw ValidationError("--for needs --free-at") }
        return nil
    }
}


/// Parses DIST arguments (`500m`, `2.5km`).
func parseDistance(_ text: String, option: String) throws -> Double {
    do { return try Distance(parsing: text).metres } catch {
        throw ValidationError("\(option): \(error) (expected e.g. 500m, 2.5km)")
    }
}
