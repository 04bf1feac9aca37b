import Analysis
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

    public init(filter: FacilityFilter = FacilityFilter(), time: TimeCondition? = nil, reaches: [Reach],
                source: DemandSource? = nil, includeDemand: Bool = true) {
        self.filter = filter
        self.time = time
        self.reaches = reaches
        self.source = source
        self.includeDemand = includeDemand
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
    public var rural: Bool
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
        case nearestFacility = "nearest_facility", nearestFacilityName = "nearest_facility_name", distanceM = "distance_m"
        case roadS = "road_s"
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
        let catalog = try catalog()
        let accept = try query.time.map { try timeFilter($0, catalog: catalog) }
        let qualifying = catalog.engine.qualifying(filter: query.filter, accept: accept)
        let infos = catalog.districts.map {
            DistrictInfo(code: $0.code, name: $0.name, rural: catalog.ruralByDistrict[$0.code] ?? true)
        }
        var districtIndex: [String: Int32] = [:]
        for (i, d) in infos.enumerated() { districtIndex[d.code] = Int32(i) }

        let facilityDistricts: [Int32] = catalog.engine.facilities.indices.compactMap { i in
            guard qualifying[i] else { return nil }
            return catalog.engine.facilities[i].districtCode.flatMap { districtIndex[$0] } ?? -1
        }
        // Report only, from stored population points: only then is the store asked whether it has any.
        let reportOnly = road == nil && !query.includeDemand && query.source != .settlements && query.source != .area
        if reportOnly, try query.source == .population || store.hasPopulation() {
            return try streamedCoverage(query, catalog: catalog, qualifying: qualifying, infos: infos,
                                        districtIndex: districtIndex, facilityDistricts: facilityDistricts)
        }

        struct Demand { var id: String; var name: String?; var location: Coordinate; var weight: Double; var district: String?; var rural: Bool }
        var demand: [Demand] = []
        let points = query.source == .settlements || query.source == .area ? [] : try store.populationPoints()
        let source: DemandSource
        if query.source == .area || (query.source == nil && points.isEmpty && catalog.settlements.isEmpty && !catalog.districts.isEmpty) {
            source = .area
        } else if query.source == .population || (!points.isEmpty && query.source == nil) {
            source = .population
            demand = points.map { p in
                Demand(id: p.id, name: nil, location: p.location, weight: p.weight, district: p.districtCode,
                       rural: p.districtCode.flatMap { catalog.ruralByDistrict[$0] } ?? true)
            }
        } else {
            source = .settlements
            demand = catalog.settlements.map { s in
                Demand(id: s.id, name: s.name, location: s.location, weight: s.population, district: s.districtCode,
                       rural: s.isRural())
            }
        }
        let demandPoints = try DemandPoints(weights: demand.map(\.weight),
                                            districts: demand.map { $0.district.flatMap { districtIndex[$0] } ?? -1 },
                                            rural: demand.map(\.rural))
        let analysis = try CoverageAnalysis(districts: infos, points: demandPoints, facilityDistricts: facilityDistricts,
                                            reaches: query.reaches)
        let engine = catalog.engine
        let lons = demand.map(\.location.lon), lats = demand.map(\.location.lat)
        var roadHits: [RoadHit?] = [], unreachable: [String] = []
        let result: CoverageResult
        if let road {
            roadHits = try roadNearest(road, points: demand.map(\.location), qualifying: qualifying, catalog: catalog)
            unreachable = demand.indices.filter { roadHits[$0] == nil }.map { demand[$0].id }
            result = try analysis.run(nearestFacility: roadHits.map { Int32($0?.target ?? -1) },
                                      nearestMetres: roadHits.map { $0?.cost.value(road.metric) ?? .infinity }, threads: 2)
        } else {
            result = analysis.run(threads: 2) { range in
                engine.nearestQualifying(lons: lons, lats: lats, in: range, qualifying: qualifying)
            }
        }
        let rows: [DemandReach] = demand.indices.map { i in
            let f = result.nearestFacility[i] >= 0 ? engine.facilities[Int(result.nearestFacility[i])] : nil
            let metres = result.nearestMetres[i]
            var covered: [String: Bool] = [:]
            for reach in query.reaches {
                covered[reach.label] = f != nil && metres <= reach.rule.thresholdMetres(rural: demand[i].rural)
            }
            var row = DemandReach(id: demand[i].id, name: demand[i].name, lon: demand[i].location.lon, lat: demand[i].location.lat,
                                  weight: demand[i].weight, district: demand[i].district, rural: demand[i].rural,
                                  nearestFacility: f?.id, nearestFacilityName: f?.name,
                                  distanceM: f == nil ? nil : (metres * 1000).rounded() / 1000, covered: covered)
            if let road {
                row.travel = road.modeName
                row.metric = road.metricName
                row.distanceM = roadHits[i].map { ($0.cost.metres * 1000).rounded() / 1000 }
                row.roadS = roadHits[i].map { ($0.cost.seconds * 1000).rounded() / 1000 }
            }
            return row
        }
        let ids = engine.facilities.indices.filter { qualifying[$0] }.map { engine.facilities[$0].id }
        var outcome = CoverageOutcome(source: source, report: result.report, demand: rows, qualifyingFacilities: ids)
        outcome.road = road
        outcome.unreachableDemand = unreachable
        if source == .area {
            let located = engine.facilities.indices.filter { qualifying[$0] }
                .map { (location: engine.facilities[$0].location, district: engine.facilities[$0].districtCode) }
            outcome.areas = try AreaCoverage.compute(districts: store.districts(), rural: catalog.ruralByDistrict,
                                                     facilities: located, reaches: query.reaches)
        }
        return outcome
    }

    /// The report of ``coverage(_:)`` for stored population points without the per-point rows: the
    /// store's columns are read in chunks while one worker runs the batch nearest-facility search on
    /// the chunks already read; then the points are classified and summarised on two threads.
    private func streamedCoverage(_ query: CoverageQuery, catalog: Catalog, qualifying: [Bool], infos: [DistrictInfo],
                                  districtIndex: [String: Int32], facilityDistricts: [Int32]) throws -> CoverageOutcome {
        let engine = catalog.engine
        var weights: [Double] = [], districts: [Int32] = []
        let pipeline = ChunkPipeline<(facility: [Int32], metres: [Double])>()
        try store.forEachPopulationChunk(district: { code in code.flatMap { districtIndex[$0] } ?? -1 }) { chunk in
            weights.append(contentsOf: chunk.weight)
            districts.append(contentsOf: chunk.district)
            let (lons, lats) = (chunk.lon, chunk.lat)
            pipeline.submit { engine.nearestQualifying(lons: lons, lats: lats, in: 0 ..< lons.count, qualifying: qualifying) }
        }
        let answers = pipeline.results()
        // A point outside every known district counts as rural, as in the per-point path.
        let rural = districts.map { $0 >= 0 ? infos[Int($0)].rural : true }
        let demandPoints = try DemandPoints(weights: weights, districts: districts, rural: rural)
        let analysis = try CoverageAnalysis(districts: infos, points: demandPoints, facilityDistricts: facilityDistricts,
                                            reaches: query.reaches)
        let result = try analysis.run(nearestFacility: answers.flatMap(\.facility), nearestMetres: answers.flatMap(\.metres),
                                      threads: 2)
        let ids = engine.facilities.indices.filter { qualifying[$0] }.map { engine.facilities[$0].id }
        return CoverageOutcome(source: .population, report: result.report, demand: [], qualifyingFacilities: ids)
    }

    /// Settlements (or population points) beyond reach of every qualifying facility, worst first
    /// (residents × distance; those with no facility at all first).
    public func gaps(_ query: CoverageQuery, by road: RoadQuestion? = nil) throws -> [GapLine] {
        let outcome = try coverage(query, by: road)
        guard let reach = query.reaches.first else { return [] }
        let gaps = try GapAnalysis.gaps(
            populations: outcome.demand.map(\.weight), rural: outcome.demand.map(\.rural), reach: reach.rule,
            nearest: outcome.demand.map { d in
                (road?.metric == .time ? d.roadS : d.distanceM).map { NearestFacility(facility: 0, metres: $0) }
            })
        return gaps.map { g in
            let d = outcome.demand[g.index]
            return GapLine(id: d.id, name: d.name, lon: d.lon, lat: d.lat, population: d.weight, rural: d.rural,
                           district: d.district, nearestFacility: d.nearestFacility, nearestFacilityName: d.nearestFacilityName,
                           distanceM: d.distanceM, thresholdM: g.thresholdMetres, score: g.score)
        }
    }
}

/// A settlement or population point beyond reach.
public struct GapLine: Sendable, Codable {
    public var id: String
    public var name: String?
    public var lon: Double
    public var lat: Double
    public var population: Double
    public var rural: Bool
    public var district: String?
    public var nearestFacility: String?
    public var nearestFacilityName: String?
    public var distanceM: Double?
    public var thresholdM: Double
    /// Residents × distance (nil when no facility qualifies at all).
    public var score: Double?

    enum CodingKeys: String, CodingKey {
        case id, name, lon, lat, population, rural, district, score
        case nearestFacility = "nearest_facility", nearestFacilityName = "nearest_facility_name"
        case distanceM = "distance_m", thresholdM = "threshold_m"
    }
}
