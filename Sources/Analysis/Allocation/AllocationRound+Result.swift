import GeoTypes
import Scheduling
import Facilities

extension AllocationRound {
    /// Allocations and refusals sorted by application id, and the summary.
    func result(isRural: ((Coordinate) -> Bool)?) -> AllocationResult {
        var allocations: [Allocation] = [], refusals: [Refusal] = []
        var byClass = Dictionary(uniqueKeysWithValues: ActivityClass.allCases.map { ($0, AllocationSummaryRow(group: $0.rawValue)) })
        var byArea = Dictionary(uniqueKeysWithValues: ["rural", "urban", "unknown"].map { ($0, AllocationSummaryRow(group: $0)) })
        for (a, app) in applications.enumerated() {
            let area: String
            if let rural = app.rural ?? app.home.flatMap({ home in isRural.map { $0(home) } }) {
                area = rural ? "rural" : "urban"
            } else {
                area = "unknown"
            }
            var row = AllocationSummaryRow(group: "", applications: 1, requestedWeeklyHours: app.slots[0].allocationHours)
            if let p = placements[a] {
                let room = rooms[p.room], slot = app.slots[p.slot]
                allocations.append(Allocation(
                    application: app.id, facility: room.facility.id, room: room.room.id, weekday: slot.weekday.osmName,
                    start: slot.allocationStartText, end: slot.allocationEndText,
                    dates: p.dates.map { LocalDate(dayNumber: $0).description },
                    skippedDates: p.skipped.map { LocalDate(dayNumber: $0).description },
                    rule: p.key.stage == 0 ? "stk. 4" : p.rule.map { rules.rules[$0].id } ?? "stk. 3",
                    reason: allocationReason(a, p)))
                row.allocated = 1
                row.allocatedWeeklyHours = slot.allocationHours
                row.allocatedSeasonHours = slot.allocationHours * Double(p.dates.count)
            } else {
                refusals.append(Refusal(application: app.id, reason: refusalReason(a)))
                row.refused = 1
            }
            byClass[app.activity]!.add(row)
            byArea[area]!.add(row)
        }
        let summary = AllocationSummary(
            seasonFrom: season.from.description, seasonTo: season.to.description, applications: applications.count,
            allocated: allocations.count, refused: refusals.count,
            byActivity: ActivityClass.allCases.map { byClass[$0]! },
            byArea: ["rural", "urban", "unknown"].map { byArea[$0]! }, roomsNotOffered: roomsNotOffered)
        return AllocationResult(allocations: allocations, refusals: refusals, summary: summary)
    }
}

extension AllocationSummaryRow {
    /// Adds the counts and hours of `other` (its group is ignored).
    mutating func add(_ other: AllocationSummaryRow) {
        applications += other.applications
        allocated += other.allocated
        refused += other.refused
        requestedWeeklyHours += other.requestedWeeklyHours
        allocatedWeeklyHours += other.allocatedWeeklyHours
        allocatedSeasonHours += other.allocatedSeasonHours
    }
}
