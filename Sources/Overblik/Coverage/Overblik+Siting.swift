public import Analysis
import Facilities
import GeoTypes
import SpatialIndex

/// Where candidate sites for new facilities come from.
public enum CandidateSource: Sendable, Hashable {
    /// Existing buildings that match the filter and do NOT already qualify (for example schools that
    /// could open a hall to associations).
    case facilities(FacilityFilter)
    /// The settlements themselves (a new building in the village).
    case settlements
}

/// A siting question: where to add facilities so that more residents have one within reach.
public struct SiteQuery: Sendable {
    /// Conditions for the EXISTING qualifying facilities (their coverage counts as already covered).
    public var filter: FacilityFilter
    public var time: TimeCondition?
    /// The reach a new site must be within (rural/urban thresholds allowed).
    public var reach: Reach
    public var source: DemandSource?
    public var candidates: CandidateSource
    /// Number of sites to add (maximal covering); ignored with ``coverAll``.
    public var p: Int
    /// Objective factor for rural demand (1 = every resident counts the same).
    public var ruralWeight: Double
    /// Find the fewest sites that reach everyone any candidate can reach (set covering).
    public var coverAll: Bool
    public var options: SitingOptions
    /// Thresholds of the rural rule.
    public var policy: RuralPolicy
    /// Only demand and candidates in these districts (codes); nil for all. Demand outside every
    /// district is never sited for.
    public var districts: [String]?
    /// With ``coverAll``: stop the exact search after this many seconds (best cover, bound and gap).
    public var timeLimit: Double?
    /// By road: the mode and metric; ``reach`` is then in the metric's unit (metres or seconds, as
    /// ``RoadQuestion/reaches(by:within:ruralWithin:urbanWithin:)`` gives it). Nil: geodesic.
    public var road: RoadQuestion?

    public init(filter: FacilityFilter = FacilityFilter(), time: TimeCondition? = nil, reach: Reach,
                source: DemandSource? = nil, candidates: CandidateSource, p: Int, ruralWeight: Double = 1,
                coverAll: Bool = false, options: SitingOptions = SitingOptions(), policy: RuralPolicy = RuralPolicy(),
                districts: [String]? = nil, timeLimit: Double? = nil) {
        self.policy = policy
        self.districts = districts
        self.timeLimit = timeLimit
        self.filter = filter
        self.time = time
        self.reach = reach
        self.source = source
        self.candidates = candidates
        self.p = p
        self.ruralWeight = ruralWeight
        self.coverAll = coverAll
        self.options = options
    }
}

/// One chosen site, in the order the solver added it.
public struct SitePick: Sendable, Codable, Hashable {
    /// 1-based order.
    public var rank: Int
    public var id: String
    public var name: String
    public var kind: String?
    public var lon: Double
    public var lat: Double
    /// Residents this site newly covers, given the sites before it.
    public var gain: Double
    /// Objective gain (rural demand multiplied by the rural weight).
    public var weightedGain: Double
    /// Residents covered after adding this site (existing facilities plus sites so far).
    public var cumulativeCovered: Double
    /// ``cumulativeCovered`` / all residents (nil without residents).
    public var cumulativeShare: Double?

    enum CodingKeys: String, CodingKey {
        case rank, id, name, kind, lon, lat, gain
        case weightedGain = "weighted_gain", cumulativeCovered = "cumulative_covered", cumulativeShare = "cumulative_share"
    }
}

