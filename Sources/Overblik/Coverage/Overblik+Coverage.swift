public import Analysis
import Facilities
import GeoTypes
import Routing
import Store

/// Where coverage demand comes from.
public enum DemandSource: String, Sendable, Codable {
    /// Stored population points (addresses, grid cells).
    case population
    /// Settlements with their populations (when no population points are stored).
    case settlements
    /// No residents at all: the share of each district's AREA within reach (see ``CoverageOutcome/areas``).
    case area
}

/// A coverage question: which residents have a qualifying facility within reach.
public struct CoverageQuery: Sendable {
    public var filter: FacilityFilter
    public var time: TimeCondition?
    /// One or more reaches (thresholds), reported side by side.
    public var reaches: [Reach]
    /// Force the demand source; nil picks population points when stored, else settlements.
    public var source: DemandSource?
    /// Whether the outcome lists every demand point (``CoverageOutcome/demand``). Without it, the
    /// report by district of a population source is computed straight from the store's columns
    /// (streamed, the nearest-facility search on a second core while the next rows are read), which is
    /// what makes millions of points fast; the report is the same.
    public var includeDemand: Bool
    /// Thresholds of the rural rule (town size, district majority).
    public var policy: RuralPolicy
    /// Only demand in these districts (codes), and only these districts reported; nil for all.
    /// Demand outside every district is then left out too.
    public var districts: [String]?

    public init(filter: FacilityFilter = FacilityFilter(), time: TimeCondition? = nil, reaches: [Reach],
                source: DemandSource? = nil, includeDemand: Bool = true, policy: RuralPolicy = RuralPolicy(),
                districts: [String]? = nil) {
        self.filter = filter
        self.time = time
        self.reaches = reaches
        self.source = source
        self.includeDemand = includeDemand
        self.policy = policy
        self.districts = districts
    }
}

/// One demand point (population point or settlement) with its nearest qualifying facility.
public struct DemandReach: Sendable, Codable {
    public var id: String
    public var name: String?
    public var lon: Double
    public var lat: Double
    public var weight: Double
    public var district: String?
    /// Rural (true) or urban (false); nil outside every district (see ``pointClass``).
    public var rural: Bool?
    public var pointClass: PointClass
    public var nearestFacility: String?
    public var nearestFacilityName: String?
    /// Geodesic metres to the nearest qualifying facility; nil when none qualifies.
    public var distanceM: Double?
    /// Per reach label: within reach.
    public var covered: [String: Bool]
    /// By road only: the mode, the metric reaches apply to, and the route's seconds (legs included);
    /// `distance_m` is then the route's metres.
    public var travel: String? = nil
    public var metric: String? = nil
    public var roadS: Double? = nil

    enum CodingKeys: String, CodingKey {
        case id, name, lon, lat, weight, district, rural, covered, travel, metric
        case pointClass = "class"
        case nearestFacility = "nearest_facility", nearestFacilityName = "nearest_facility_name", distanceM = "distance_m"
        case roadS = "road_s"
    }

    /// Every key, `null` included (a point outside every district has `rural: null`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(lon, forKey: .lon)
        try c.encode(lat, forKey: .lat)
        try c.encode(weight, forKey: .weight)
        try c.encode(district, forKey: .district)
        try c.encode(rural, forKey: .rural)
        try c.encode(pointClass, forKey: .pointClass)
        try c.encode(nearestFacility, forKey: .nearestFacility)
        try c.encode(nearestFacilityName, forKey: .nearestFacilityName)
        try c.encode(distanceM, forKey: .distanceM)
        try c.encode(covered, forKey: .covered)
        try c.encodeIfPresent(travel, forKey: .travel)
        try c.encodeIfPresent(metric, forKey: .metric)
        try c.encodeIfPresent(roadS, forKey: .roadS)
    }
}

/// The answer to a coverage question.
public struct CoverageOutcome: Sendable {
    public var source: DemandSource
    public var report: CoverageReport
    /// Every demand point, in store order (id order).
    public var demand: [DemandReach]
    /// Qualifying facilities, by id.
    public var qualifyingFacilities: [String]
    /// With ``DemandSource/area``: per district the area within each reach.
    public var areas: [DistrictArea]? = nil
    /// By road only: the question (reaches are in its metric: metres or seconds), and the demand
    /// points more than 1 km from the network (ids), which count as beyond reach.
    public var road: RoadQuestion? = nil
    public var unreachableDemand: [String] = []
    /// How the demand points were classified rural or urban (nil for the area measure).
    public var classification: RuralClassification? = nil
}

