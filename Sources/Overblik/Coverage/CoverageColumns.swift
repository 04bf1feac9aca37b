import Analysis
import Facilities
import GeoTypes
import Routing

/// What every coverage question decides before it looks at demand: the lean catalogue of its
/// qualifying facilities, the place layers, the point classifier and the districts it reports.
struct CoverageSetup {
    var lean: LeanFacilities
    var layers: (districts: [District], settlements: [Settlement])
    var classifier: PointClassifier
    /// The districts reported, and each one's position among them.
    var kept: [District]
    var districtIndex: [String: Int32]
    /// Per qualifying facility (id order): its district's position, -1 for none.
    var facilityDistricts: [Int32]
    /// Without districts: per qualifying facility, whether its location is rural.
    var facilityRural: [Bool]?
}

/// Demand points column by column: a million population points cost about 70 bytes each here.
struct DemandColumns {
    var ids = PackedText()
    var names: [String?] = []
    var locations: [Coordinate] = []
    var weights: [Double] = []
    var districts: [String?] = []
    var rural: [Bool?] = []

    var count: Int { weights.count }

    mutating func append(id: String, name: String?, location: Coordinate, weight: Double, district: String?, rural: Bool?) {
        ids.append(id)
        names.append(name)
        locations.append(location)
        weights.append(weight)
        districts.append(district)
        self.rural.append(rural)
    }

    /// The points for which `keep` holds, in order.
    func filter(_ keep: (Int) -> Bool) -> DemandColumns {
        var kept = DemandColumns()
        for i in 0 ..< count where keep(i) {
            kept.append(id: ids[i], name: names[i], location: locations[i], weight: weights[i], district: districts[i], rural: rural[i])
        }
        return kept
    }
}

/// A coverage question answered point by point, before any row is made: ``Overblik/coverage(_:by:)``
/// makes a ``DemandReach`` of every point, gaps only of the points beyond reach.
struct CoverageComputation {
    /// The outcome without its demand rows.
    var outcome: CoverageOutcome
    var demand: DemandColumns
    var classes: [PointClass]
    var result: CoverageResult
    var roadHits: [RoadHit?]
    var lean: LeanFacilities
    var reaches: [Reach]
    var road: RoadQuestion?

    /// The position of point `i`'s nearest qualifying facility, nil for none.
    func nearest(_ i: Int) -> Int? { result.nearestFacility[i] >= 0 ? Int(result.nearestFacility[i]) : nil }

    /// The reported distance of point `i` (metres to the millimetre; by road the route's metres).
    func distanceM(_ i: Int) -> Double? {
        if road != nil { return roadHits[i].map { ($0.cost.metres * 1000).rounded() / 1000 } }
        return nearest(i) == nil ? nil : (result.nearestMetres[i] * 1000).rounded() / 1000
    }

    /// By road: the route's seconds of point `i` (to the millisecond).
    func roadS(_ i: Int) -> Double? {
        road == nil ? nil : roadHits[i].map { ($0.cost.seconds * 1000).rounded() / 1000 }
    }

    /// The row of point `i`.
    func row(_ i: Int) -> DemandReach {
        let f = nearest(i)
        let metres = result.nearestMetres[i]
        let cls = classes[i]
        var covered: [String: Bool] = [:]
        for reach in reaches {
            covered[reach.label] = f != nil && metres <= Overblik.threshold(reach.rule, cls)
        }
        var row = DemandReach(id: demand.ids[i], name: demand.names[i], lon: demand.locations[i].lon, lat: demand.locations[i].lat,
                              weight: demand.weights[i], district: demand.districts[i], rural: cls.isRural, pointClass: cls,
                              nearestFacility: f.map { lean.ids[$0] }, nearestFacilityName: f.map { lean.names[$0] },
                              distanceM: distanceM(i), covered: covered)
        if let road {
            row.travel = road.modeName
            row.metric = road.metricName
            row.roadS = roadS(i)
        }
        return row
    }
}

extension Overblik {
    /// The part of a coverage question that does not depend on demand (see ``CoverageSetup``).
    func coverageSetup(_ query: CoverageQuery, measure: LeanFacilities.Measure? = nil, names: Bool = true) throws -> CoverageSetup {
        let lean = try leanFacilities(filter: query.filter, time: query.time, measure: measure, names: names)
        let layers = try placeLayers()
        let classifier = try pointClassifier(policy: query.policy)
        let kept = try keptDistricts(query, districts: layers.districts)
        var districtIndex: [String: Int32] = [:]
        for (i, d) in kept.enumerated() { districtIndex[d.code] = Int32(i) }
        let facilityDistricts: [Int32] = (0 ..< lean.count).map { i in lean.districtCode(i).flatMap { districtIndex[$0] } ?? -1 }
        let facilityRural = kept.isEmpty ? Self.facilityRural(lean, classifier: classifier) : nil
        return CoverageSetup(lean: lean, layers: layers, classifier: classifier, kept: kept, districtIndex: districtIndex,
                             facilityDistricts: facilityDistricts, facilityRural: facilityRural)
    }

