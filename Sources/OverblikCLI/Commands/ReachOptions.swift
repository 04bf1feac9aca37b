import ArgumentParser
import Overblik
import Foundation

/// Reach thresholds for coverage, gaps and site.
struct ReachOptions: ParsableArguments {
    @Option(help: "Reach for everyone; repeat or comma-separate for several thresholds at once (2km,5km).")
    var within: [String] = []

    @Option(help: "Reach for rural demand (with --urban-within); repeat for several pairs.")
    var ruralWithin: [String] = []

    @Option(help: "Reach for urban demand (with --rural-within).")
    var urbanWithin: [String] = []

    @Option(help: "Demand from: population (stored points), settlements, or area (share of district area; coverage only); default population points when stored, else settlements, else area.")
    var source: DemandSource?

    @Option(help: "Rural rule: a point inside the extent of a town of at least this many inhabitants is urban (default 3000).")
    var townPopulation: Double = RuralPolicy().townPopulation

    @Option(help: "Rural rule: a district is urban when more than this share of its residents are urban, unless its layer says otherwise (default 0.5).")
    var urbanMajority: Double = RuralPolicy().urbanMajority

    @Option(help: "Only these districts (codes, comma-separated): demand, candidates and rows of the planner's own area.")
    var district: [String] = []

    /// The district codes of `--district`, nil when not given.
    var districtCodes: [String]? {
        let codes = district.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        return codes.isEmpty ? nil : codes
    }

    /// The rural policy of `--town-population` and `--urban-majority` (checked by the library).
    func policy() throws -> RuralPolicy {
        try CoverageParameters.policy(townPopulation: townPopulation, urbanMajority: urbanMajority, name: Self.option)
    }

    /// The reaches of `--within` and `--rural-within`/`--urban-within` (default 5km), by the library's rules.
    func reaches() throws -> [Reach] {
        try CoverageParameters.reaches(within: within, ruralWithin: ruralWithin, urbanWithin: urbanWithin, name: Self.option)
    }

    /// A parameter name as an option: `rural_within` → `--rural-within`.
    static func option(_ key: String) -> String { "--" + key.replacingOccurrences(of: "_", with: "-") }
}