extension Overblik {
    /// Coverage by district: residents within reach of a qualifying facility, distances, facility counts.
    ///
    /// Demand comes from stored population points, else from settlements. Each demand point takes the
    /// rural flag of its district (by the layer's flag or the settlement rule); settlements used as
    /// demand take their own flag (fewer than 3 000 inhabitants). Distances are exact geodesics.
    ///
    /// With `road`, distances are by road in its mode and metric (reaches in metres or seconds): one
    /// multi-source search from all qualifying facilities labels every node, then each demand point
    /// takes its segment's labels.
    public func coverage(_ query: CoverageQuery, by road: RoadQuestion? = nil) throws -> CoverageOutcome {
        // Report only, from stored population points: only then is the store asked whether it has any.
        let reportOnly = road == nil && !query.includeDemand && query.source != .settlements && query.source != .area
        if reportOnly, try query.source == .population || backend.hasPopulation() {
            // The report names no facility: the lean catalogue keeps no names.
            return try streamedCoverage(query, coverageSetup(query, names: false))
        }
        let computed = try coverageColumns(query, coverageSetup(query), by: road)
        var outcome = computed.outcome
        outcome.demand = (0 ..< computed.demand.count).map(computed.row)
        return outcome
    }

    /// The reach threshold of a point's class; a point outside every district is held to the larger
    /// one (it belongs to neither class).
    static func threshold(_ rule: ReachRule, _ cls: PointClass) -> Double {
        cls == .outside ? rule.maximumMetres : rule.thresholdMetres(rural: cls == .rural)
    }

    /// The districts a query reports: all, or those named by ``CoverageQuery/districts`` (an unknown
    /// code is bad input).
    func keptDistricts(_ query: CoverageQuery, districts: [District]) throws -> [District] {
        guard let wanted = query.districts else { return districts }
        let known = Set(districts.map(\.code))
        let unknown = wanted.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw OverblikError.badInput("--district: no district with code \(unknown.joined(separator: ", ")) in the store")
        }
        let set = Set(wanted)
        return districts.filter { set.contains($0.code) }
    }

    /// The districts as the analysis sees them, each classed by ``PointClassifier/districtRural(_:residents:)``.
    func districtInfos(_ kept: [District], classifier: PointClassifier, indices: [Int32], classes: [PointClass],
                       weights: [Double]) -> [DistrictInfo] {
        var residents = [(rural: Double, urban: Double)](repeating: (0, 0), count: kept.count)
        for i in indices.indices where indices[i] >= 0 {
            if classes[i] == .rural { residents[Int(indices[i])].rural += weights[i] }
            else if classes[i] == .urban { residents[Int(indices[i])].urban += weights[i] }
        }
        let rural = classifier.districtRural(kept.map(\.code), residents: residents)
        return kept.indices.map { DistrictInfo(code: kept[$0].code, name: kept[$0].name, rural: rural[$0]) }
    }

    /// The report of ``coverage(_:)`` for stored population points without the per-point rows: the
    /// store's columns are read in chunks while one worker runs the batch nearest-facility search on
    /// the chunks already read; then the points are classified and summarised on two threads.
    private func streamedCoverage(_ query: CoverageQuery, _ setup: CoverageSetup) throws -> CoverageOutcome {
        let (lean, classifier, kept, districtIndex) = (setup.lean, setup.classifier, setup.kept, setup.districtIndex)
        var weights: [Double] = [], districts: [Int32] = [], classes: [PointClass] = [], sources: [RuralSource?] = []
        let restricted = query.districts != nil
        let pipeline = ChunkPipeline<(facility: [Int32], metres: [Double])>()
        // -2: a district left out by --district (its points are dropped).
        try backend.forEachPopulationChunk(district: { code in
            code.map { districtIndex[$0] ?? (restricted ? -2 : -1) } ?? (restricted ? -2 : -1)
        }) { full in
            var chunk = full
            if restricted {
                let keep = chunk.district.indices.filter { chunk.district[$0] >= 0 }
                chunk = PopulationColumns(lon: keep.map { full.lon[$0] }, lat: keep.map { full.lat[$0] },
                                          weight: keep.map { full.weight[$0] }, district: keep.map { full.district[$0] },
                                          rural: keep.map { full.rural[$0] })
            }
            weights.append(contentsOf: chunk.weight)
            districts.append(contentsOf: chunk.district)
            let located = zip(chunk.lon, chunk.lat).map { Coordinate(lon: $0, lat: $1) }
            let decided = classifier.classify(located, districts: chunk.district.map { $0 >= 0 ? kept[Int($0)].code : nil },
                                              pointRural: chunk.rural.map { $0 < 0 ? nil : $0 == 1 })
            classes.append(contentsOf: decided.map(\.class))
            sources.append(contentsOf: decided.map(\.source))
            let (lons, lats) = (chunk.lon, chunk.lat)
            pipeline.submit { lean.nearestQualifying(lons: lons, lats: lats, in: 0 ..< lons.count) }
        }
        let answers = pipeline.results()
        let infos = districtInfos(kept, classifier: classifier, indices: districts, classes: classes, weights: weights)
        let demandPoints = try DemandPoints(weights: weights, districts: districts, rural: classes.map { $0 == .rural })
        let analysis = try CoverageAnalysis(districts: infos, points: demandPoints, facilityDistricts: setup.facilityDistricts,
                                            facilityRural: setup.facilityRural, reaches: query.reaches)
        let result = try analysis.run(nearestFacility: answers.flatMap(\.facility), nearestMetres: answers.flatMap(\.metres),
                                      threads: 2)
        var outcome = CoverageOutcome(source: .population, report: result.report, demand: [],
                                      qualifyingFacilities: (0 ..< lean.count).map { lean.ids[$0] })
        outcome.classification = RuralClassification(policy: query.policy, sources: sources, weights: weights)
        return outcome
    }

    /// Settlements (or population points) beyond reach of every qualifying facility: rural ones
    /// first, then urban ones, then (only with `includeOutside`) those outside every district; each
    /// class worst first (residents × distance; those with no facility at all first). With `road`,
    /// by road in its mode and metric.
    ///
    /// Without a source, gaps lists settlements (named places a planner can act on), or population
    /// points when no settlements are stored; this default lives here only.
    public func gaps(_ query: CoverageQuery, by road: RoadQuestion? = nil, includeOutside: Bool = false) throws -> [GapLine] {
        var query = query
        if query.source == nil {
            query.source = try placeLayers().settlements.isEmpty && backend.hasPopulation() ? .population : .settlements
        }
        if query.source == .area {
            throw OverblikError.badInput("gaps --source area: the area measure has no demand points to list; "
                + "use --source population or --source settlements (or coverage --source area for the area within reach)")
        }
        // The points' columns, not a row per point: a million population points stay small.
        let c = try coverageColumns(query, coverageSetup(query), by: road)
        guard let reach = query.reaches.first else { return [] }
        let ruralIsLarger = reach.rule.thresholdMetres(rural: true) >= reach.rule.thresholdMetres(rural: false)
        let gaps = try GapAnalysis.gaps(
            populations: c.demand.weights.indices.map { includeOutside || c.classes[$0] != .outside ? c.demand.weights[$0] : 0 },
            rural: c.classes.map { $0.isRural ?? ruralIsLarger }, reach: reach.rule,
            nearest: c.demand.weights.indices.map { i in
                (road?.metric == .time ? c.roadS(i) : c.distanceM(i)).map { NearestFacility(facility: 0, metres: $0) }
            })
        let order: [PointClass: Int] = [.rural: 0, .urban: 1, .outside: 2]
        let ranked = gaps.enumerated().sorted {
            let a = order[c.classes[$0.element.index]]!, b = order[c.classes[$1.element.index]]!
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        return ranked.map { g in
            let d = c.row(g.index)
            return GapLine(id: d.id, name: d.name, lon: d.lon, lat: d.lat, population: d.weight, rural: d.rural,
                           pointClass: d.pointClass, district: d.district, nearestFacility: d.nearestFacility,
                           nearestFacilityName: d.nearestFacilityName, distanceM: d.distanceM, thresholdM: g.thresholdMetres,
                           score: g.score.map(Self.rounded))
        }
    }

    /// A figure without float noise: 6 significant decimals kept (`42494.75000000003` → `42494.75`).
    static func rounded(_ x: Double) -> Double {
        guard x.isFinite else { return x }
        return (x * 1_000_000).rounded() / 1_000_000
    }
}

