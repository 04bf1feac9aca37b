import Analysis
import ArgumentParser
import Overblik

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

extension DemandSource: ExpressibleByArgument {}
