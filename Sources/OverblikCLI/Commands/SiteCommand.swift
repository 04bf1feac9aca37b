import ArgumentParser
import Foundation
import Overblik

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Where to add facilities so that the most residents get one within reach (or all of them).",
        discussion: """
        The facility filters describe the EXISTING qualifying facilities; residents within reach of
        one count as already covered. Candidates are existing buildings matching --candidates that do
        not already qualify (a compact filter: kind=school,owner=municipal), or the settlements
        themselves (--candidates settlements). With -p N: the N sites that newly cover the most
        residents (maximal covering; lazy greedy + swap local search, with a Lagrangian upper bound and
        the gap to it; small instances are solved exactly). With --cover-all: the fewest sites that
        reach everyone any candidate can reach, with a lower bound on that number.
        Sites are listed in the order they were added, each with the residents it newly covers.

        Examples:
          overblik site --kind village_hall --candidates kind=school,owner=municipal -p 3 --within 5km
          overblik site --kind village_hall --candidates settlements -p 5 --rural-within 5km --urban-within 2km --rural-weight 2
          overblik site --kind village_hall --candidates kind=school --cover-all --within 5km --format json
          overblik site --kind library --candidates settlements -p 3 --within 10km --format geojson > sites.geojson
        """)

    @OptionGroup var filters: FilterOptions
    @OptionGroup var reach: ReachOptions
    @Option(help: "Candidate sites: a compact filter over existing buildings (kind=school,owner=municipal) or 'settlements'.")
    var candidates: String
    @Option(name: .short, help: "Number of sites to add (maximal covering).")
    var p: Int?
    @Option(help: "Objective weight of rural residents (2 = a rural resident counts twice).")
    var ruralWeight: Double = 1
    @Flag(help: "Find the fewest sites that reach every resident any candidate can reach.")
    var coverAll = false
    @Option(help: "With --cover-all: stop the exact search after this long (e.g. 30s, 2min) and print the best cover, the bound and the gap.")
    var timeLimit: String?
    @Option(help: "Travel by road: walk, bike or car (the reach then by road, e.g. --within 10min).") var by: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if coverAll, p != nil { throw ValidationError("use either -p N or --cover-all") }
        if !coverAll, p == nil { throw ValidationError("site needs -p N (number of sites) or --cover-all") }
        if let p, p < 0 { throw ValidationError("-p must be >= 0") }
        if !(ruralWeight.isFinite && ruralWeight > 0) { throw ValidationError("--rural-weight must be > 0") }
        if timeLimit != nil, !coverAll { throw ValidationError("--time-limit applies to --cover-all only") }
        if reach.source == .area {
            throw ValidationError("site --source area: siting needs demand points; use --source population or --source settlements")
        }
    }

    func run() throws {
        try global.require([.table, .json, .csv, .geojson], command: "site")
        let road = try by.map { try RoadQuestion.reaches(by: $0, within: reach.within, ruralWithin: reach.ruralWithin, urbanWithin: reach.urbanWithin) }
        let reaches = try road?.1 ?? reach.reaches()
        guard reaches.count == 1 else { throw ValidationError("site takes one reach (one --within or one --rural-within/--urban-within pair)") }
        let source: CandidateSource
        if candidates.lowercased() == "settlements" {
            source = .settlements
        } else {
            do { source = .facilities(try FacilityFilter(parsing: candidates)) } catch {
                throw ValidationError("--candidates: \(error)")
            }
        }
        let limit = try timeLimit.map { try parseSeconds($0, option: "--time-limit") }
        var query = SiteQuery(filter: try filters.filter(), time: try filters.timeCondition(), reach: reaches[0],
                              source: reach.source, candidates: source, p: p ?? 0, ruralWeight: ruralWeight, coverAll: coverAll,
                              policy: try reach.policy(), districts: reach.districtCodes, timeLimit: limit)
        query.road = road?.0
        let outcome = try global.open().site(query)
        try Output.render(outcome, as: global.format)
    }
}

/// Seconds from a duration with a unit: `90s`, `2min`, `1h` (a bare number is refused).
func parseSeconds(_ text: String, option: String) throws -> Double {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    for (unit, factor) in [("min", 60.0), ("ms", 0.001), ("s", 1), ("h", 3600)] where t.hasSuffix(unit) {
        if let v = Double(t.dropLast(unit.count).trimmingCharacters(in: .whitespaces)), v.isFinite, v > 0 { return v * factor }
    }
    throw ValidationError("\(option): expected a duration with a unit such as 30s, 2min or 1h, not '\(text)'")
}