    /// Without districts, the class of each qualifying facility's location (in id order), by the
    /// same classifier as the demand, so that the RURAL and URBAN rows count facilities too.
    static func facilityRural(_ lean: LeanFacilities, classifier: PointClassifier) -> [Bool] {
        let located = lean.locations
        return classifier.classify(located, districts: located.map { _ in nil }, pointRural: located.map { _ in nil })
            .map { $0.class == .rural }
    }

    /// Every demand point of a coverage question with its nearest qualifying facility, geodesic or by road.
    func coverageColumns(_ query: CoverageQuery, _ setup: CoverageSetup, by road: RoadQuestion?) throws -> CoverageComputation {
        let (lean, layers, classifier, kept, districtIndex) = (setup.lean, setup.layers, setup.classifier, setup.kept, setup.districtIndex)
        var demand = DemandColumns()
        let source = try demandSource(query, layers: layers, into: &demand)
        if query.districts != nil { demand = demand.filter { demand.districts[$0].flatMap { districtIndex[$0] } != nil } }
        let classified = classifier.classify(demand.locations, districts: demand.districts, pointRural: demand.rural)
        let classes = classified.map(\.class)
        let indices = demand.districts.map { $0.flatMap { districtIndex[$0] } ?? -1 }
        let infos = districtInfos(kept, classifier: classifier, indices: indices, classes: classes, weights: demand.weights)
        let demandPoints = try DemandPoints(weights: demand.weights, districts: indices, rural: classes.map { $0 == .rural })
        let analysis = try CoverageAnalysis(districts: infos, points: demandPoints, facilityDistricts: setup.facilityDistricts,
                                            facilityRural: setup.facilityRural, reaches: query.reaches)
        var roadHits: [RoadHit?] = [], unreachable: [String] = []
        let result: CoverageResult
        if let road {
            // The road search runs on the catalogue's facilities: its targets map back by id.
            let catalog = try catalog()
            var position: [String: Int] = [:]
            for i in 0 ..< lean.count { position[lean.ids[i]] = i }
            let positions = catalog.engine.facilities.map { position[$0.id] }
            roadHits = try roadNearest(road, points: demand.locations, qualifying: positions.map { $0 != nil }, catalog: catalog)
                .map { hit in hit.map { var h = $0; h.target = positions[h.target]!; return h } }
            unreachable = demand.weights.indices.filter { roadHits[$0] == nil }.map { demand.ids[$0] }
            result = try analysis.run(nearestFacility: roadHits.map { Int32($0?.target ?? -1) },
                                      nearestMetres: roadHits.map { $0?.cost.value(road.metric) ?? .infinity }, threads: 2)
        } else {
            let lons = demand.locations.map(\.lon), lats = demand.locations.map(\.lat)
            result = analysis.run(threads: 2) { range in lean.nearestQualifying(lons: lons, lats: lats, in: range) }
        }
        var outcome = CoverageOutcome(source: source, report: result.report, demand: [],
                                      qualifyingFacilities: (0 ..< lean.count).map { lean.ids[$0] })
        outcome.road = road
        outcome.unreachableDemand = unreachable
        if source == .area {
            let located = (0 ..< lean.count).map { (location: lean.locations[$0], district: lean.districtCode($0)) }
            let keptCodes = Set(kept.map(\.code))
            let rural = RuralClassifier.classify(districts: layers.districts, settlements: layers.settlements)
            outcome.areas = try AreaCoverage.compute(districts: backend.districts().filter { keptCodes.contains($0.district.code) },
                                                     rural: rural, facilities: located, reaches: query.reaches)
        } else {
            outcome.classification = RuralClassification(policy: query.policy, sources: classified.map(\.source),
                                                         weights: demand.weights)
        }
        return CoverageComputation(outcome: outcome, demand: demand, classes: classes, result: result, roadHits: roadHits,
                                   lean: lean, reaches: query.reaches, road: road)
    }

    /// Fills `demand` from the question's source (population points, settlements, or none for the area
    /// measure) and says which it used.
    private func demandSource(_ query: CoverageQuery, layers: (districts: [District], settlements: [Settlement]),
                              into demand: inout DemandColumns) throws -> DemandSource {
        let points = query.source == .settlements || query.source == .area ? [] : try backend.populationPoints()
        if query.source == .area || (query.source == nil && points.isEmpty && layers.settlements.isEmpty && !layers.districts.isEmpty) {
            return .area
        }
        if query.source == .population || (!points.isEmpty && query.source == nil) {
            for p in points {
                demand.append(id: p.id, name: nil, location: p.location, weight: p.weight, district: p.districtCode, rural: p.rural)
            }
            return .population
        }
        // A settlement of the town size is a town: urban, whatever else is known.
        for s in layers.settlements {
            demand.append(id: s.id, name: s.name, location: s.location, weight: s.population, district: s.districtCode,
                          rural: s.population >= query.policy.townPopulation ? false : nil)
        }
        return .settlements
    }
}
