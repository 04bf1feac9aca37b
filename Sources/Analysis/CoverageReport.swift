/// Coverage figures for a group of demand points: one district, the rural or urban points, or all.
///
/// Distances are exact geodesic metres to the nearest qualifying facility, weighted by residents,
/// over points with weight > 0:
/// - `meanMetres`: weighted mean; nil when the group has no residents or when any resident has no
///   qualifying facility at all (an infinite distance makes the mean meaningless).
/// - `medianMetres`, `p90Metres`: the smallest distance `d` such that the residents at distance
///   `<= d` are at least 50 % / 90 % of the group's residents; nil when there are no residents or
///   when that share is only reached by residents without a facility.
/// - `maxMetres`: nil as for the mean.
public struct CoverageFigures: Hashable, Sendable, Codable {
    /// Residents (sum of weights).
    public var population: Double
    /// Residents within reach, keyed by reach label.
    public var coveredPopulation: [String: Double]
    /// `coveredPopulation / population`, keyed by reach label; nil when the population is 0.
    public var share: [String: Double?]
    public var meanMetres: Double?
    public var medianMetres: Double?
    public var p90Metres: Double?
    public var maxMetres: Double?
    /// Residents with no qualifying facility at all (never covered).
    public var unreachablePopulation: Double
    /// Demand points in the group (including points with weight 0).
    public var points: Int
    /// Qualifying facilities located in the group's districts.
    public var facilities: Int
    /// Facilities per 1 000 residents; nil when the population is 0.
    public var facilitiesPer1000: Double?

    public init(population: Double, coveredPopulation: [String: Double], share: [String: Double?],
                meanMetres: Double?, medianMetres: Double?, p90Metres: Double?, maxMetres: Double?,
                unreachablePopulation: Double, points: Int, facilities: Int, facilitiesPer1000: Double?) {
        self.population = population
        self.coveredPopulation = coveredPopulation
        self.share = share
        self.meanMetres = meanMetres
        self.medianMetres = medianMetres
        self.p90Metres = p90Metres
        self.maxMetres = maxMetres
        self.unreachablePopulation = unreachablePopulation
        self.points = points
        self.facilities = facilities
        self.facilitiesPer1000 = facilitiesPer1000
    }

    enum CodingKeys: String, CodingKey {
        case population
        case coveredPopulation = "covered_population"
        case share
        case meanMetres = "mean_m"
        case medianMetres = "median_m"
        case p90Metres = "p90_m"
        case maxMetres = "max_m"
        case unreachablePopulation = "unreachable_population"
        case points
        case facilities
        case facilitiesPer1000 = "facilities_per_1000"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(population, forKey: .population)
        try c.encode(coveredPopulation, forKey: .coveredPopulation)
        try c.encode(share, forKey: .share)
        // Explicit nulls: the JSON shape keeps every key.
        try c.encode(meanMetres, forKey: .meanMetres)
        try c.encode(medianMetres, forKey: .medianMetres)
        try c.encode(p90Metres, forKey: .p90Metres)
        try c.encode(maxMetres, forKey: .maxMetres)
        try c.encode(unreachablePopulation, forKey: .unreachablePopulation)
        try c.encode(points, forKey: .points)
        try c.encode(facilities, forKey: .facilities)
        try c.encode(facilitiesPer1000, forKey: .facilitiesPer1000)
    }
}

/// One district's coverage. Encodes flat: `{code, name, rural, population, covered_population, ...}`.
public struct DistrictCoverage: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var rural: Bool
    /// Index of the district in the input list.
    public var index: Int
    public var figures: CoverageFigures

    public init(code: String, name: String, rural: Bool, index: Int, figures: CoverageFigures) {
        self.code = code
        self.name = name
        self.rural = rural
        self.index = index
        self.figures = figures
    }

    enum CodingKeys: String, CodingKey { case code, name, rural, index }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        rural = try c.decode(Bool.self, forKey: .rural)
        index = try c.decode(Int.self, forKey: .index)
        figures = try CoverageFigures(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(rural, forKey: .rural)
        try c.encode(index, forKey: .index)
        try figures.encode(to: encoder)
    }
}

/// The coverage answer: `{reaches, districts, rural, urban, total, outside_districts, unreachable_points}`.
///
/// `districts` is ordered worst-served first: rural districts before urban ones; within a class by
/// lowest share within the first reach (districts without residents last), then by highest mean
/// distance (a nil mean, meaning some residents have no facility at all, counts as the highest),
/// then by code.
public struct CoverageReport: Hashable, Sendable, Codable {
    /// The reaches in the order given; their labels key the per-reach figures.
    public var reaches: [Reach]
    public var districts: [DistrictCoverage]
    /// Points in a district whose class (point flag, else district flag) is rural.
    public var rural: CoverageFigures
    /// Points in a district whose class is urban.
    public var urban: CoverageFigures
    /// All points in a district: rural + urban, exactly.
    public var total: CoverageFigures
    /// Points in no district: in neither class and not in the total (DESIGN.md), reported apart.
    /// With no districts at all nothing is outside one: every point is in its class and the total.
    public var outsideDistricts: CoverageFigures
    /// Indices of demand points with no qualifying facility at all, ascending.
    public var unreachablePoints: [Int]

    public init(reaches: [Reach], districts: [DistrictCoverage], rural: CoverageFigures, urban: CoverageFigures,
                total: CoverageFigures, outsideDistricts: CoverageFigures, unreachablePoints: [Int]) {
        self.reaches = reaches
        self.districts = districts
        self.rural = rural
        self.urban = urban
        self.total = total
        self.outsideDistricts = outsideDistricts
        self.unreachablePoints = unreachablePoints
    }

    enum CodingKeys: String, CodingKey {
        case reaches, districts, rural, urban, total
        case outsideDistricts = "outside_districts"
        case unreachablePoints = "unreachable_points"
    }
}
