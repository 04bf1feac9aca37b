import ArgumentParser
import Overblik

struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Residents within reach of a qualifying facility, district by district; worst-served rural districts first.",
        discussion: """
        Demand comes from stored population points, else from settlements. Distances are exact WGS84
        geodesics to the nearest facility that passes the filters (and the time condition, if any).
        Per district: residents, residents within each reach (count and share), weighted mean, median,
        p90 and max distance, facilities and facilities per 1 000 residents; then rural, urban and total.
        With neither population points nor settlements stored (or --source area): the share of each
        district's area within reach (geodesic reach polygons, unioned, intersected, EPSG:25832).

        Examples:
          overblik coverage --kind village_hall --within 5km
          overblik coverage --kind village_hall --rural-within 5km --urban-within 2km --format json
          overblik coverage --wheelchair yes --capacity 25 --free-weekly "Tu 19:00-21:00" --from 2026-08-01 --to 2027-06-30 --within 10km
          overblik coverage --kind village_hall --within 2km,5km --by settlement --format csv
          overblik coverage --kind library --within 10km --format geojson > coverage.geojson
          overblik coverage --kind village_hall --by car --within 10min --by settlement   (by road: docs/roads.md)
        """)

    @OptionGroup var filters: FilterOptions
    @OptionGroup var reach: ReachOptions
    @Option(help: "Group rows by district (default), settlement or point (every demand point with its nearest facility); and/or travel by road: walk, bike or car (reaches then by road, e.g. --within 10min). Repeat or comma-separate.")
    var by: [String] = []
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require([.table, .json, .csv, .geojson], command: "coverage")
        var by = CoverageGrouping.district, travel: String?
        for value in self.by.flatMap({ $0.split(separator: ",").map(String.init) }) {
            if let g = CoverageGrouping(rawValue: value) { by = g } else { travel = value }
        }
        let road = try travel.map { try RoadQuestion.reaches(by: $0, within: reach.within, ruralWithin: reach.ruralWithin, urbanWithin: reach.urbanWithin) }
        let reaches = try road?.1 ?? reach.reaches()
        var source = reach.source
        if by == .settlement { source = .settlements }
        let query = CoverageQuery(filter: try filters.filter(), time: try filters.timeCondition(), reaches: reaches,
                                  source: source, includeDemand: by != .district, policy: try reach.policy(),
                                  districts: reach.districtCodes)
        let overblik = try global.open()
        let result = try overblik.coverage(query, by: road?.0, grouping: by)
        let outcome = result.outcome
        if !outcome.unreachableDemand.isEmpty {
            Output.error("overblik: \(outcome.unreachableDemand.count) demand point(s) more than 1 km from the \(travel ?? "") network count as beyond reach: "
                + outcome.unreachableDemand.prefix(20).joined(separator: ", ") + (outcome.unreachableDemand.count > 20 ? ", ..." : ""))
        }
        if let road = outcome.road {
            Output.error("overblik: by \(road.modeName), reaches and distances as \(road.metricName)\(road.metricName == "road_time" ? " (seconds)" : " (metres)")")
        }
        try Output.render(result, as: global.format)
    }
}



struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Settlements (or population points) beyond reach of every qualifying facility, worst first.",
        discussion: """
        Ordered by residents × distance to the nearest qualifying facility (those with no qualifying
        facility at all first), each with that facility and the distance. The first reach decides.
        Lists settlements by default (population points when no settlements are stored).

        Examples:
          overblik gaps --kind village_hall --within 5km
          overblik gaps --kind village_hall --rural-within 5km --urban-within 2km --format geojson > gaps.geojson
          overblik gaps --wheelchair yes --within 10km --source population --format csv
        """)

    @OptionGroup var filters: FilterOptions
    @OptionGroup var reach: ReachOptions
    @Option(help: "Travel by road: walk, bike or car (reaches then by road, e.g. --within 10min).") var by: String?
    @Flag(help: "Also list demand outside every district (after the rural and urban gaps).")
    var includeOutside = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require([.table, .json, .csv, .geojson], command: "gaps")
        let road = try by.map { try RoadQuestion.reaches(by: $0, within: reach.within, ruralWithin: reach.ruralWithin, urbanWithin: reach.urbanWithin) }
        var query = CoverageQuery(filter: try filters.filter(), time: try filters.timeCondition(),
                                  reaches: try road?.1 ?? reach.reaches(), source: reach.source)
        query.policy = try reach.policy()
        query.districts = reach.districtCodes
        if let road = road?.0 {
            Output.error("overblik: by \(road.modeName), reaches and distances as \(road.metricName)\(road.metricName == "road_time" ? " (distance_m: route metres; threshold in seconds)" : " (metres)")")
        }
        let gaps = try global.open().gapList(query, by: road?.0, includeOutside: includeOutside)
        try Output.render(gaps, as: global.format)
    }
}
