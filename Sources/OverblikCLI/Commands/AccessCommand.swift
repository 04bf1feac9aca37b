import ArgumentParser
import Foundation
import Overblik

struct AccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Free room time per resident within reach (2SFCA accessibility), district by district; worst first.",
        discussion: """
        Two-step floating catchment area (2SFCA) with Gaussian distance decay (Dai 2010):
          R_j = S_j / Σ_i w(d_ij) P_i   and   A_i = Σ_j w(d_ij) R_j,  w(d) = (e^(-(d/d0)²/2) − e^(-1/2)) / (1 − e^(-1/2)) for d ≤ d0.
        Supply S_j of a qualifying facility = Σ over its matching rooms of free hours in the reference
        ISO week (opening hours minus bookings and holiday closures) × capacity. The catchment d0 is
        the reach (the larger of a rural/urban pair). A_i is person-hours per week per resident; per
        district the population-weighted mean. Distances are exact geodesics.

        Examples:
          overblik access --kind village_hall --within 5km
          overblik access --kind village_hall,culture_house --within 10km --week-of 2026-11-30 --format json
          overblik access --wheelchair yes --within 5km --decay none --format csv
        """)

    @OptionGroup var filters: FilterOptions
    @OptionGroup var reach: ReachOptions
    @Option(help: "A date in the reference ISO week (default: next Monday).") var weekOf: String?
    @Option(help: "Distance decay: gaussian (default, Dai 2010) or none (classic 2SFCA).") var decay: DistanceDecay = .gaussian
    @Option(help: "Travel by road: walk, bike or car (the catchment then by road, e.g. --within 10min).") var by: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require([.table, .json, .csv], command: "access")
        let road = try by.map { try RoadQuestion.reaches(by: $0, within: reach.within, ruralWithin: reach.ruralWithin, urbanWithin: reach.urbanWithin) }
        let reaches = try road?.1 ?? reach.reaches()
        if reach.districtCodes != nil {
            throw ValidationError("access --district: accessibility competes for supply across the whole area; run it without --district")
        }
        var week: LocalDate?
        if let weekOf {
            do { week = try LocalDate(parsing: weekOf) } catch { throw ValidationError("--week-of: \(error) (expected e.g. 2026-11-30)") }
        }
        var query = AccessibilityQuery(filter: try filters.filter(), time: try filters.timeCondition(), reach: reaches[0],
                                       source: reach.source, weekOf: week, decay: decay, policy: try reach.policy())
        query.road = road?.0
        let outcome = try global.open().accessibility(query)
        try Output.render(outcome, as: global.format)
    }
}
