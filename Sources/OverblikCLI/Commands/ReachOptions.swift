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

    /// The rural policy of `--town-population` and `--urban-majority`.
    func policy() throws -> RuralPolicy {
        guard townPopulation.isFinite, townPopulation >= 0 else {
            throw ValidationError("--town-population must be a number >= 0, not \(townPopulation)")
        }
        guard urbanMajority.isFinite, (0 ... 1).contains(urbanMajority) else {
            throw ValidationError("--urban-majority must be a share in 0...1, not \(urbanMajority)")
        }
        return RuralPolicy(townPopulation: townPopulation, urbanMajority: urbanMajority)
    }

    func reaches(defaultMetres: Double = 5_000) throws -> [Reach] {
        var out: [Reach] = []
        for text in within.flatMap({ $0.split(separator: ",").map(String.init) }) {
            out.append(Reach(.within(metres: try parseDistance(text, option: "--within")), label: text.trimmingCharacters(in: .whitespaces)))
        }
        guard ruralWithin.count == urbanWithin.count else {
            throw ValidationError("--rural-within and --urban-within come in pairs (\(ruralWithin.count) vs \(urbanWithin.count))")
        }
        for (r, u) in zip(ruralWithin, urbanWithin) {
            out.append(Reach(.byClass(ruralMetres: try parseDistance(r, option: "--rural-within"),
                                      urbanMetres: try parseDistance(u, option: "--urban-within")),
                             label: "rural \(r)/urban \(u)"))
        }
        if out.isEmpty { out.append(Reach(.within(metres: defaultMetres), label: "5km")) }
        var seen = Set<String>()
        for r in out where !seen.insert(r.label).inserted {
            throw ValidationError("reach \(r.label) given twice")
        }
        return out
    }
}