/// The answer to a siting question.
public struct SitingOutcome: Sendable, Codable {
    /// `maximal_covering` or `cover_all`.
    public var mode: String
    public var reach: String
    public var p: Int?
    public var ruralWeight: Double
    public var source: DemandSource
    public var demandPoints: Int
    public var candidates: Int
    public var population: Double
    public var alreadyCoveredPopulation: Double
    /// Residents newly covered by the chosen sites.
    public var newlyCoveredPopulation: Double
    public var coveredPopulation: Double
    public var share: Double?
    public var sites: [SitePick]
    /// Maximal covering: upper bound on the optimal objective value (rural-weighted) and the
    /// relative gap `(upper − value) / upper`.
    public var value: Double?
    public var upperBound: Double?
    public var gap: Double?
    /// Cover-all: no cover uses fewer sites than this.
    public var lowerBound: Int?
    public var provedOptimal: Bool
    /// Residents no candidate reaches and no existing facility covers.
    public var uncoverablePopulation: Double
    /// Ids of those demand points.
    public var uncoverable: [String]
    /// Cover-all stopped before proving: `time_limit` or `node_limit`; nil when proved or not cover-all.
    public var stopReason: String?
    /// Cover-all: branch-and-bound nodes explored and seconds spent.
    public var nodes: Int?
    public var seconds: Double?
    /// How the demand was classified rural or urban.
    public var classification: RuralClassification?
    /// The metric of the reach: `geodesic`, `road_distance` or `road_time`; and the travel mode by road.
    public var metric: String = "geodesic"
    public var travel: String?

    enum CodingKeys: String, CodingKey {
        case mode, reach, p, source, candidates, population, share, sites, value, gap, uncoverable, nodes, seconds, classification
        case metric, travel
        case stopReason = "stop_reason"
        case ruralWeight = "rural_weight", demandPoints = "demand_points"
        case alreadyCoveredPopulation = "already_covered_population", newlyCoveredPopulation = "newly_covered_population"
        case coveredPopulation = "covered_population", upperBound = "upper_bound", lowerBound = "lower_bound"
        case provedOptimal = "proved_optimal", uncoverablePopulation = "uncoverable_population"
    }
}

