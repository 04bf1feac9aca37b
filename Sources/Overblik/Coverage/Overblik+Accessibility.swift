public import Analysis
import Facilities
import Foundation
import GeoTypes
public import Scheduling
import SpatialIndex

/// A 2SFCA accessibility question: how much free room time per resident is within reach.
public struct AccessibilityQuery: Sendable {
    public var filter: FacilityFilter
    public var time: TimeCondition?
    /// Catchment `d0`: the first reach (for a rural/urban pair, the larger threshold).
    public var reach: Reach
    public var source: DemandSource?
    /// Monday of the reference ISO week (any date: the week's Monday is used); nil = next Monday.
    public var weekOf: LocalDate?
    public var decay: DistanceDecay
    /// Thresholds of the rural rule.
    public var policy: RuralPolicy
    /// By road: the mode and metric; ``reach`` is then in the metric's unit (metres or seconds). Nil: geodesic.
    public var road: RoadQuestion?

    public init(filter: FacilityFilter = FacilityFilter(), time: TimeCondition? = nil, reach: Reach,
                source: DemandSource? = nil, weekOf: LocalDate? = nil, decay: DistanceDecay = .gaussian,
                policy: RuralPolicy = RuralPolicy()) {
        self.policy = policy
        self.filter = filter
        self.time = time
        self.reach = reach
        self.source = source
        self.weekOf = weekOf
        self.decay = decay
    }
}

/// Supply of one qualifying facility in the reference week.
public struct FacilitySupply: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    /// Free hours in the week summed over the matching rooms.
    public var freeHours: Double
    /// `S_j` = Σ over matching rooms of free hours × capacity (person-hours per week).
    public var supply: Double
    /// `R_j`: supply per (distance-weighted) resident in the catchment.
    public var ratio: Double

    enum CodingKeys: String, CodingKey {
        case id, name, supply, ratio
        case freeHours = "free_hours"
    }
}

/// Population-weighted mean accessibility of one district.
public struct DistrictAccessibility: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var rural: Bool
    public var population: Double
    /// Population-weighted mean `A_i` (person-hours per week per resident); nil without residents.
    public var accessibility: Double?
}

/// The answer to an accessibility question.
public struct AccessibilityOutcome: Sendable, Codable {
    public var source: DemandSource
    public var decay: DistanceDecay
    /// The catchment `d0` in metres (geodesic or by road), or in seconds by road time (``catchmentS``).
    public var catchmentM: Double?
    public var catchmentS: Double?
    /// `geodesic`, `road_distance` or `road_time`; and the travel mode by road.
    public var metric: String
    public var travel: String?
    /// First and last day of the reference week (ISO dates).
    public var weekFrom: String
    public var weekTo: String
    public var districts: [DistrictAccessibility]
    public var rural: Double?
    public var urban: Double?
    /// Residents in a district (rural and urban); those outside every district are on their own row.
    public var total: Double?
    /// Residents outside every district (they compete for the supply, but belong to no class).
    public var outsideDistricts: Double?
    public var facilities: [FacilitySupply]
    public var classification: RuralClassification?

    enum CodingKeys: String, CodingKey {
        case source, decay, districts, rural, urban, total, facilities, classification
        case outsideDistricts = "outside_districts"
        case metric, travel
        case catchmentM = "catchment_m", catchmentS = "catchment_s", weekFrom = "week_from", weekTo = "week_to"
    }
}

