import Analysis
import Foundation
import GeoTypes

/// A coverage or gaps question in the words of a query string (`GET /api/coverage?kind=village_hall&within=5km`):
/// every value is text, parsed here once, with the rules and defaults of `overblik coverage` and `gaps`.
///
/// Keys: the facility filters and time conditions of ``NearParameters`` (`kind`, `owner`, `wheelchair`,
/// `step_free`, `hearing_loop`, `toilets_wheelchair`, `parking_accessible`, `capacity`, `equipment`,
/// `free_at` + `for`, `free_weekly` + `from` + `to` + `min_share`); `within` (comma-separated reaches,
/// default 5km), `rural_within` + `urban_within` (comma-separated, in pairs), `source`
/// (population|settlements|area), `town_population`, `urban_majority`, `district` (codes,
/// comma-separated), `by` (district|settlement|point and/or walk|bike|car, comma-separated; gaps: the
/// travel mode only), and for gaps `include_outside`.
public struct CoverageParameters: Sendable {
    /// How coverage rows are grouped.
    public typealias Grouping = CoverageGrouping

    /// The values by key, as given.
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    /// The filter and time keys shared with `near`.
    static let filterKeys: Set<String> = NearParameters.keys.subtracting(["at", "place", "limit", "within", "by", "rank"])
    /// The keys of a coverage question.
    public static let coverageKeys = filterKeys.union(["within", "rural_within", "urban_within", "source", "town_population",
                                                       "urban_majority", "district", "by"])
    /// The keys of a gaps question.
    public static let gapsKeys = coverageKeys.union(["include_outside"])

    /// A parsed question: the query, the road question (nil: geodesic) and the grouping of the rows.
    public struct Question: Sendable {
        public var query: CoverageQuery
        public var road: RoadQuestion?
        public var grouping: Grouping
        /// The reaches' labels, in order.
        public var labels: [String] { query.reaches.map(\.label) }
    }

    /// The question of these parameters, as `coverage` (`gaps: false`) or `gaps` (`gaps: true`) asks it.
    /// - Throws: ``OverblikError/badInput(_:)`` naming the parameter and what was expected.
    public func question(gaps: Bool) throws -> Question {
        let near = NearParameters(values)
        var grouping = Grouping.district, travel: String?
        for value in near.list("by") {
            if let g = Grouping(rawValue: value), !gaps { grouping = g; continue }
            guard ["walk", "bike", "car"].contains(value) else {
                let groups = gaps ? "" : "district, settlement, point, "
                throw OverblikError.badInput("by: expected \(groups)walk, bike or car, not '\(value)'")
            }
            travel = value
        }
        let within = near.list("within"), rural = near.list("rural_within"), urban = near.list("urban_within")
        let road = try travel.map { try RoadQuestion.reaches(by: $0, within: within, ruralWithin: rural, urbanWithin: urban) }
        var source: DemandSource?
        if let text = values["source"] {
            guard let parsed = DemandSource(rawValue: text), !(gaps && parsed == .area) else {
                throw OverblikError.badInput("source: expected population, settlements\(gaps ? "" : " or area"), not '\(text)'")
            }
            source = parsed
        }
        if grouping == .settlement { source = .settlements }
        var query = CoverageQuery(filter: try near.filter(), time: try near.timeCondition(),
                                  reaches: try road?.1 ?? Self.reaches(within: within, ruralWithin: rural, urbanWithin: urban),
                                  source: source, includeDemand: gaps || grouping != .district, policy: try policy(),
                                  districts: near.list("district"))
        if query.districts?.isEmpty == true { query.districts = nil }
        return Question(query: query, road: road?.0, grouping: grouping)
    }

    /// Whether gaps lists demand outside every district too (`include_outside`).
    public func includeOutside() throws -> Bool { try NearParameters(values).flag("include_outside") }

    /// The rural rule of `town_population` (default 3000) and `urban_majority` (default 0.5).
    func policy() throws -> RuralPolicy {
        let defaults = RuralPolicy()
        let town = try number("town_population") ?? defaults.townPopulation
        let majority = try number("urban_majority") ?? defaults.urbanMajority
        return try Self.policy(townPopulation: town, urbanMajority: majority, name: { $0 })
    }

    func number(_ key: String) throws -> Double? {
        try values[key].map { text in
            guard let value = Double(text) else { throw OverblikError.badInput("\(key): expected a number, not '\(text)'") }
            return value
        }
    }

    /// The rural rule, checked: a town size >= 0 and a majority share in 0...1. `name` spells a key
    /// the way the front-end does (`town_population`, `--town-population`).
    public static func policy(townPopulation: Double, urbanMajority: Double, name: (String) -> String) throws -> RuralPolicy {
        guard townPopulation.isFinite, townPopulation >= 0 else {
            throw OverblikError.badInput("\(name("town_population")) must be a number >= 0, not \(townPopulation)")
        }
        guard urbanMajority.isFinite, (0 ... 1).contains(urbanMajority) else {
            throw OverblikError.badInput("\(name("urban_majority")) must be a share in 0...1, not \(urbanMajority)")
        }
        return RuralPolicy(townPopulation: townPopulation, urbanMajority: urbanMajority)
    }

    /// The geodesic reaches of `within` texts and rural/urban pairs (default one reach of 5 km), each
    /// labelled as given. `name` spells a key the way the front-end does (`within`, `--within`).
    /// - Throws: ``OverblikError/badInput(_:)`` for a distance it cannot read, unpaired rural/urban
    ///   reaches or a reach given twice.
    public static func reaches(within: [String], ruralWithin: [String], urbanWithin: [String],
                               name: (String) -> String = { $0 }) throws -> [Reach] {
        func metres(_ text: String, _ key: String) throws -> Double {
            do { return try Distance(parsing: text).metres } catch {
                throw OverblikError.badInput("\(name(key)): \(error) (expected e.g. 500m, 2.5km)")
            }
        }
        var out: [Reach] = []
        for text in within.flatMap({ $0.split(separator: ",").map(String.init) }) {
            out.append(Reach(.within(metres: try metres(text, "within")), label: text.trimmingCharacters(in: .whitespaces)))
        }
        guard ruralWithin.count == urbanWithin.count else {
            throw OverblikError.badInput("\(name("rural_within")) and \(name("urban_within")) come in pairs (\(ruralWithin.count) vs \(urbanWithin.count))")
        }
        for (r, u) in zip(ruralWithin, urbanWithin) {
            out.append(Reach(.byClass(ruralMetres: try metres(r, "rural_within"), urbanMetres: try metres(u, "urban_within")),
                             label: "rural \(r)/urban \(u)"))
        }
        if out.isEmpty { out.append(Reach(.within(metres: 5_000), label: "5km")) }
        var seen = Set<String>()
        for r in out where !seen.insert(r.label).inserted {
            throw OverblikError.badInput("reach \(r.label) given twice")
        }
        return out
    }
}