extension Overblik {
    /// Chooses where to add facilities: `p` sites maximising newly covered residents (maximal
    /// covering, Church & ReVelle 1974), or the fewest sites reaching everyone reachable (cover-all).
    ///
    /// Demand and "already covered" come from ``coverage(_:by:)`` with the existing qualifying
    /// facilities. Coverage sets are exact geodesic radius queries on an index over the candidates,
    /// with each demand point's own threshold (rural or urban); by road (``SiteQuery/road``) they are
    /// the candidates each point reaches by road within its threshold (``roadReach(_:points:targets:limit:)``).
    /// - Throws: ``OverblikError/badInput(_:)`` for a negative p or a bad rural weight; store errors.
    /// - Complexity: O(demand · log candidates + entries) to build the sets, then the solver's cost.
    public func site(_ query: SiteQuery) throws -> SitingOutcome {
        guard query.p >= 0 || query.coverAll else { throw OverblikError.badInput("site: -p must be >= 0, got \(query.p)") }
        guard query.ruralWeight.isFinite, query.ruralWeight > 0 else {
            throw OverblikError.badInput("site: --rural-weight must be finite and > 0, got \(query.ruralWeight)")
        }
        if query.source == .area {
            throw OverblikError.badInput("site --source area: siting needs demand points; use --source population or --source settlements")
        }
        let outcome = try coverage(CoverageQuery(filter: query.filter, time: query.time, reaches: [query.reach], source: query.source,
                                                 policy: query.policy, districts: query.districts), by: query.road)
        let catalog = try catalog()
        let area = query.districts.map(Set.init)
        func inArea(_ district: String?) -> Bool { area.map { s in district.map(s.contains) ?? false } ?? true }
        struct Candidate: Sendable { var id: String; var name: String; var kind: String?; var location: Coordinate }
        let candidates: [Candidate]
        switch query.candidates {
        case .settlements:
            candidates = catalog.settlements.sorted { $0.id < $1.id }.filter { inArea($0.districtCode) }
                .map { Candidate(id: $0.id, name: $0.name, kind: nil, location: $0.location) }
        case let .facilities(filter):
            let qualifying = Set(outcome.qualifyingFacilities)
            candidates = catalog.engine.facilities.indices.compactMap { i in
                let f = catalog.engine.facilities[i]
                guard !qualifying.contains(f.id), inArea(f.districtCode), filter.matchingRooms(of: f, rooms: catalog.engine.rooms[i]) != nil else { return nil }
                return Candidate(id: f.id, name: f.name, kind: f.kind.rawValue, location: f.location)
            }
        }
        // Demand outside every district belongs to no one's plan.
        let demand = outcome.demand.filter { $0.pointClass != .outside }
        let rule = query.reach.rule
        let locations = demand.map { Coordinate(lon: $0.lon, lat: $0.lat) }
        let rural = demand.map { $0.pointClass == .rural }
        let rows: SparseRows
        if let road = query.road {
            let reached = try roadReach(road, points: locations, targets: candidates.map(\.location), limit: rule.maximumMetres)
            rows = try SparseRows.build(rowCount: demand.count, columnCount: candidates.count) { i in
                reached[i].filter { $0.cost <= rule.thresholdMetres(rural: rural[i]) }.map(\.target)
            }
        } else {
            let index = GeodesicIndex(points: candidates.map(\.location))
            rows = try SparseRows.build(rowCount: demand.count, columnCount: candidates.count) { i in
                index.within(radius: rule.thresholdMetres(rural: rural[i]), of: locations[i]).map { Int($0.rank) }
            }
        }
        let already = demand.map { $0.covered[query.reach.label] == true }
        let problem = try CoverageProblem(candidatesReaching: rows, weights: demand.map(\.weight), alreadyCovered: already,
                                          rural: rural, ruralMultiplier: query.ruralWeight)
        let population = demand.reduce(0.0) { $0 + $1.weight }
        let alreadyPopulation = demand.indices.reduce(0.0) { already[$1] ? $0 + demand[$1].weight : $0 }

        let choices: [SiteChoice]
        var result = SitingOutcome(mode: query.coverAll ? "cover_all" : "maximal_covering", reach: query.reach.label,
                                   p: query.coverAll ? nil : query.p, ruralWeight: query.ruralWeight, source: outcome.source,
                                   demandPoints: demand.count, candidates: candidates.count, population: Self.rounded(population),
                                   alreadyCoveredPopulation: Self.rounded(alreadyPopulation), newlyCoveredPopulation: 0,
                                   coveredPopulation: alreadyPopulation, share: nil, sites: [], provedOptimal: false,
                                   uncoverablePopulation: 0, uncoverable: [], classification: outcome.classification)
        result.metric = query.road?.metricName ?? "geodesic"
        result.travel = query.road?.modeName
        if query.coverAll {
            var options = CoverAllOptions()
            options.timeLimitSeconds = query.timeLimit
            let solution = SetCovering.solve(problem, options: options)
            choices = solution.sites
            result.lowerBound = solution.lowerBound
            result.gap = solution.sites.isEmpty ? 0 : Double(solution.sites.count - solution.lowerBound) / Double(solution.sites.count)
            result.stopReason = solution.stopReason
            result.nodes = solution.nodes
            result.seconds = Overblik.rounded(solution.seconds)
            result.provedOptimal = solution.provedOptimal
            result.uncoverablePopulation = Self.rounded(solution.uncoverablePopulation)
            result.uncoverable = solution.uncoverable.map { demand[$0].id }
        } else {
            let solution = MaximalCovering.solve(problem, p: query.p, options: query.options)
            choices = solution.sites
            result.value = Self.rounded(solution.value)
            result.upperBound = Self.rounded(solution.upperBound)
            result.gap = solution.gap
            result.provedOptimal = solution.provedOptimal
            result.uncoverablePopulation = Self.rounded(solution.uncoverablePopulation)
            result.uncoverable = solution.uncoverable.map { demand[$0].id }
        }
        var cumulative = alreadyPopulation
        for (k, choice) in choices.enumerated() {
            let c = candidates[choice.candidate]
            cumulative += choice.newlyCovered
            result.sites.append(SitePick(rank: k + 1, id: c.id, name: c.name, kind: c.kind, lon: c.location.lon, lat: c.location.lat,
                                         gain: Self.rounded(choice.newlyCovered), weightedGain: Self.rounded(choice.gain), cumulativeCovered: Self.rounded(cumulative),
                                         cumulativeShare: population > 0 ? cumulative / population : nil))
        }
        result.newlyCoveredPopulation = Self.rounded(cumulative - alreadyPopulation)
        result.coveredPopulation = Self.rounded(cumulative)
        result.share = population > 0 ? cumulative / population : nil
        return result
    }
}
