import Analysis
import ArgumentParser
import Foundation
import GeoJSON
import GeoTypes
import Overblik
import Scheduling

struct AllocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "The yearly allocation round: weekly slots to associations in the order of Folkeoplysningsloven § 21.",
        discussion: """
        Order: stk. 4 first (rooms particularly suited to disability activities go to such activities),
        then stk. 3 (children and young people, then folkeoplysende adult education, then other adult
        activities); rooms are offered in the order of stk. 1 (municipal, education, regional, state
        premises; private premises never). Local rules (--rules, JSON; see Data/rules/README.md) add
        municipal practice on top. Every allocation and refusal carries a written reason naming the rule
        that decided it. The result is deterministic whatever the order of the input file.

        Without --dry-run every allocation is written as a weekly booking series in ONE transaction;
        if someone booked a conflicting time meanwhile, nothing is written and the exit code is 3.

        Examples:
          overblik allocate Data/applications.csv --season 2026-08-17..2027-06-18 --rules Data/rules/aalborg.json --dry-run
          overblik allocate Data/applications.csv --season 2026-08-17..2027-06-18 --format json > round.json
          overblik allocate applications.json --season 2026-08-17..2027-06-18 --format geojson --dry-run > allocations.geojson
        """)

    @Argument(help: "Applications, CSV or JSON.") var applications: String
    @Option(help: "The season, FROM..TO (2026-08-17..2027-06-18). Default: 1 August to 30 June of the coming season.")
    var season: String?
    @Option(help: "Local rules file (JSON).") var rules: String?
    @Flag(help: "Compute and report only; write no bookings.") var dryRun = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.require([.table, .json, .csv, .geojson], command: "allocate")
        let parsedSeason = try Overblik.allocationSeason(season, name: "--season")
        let overblik = try global.open()
        let run = try overblik.allocate(applicationsPath: applications, season: parsedSeason, rulesPath: rules, dryRun: dryRun)
        let r = run.result
        switch global.format {
        case .json: try Output.json(r)
        case .csv:
            Output.write(CSVText.row(["application", "status", "facility", "room", "weekday", "start", "end", "dates",
                                      "skipped_dates", "rule", "reason"]))
            for a in r.allocations {
                Output.write(CSVText.row([a.application, "allocated", a.facility, a.room, a.weekday, a.start, a.end,
                                          String(a.dates.count), a.skippedDates.joined(separator: " "), a.rule, a.reason]))
            }
            for f in r.refusals {
                Output.write(CSVText.row([f.application, "refused", "", "", "", "", "", "", "", "", f.reason]))
            }
        case .geojson:
            let catalog = try overblik.catalog()
            let places = Dictionary(catalog.facilities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let features: [GeoJSONFeature] = r.allocations.compactMap { a in
                guard let f = places[a.facility] else { return nil }
                return GeoJSONFeature(id: .string(a.application), geometry: .point(f.location), properties: [
                    JSONMember("application", .string(a.application)), JSONMember("facility", .string(a.facility)),
                    JSONMember("facility_name", .string(f.name)), JSONMember("room", .string(a.room)),
                    JSONMember("weekday", .string(a.weekday)), JSONMember("start", .string(a.start)),
                    JSONMember("end", .string(a.end)), JSONMember("dates", .integer(Int64(a.dates.count))),
                    JSONMember("skipped_dates", .string(a.skippedDates.joined(separator: " "))),
                    JSONMember("rule", .string(a.rule)), JSONMember("reason", .string(a.reason)),
                ])
            }
            try GeoJSONOutput.collection(features)
        default:
            table(r)
            if run.dryRun {
                Output.line("dry run: nothing written")
            } else {
                Output.line("wrote \(run.bookingsWritten) bookings in \(r.allocations.count) weekly series")
            }
        }
        Output.flush()
    }

    func table(_ r: AllocationResult) {
        Output.line("Season \(r.summary.seasonFrom)..\(r.summary.seasonTo): \(r.summary.allocated) of \(r.summary.applications) applications allocated, \(r.summary.refused) refused")
        Output.line()
        var t = TextTable(["application", "room", "slot", "weeks", "skipped", "rule", "reason"], rightAligned: [3, 4])
        for a in r.allocations {
            t.add([a.application, a.room, "\(a.weekday) \(a.start)-\(a.end)", String(a.dates.count), String(a.skippedDates.count),
                   a.rule, a.reason])
        }
        Output.write(t.render())
        if !r.refusals.isEmpty {
            Output.line()
            var refused = TextTable(["refused", "reason"])
            for f in r.refusals { refused.add([f.application, f.reason]) }
            Output.write(refused.render())
        }
        Output.line()
        var s = TextTable(["group", "applications", "allocated", "refused", "hours/week asked", "hours/week given", "season hours"],
                          rightAligned: [1, 2, 3, 4, 5, 6])
        for row in r.summary.byActivity + r.summary.byArea {
            s.add([row.group, String(row.applications), String(row.allocated), String(row.refused),
                   String(format: "%.1f", row.requestedWeeklyHours), String(format: "%.1f", row.allocatedWeeklyHours),
                   String(format: "%.1f", row.allocatedSeasonHours)])
        }
        Output.write(s.render())
    }
}