/// A settlement or population point beyond reach.
public struct GapLine: Sendable, Codable {
    public var id: String
    public var name: String?
    public var lon: Double
    public var lat: Double
    public var population: Double
    /// Rural (true) or urban (false); nil outside every district.
    public var rural: Bool?
    public var pointClass: PointClass
    public var district: String?
    public var nearestFacility: String?
    public var nearestFacilityName: String?
    public var distanceM: Double?
    public var thresholdM: Double
    /// Residents × distance (nil when no facility qualifies at all).
    public var score: Double?

    enum CodingKeys: String, CodingKey {
        case id, name, lon, lat, population, rural, district, score
        case pointClass = "class"
        case nearestFacility = "nearest_facility", nearestFacilityName = "nearest_facility_name"
        case distanceM = "distance_m", thresholdM = "threshold_m"
    }

    /// Every key, `null` included (a point outside every district has `rural: null`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(lon, forKey: .lon)
        try c.encode(lat, forKey: .lat)
        try c.encode(population, forKey: .population)
        try c.encode(rural, forKey: .rural)
        try c.encode(pointClass, forKey: .pointClass)
        try c.encode(district, forKey: .district)
        try c.encode(nearestFacility, forKey: .nearestFacility)
        try c.encode(nearestFacilityName, forKey: .nearestFacilityName)
        try c.encode(distanceM, forKey: .distanceM)
        try c.encode(thresholdM, forKey: .thresholdM)
        try c.encode(score, forKey: .score)
    }
}
