import ArgumentParser
import Foundation
import Overblik

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
        try Output.render(try overblik.allocationReport(applicationsPath: applications, season: parsedSeason, rulesPath: rules, dryRun: dryRun),
                          as: global.format)
    }
}
