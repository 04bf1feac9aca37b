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
        try TimeCondition(freeAt: freeAt, duration: duration, freeWeekly: freeWeekly, from: from, to: to, minShare: minShare)
    }
}


/// Parses DIST arguments (`500m`, `2.5km`).
func parseDistance(_ text: String, option: String) throws -> Double {
    do { return try Distance(parsing: text).metres } catch {
        throw ValidationError("\(option): \(error) (expected e.g. 500m, 2.5km)")
    }
}
