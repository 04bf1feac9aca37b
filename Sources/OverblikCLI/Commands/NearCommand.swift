import ArgumentParser
import Foundation
import Overblik

struct NearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "near",
        abstract: "Facilities nearest to a place, by exact WGS84 geodesic distance, with filters.",
        discussion: """
        WHERE is LON,LAT, a settlement name (case- and diacritic-insensitive: Naesby finds Næsby) or a
        facility id. Filters are applied inside the search: "the 5 nearest wheelchair-accessible village
        halls" is exact however many other facilities lie nearer. Ties are broken by facility id; the
        radius of --within is inclusive. An unknown place exits 1 with suggestions.

        Examples:
          overblik near Nibe --kind village_hall --wheelchair yes --within 10km --limit 5
          overblik near 9.9187,57.048 --capacity 25 --free-at 2026-12-01T19:00 --for 2h
          overblik near Sebbersund --free-weekly "Tu 19:00-21:00" --from 2026-08-01 --to 2027-06-30 --step-free
          overblik near --from-file addresses.csv --kind library --limit 1 --format csv
          overblik near Nibe --kind village_hall --by car --within 10min     (by road: docs/roads.md)
        """)

    @Argument(help: "LON,LAT, a settlement name or a facility id (omit with --from-file).")
    var place: String?

    @OptionGroup var filters: FilterOptions

    @Option(help: "Only facilities within this distance (inclusive): 500m, 10km; with --by also a time: 10min.") var within: String?
    @Option(help: "By road instead of geodesic: walk, bike or car (needs `import network`).") var by: String?
    @Option(help: "With --by and no --within: rank by distance (default) or time.") var rank: String?
    @Option(help: "How many facilities at most.") var limit: Int = 10
    @Option(help: "Answer every row of a CSV with columns id,lon,lat, one result block per row.") var fromFile: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be >= 0") }
        if place == nil && fromFile == nil { throw ValidationError("give a place (LON,LAT, settlement or facility id) or --from-file FILE") }
        if place != nil && fromFile != nil { throw ValidationError("give either a place or --from-file, not both") }
    }

    func run() throws {
        try global.require([.table, .json, .csv, .geojson], command: "near")
        let road = try by.map { try RoadQuestion(by: $0, within: within, rank: rank) }
        let query = NearQuery(filter: try filters.filter(), limit: limit,
                              within: road != nil ? nil : try within.map { try parseDistance($0, option: "--within") },
                              time: try filters.timeCondition())
        let overblik = try global.openForQuery()
        if let fromFile {
            try runBatch(overblik, query: query, road: road, file: fromFile)
            return
        }
        let resolved = try overblik.resolvePlace(place!)
        let answer = try road.map { try overblik.near(resolved, query, by: $0) } ?? overblik.near(resolved, query)
        if query.time != nil {
            for warning in try overblik.calendarWarnings() { Output.error("overblik: warning: " + warning) }
        }
        if !answer.unreachable.isEmpty {
            Output.error("overblik: \(answer.unreachable.count) matching facilit\(answer.unreachable.count == 1 ? "y is" : "ies are") more than 1 km from the \(road?.modeName ?? "") network: "
                + answer.unreachable.prefix(20).joined(separator: ", "))
        }
        let renderer = try NearRenderer(format: global.format)
        renderer.begin(Output.sink)
        try renderer.block(answer, queryID: nil, to: Output.sink)
        renderer.end(Output.sink)
        Output.flush()
        if answer.hits.isEmpty {
            Output.error("overblik: no facility matches within the given limits")
        }
    }

    func runBatch(_ overblik: Overblik, query: NearQuery, road: RoadQuestion?, file: String) throws {
        let renderer = try NearRenderer(format: global.format)
        renderer.begin(Output.sink)
        let bad = try overblik.nearBatch(file: file, query, by: road, skipped: { Output.error("overblik: " + $0) }) { answer, id in
            try renderer.block(answer, queryID: id, to: Output.sink)
        }
        renderer.end(Output.sink)
        Output.flush()
        if bad > 0 { throw SilentExit(code: ExitCodes.badInput, message: "\(bad) input row(s) skipped, see above") }
    }
}