extension Overblik {
    /// Two-step floating catchment accessibility (Gaussian decay, Dai 2010) of the qualifying facilities.
    ///
    /// Supply `S_j` of a qualifying facility = Σ over its matching rooms of (free hours in the
    /// reference ISO week: opening-hours intervals minus bookings) × capacity (a room without a
    /// capacity uses the facility's, else 1). Catchment `d0` = the reach (the larger threshold of
    /// a rural/urban pair). Distances are exact geodesics from the index, or by road with
    /// ``AccessibilityQuery/road`` (network distance or travel time, ``roadReach(_:points:targets:limit:)``).
    /// - Throws: store and input errors.
    /// - Complexity: O(demand · (log n + facilities in the catchment)) plus the schedule expansion.
    public func accessibility(_ query: AccessibilityQuery) throws -> AccessibilityOutcome {
        if query.source == .area {
            throw OverblikError.badInput("access --source area: accessibility needs residents; use --source population or --source settlements")
        }
        let calendar = try holidayCalendar()
        let monday = Self.mondayOfWeek(query.weekOf ?? Self.nextMonday())
        let from = monday.startOfDay, to = monday.adding(days: 7).startOfDay
        let booked = try bookedIntervals(from: from, to: to)
        var parsed = OpeningHoursCache()
        // Free hours and supply of a qualifying facility's matching rooms, decided as the lean catalogue streams.
        let measure: LeanFacilities.Measure = { f, rooms in
            var hours = 0.0, supply = 0.0
            for room in rooms {
                guard let text = room.openingHours else { continue }
                guard let oh = parsed.hours(text) else { continue }
                let free = FreeTime.freeSlots(openingHours: oh, calendar: calendar, bookings: booked[room.id] ?? [], from: from, to: to)
                let h = Double(free.reduce(0) { $0 + $1.realMinutes }) / 60
                hours += h
                supply += TwoStepFloatingCatchment.supply(freeHoursPerWeek: h, capacity: Double(room.capacity ?? f.capacity ?? 1))
            }
            return (hours, supply)
        }
        let coverageQuery = CoverageQuery(filter: query.filter, time: query.time, reaches: [query.reach], source: query.source,
                                          policy: query.policy)
        let setup = try coverageSetup(coverageQuery, measure: measure)
        let computed = try coverageColumns(coverageQuery, setup, by: query.road)
        let (lean, demand, outcome) = (setup.lean, computed.demand, computed.outcome)
        let allDistricts = setup.layers.districts
        let d0 = query.reach.rule.maximumMetres
        var districtIndex: [String: Int32] = [:]
        for (k, d) in allDistricts.enumerated() { districtIndex[d.code] = Int32(k) }
        let pointDistricts = demand.districts.map { $0.flatMap { districtIndex[$0] } ?? -1 }
        let result: AccessibilityResult
        if let road = query.road {
            let reached = try roadReach(road, points: demand.locations, targets: lean.locations, limit: d0)
            let distances = try DistanceRows.build(rowCount: demand.count, columnCount: lean.count) { i in
                reached[i].map { NearestFacility(facility: $0.target, metres: $0.cost) }
            }
            result = try TwoStepFloatingCatchment.compute(
                supply: lean.supply, population: demand.weights, distances: distances, catchmentMetres: d0, decay: query.decay,
                districts: pointDistricts, districtCount: allDistricts.count)
        } else {
            // Geodesic catchments streamed from the index twice: no point-by-facility table is held.
            let locations = demand.locations
            result = try TwoStepFloatingCatchment.compute(
                supply: lean.supply, population: demand.weights, catchmentMetres: d0, decay: query.decay,
                districts: pointDistricts, districtCount: allDistricts.count) { i in
                lean.catchment(radius: d0, of: locations[i])
            }
        }
        var pop = [Double](repeating: 0, count: allDistricts.count)
        for (i, k) in pointDistricts.enumerated() where k >= 0 { pop[Int(k)] += demand.weights[i] }
        func mean(_ classes: Set<PointClass>) -> Double? {
            var s = 0.0, w = 0.0
            for i in 0 ..< demand.count where classes.contains(computed.classes[i]) {
                s += demand.weights[i] * result.index[i]; w += demand.weights[i]
            }
            return w > 0 ? s / w : nil
        }
        // District classes as the coverage report decided them (district majority or layer).
        let districtRural = Dictionary(outcome.report.districts.map { ($0.code, $0.rural) }, uniquingKeysWith: { a, _ in a })
        let districts = allDistricts.enumerated().map { k, d in
            DistrictAccessibility(code: d.code, name: d.name, rural: districtRural[d.code] ?? true,
                                  population: pop[k], accessibility: result.districtMean[k])
        }.sorted { ($0.accessibility ?? -1, $0.code) < ($1.accessibility ?? -1, $1.code) }
        let facilities = (0 ..< lean.count).map { i in
            FacilitySupply(id: lean.ids[i], name: lean.names[i], freeHours: lean.hours[i], supply: lean.supply[i], ratio: result.ratio[i])
        }
        let byTime = query.road?.ranksByTime == true
        return AccessibilityOutcome(source: outcome.source, decay: query.decay, catchmentM: byTime ? nil : d0,
                                    catchmentS: byTime ? d0 : nil, metric: query.road?.metricName ?? "geodesic",
                                    travel: query.road?.modeName, weekFrom: monday.description,
                                    weekTo: monday.adding(days: 6).description, districts: districts,
                                    rural: mean([.rural]), urban: mean([.urban]), total: mean([.rural, .urban]),
                                    outsideDistricts: mean([.outside]), facilities: facilities,
                                    classification: outcome.classification)
    }

    /// The Monday of the ISO week containing `date`.
    static func mondayOfWeek(_ date: LocalDate) -> LocalDate { date.adding(days: -date.weekday.rawValue) }

    /// The next Monday after today (Copenhagen time).
    static func nextMonday() -> LocalDate {
        let today = CopenhagenTime.localTime(at: UTCInstant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down)))).date
        return mondayOfWeek(today).adding(days: 7)
    }
}
