/// A district as the coverage analysis sees it: identity and rural flag.
public struct DistrictInfo: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var rural: Bool

    public init(code: String, name: String, rural: Bool) {
        self.code = code
        self.name = name
        self.rural = rural
    }
}

/// The nearest qualifying facility of a demand point, as found by the spatial index.
public struct NearestFacility: Hashable, Sendable {
    /// Index of the facility in the caller's facility list.
    public var facility: Int
    /// Exact geodesic distance in metres.
    public var metres: Double

    public init(facility: Int, metres: Double) {
        self.facility = facility
        self.metres = metres
    }
}

/// Demand points (residents): a weight, a district and a rural flag per point.
///
/// Columns rather than an array of structs, so that a million points stay compact.
public struct DemandPoints: Sendable {
    /// Residents represented by each point (may be fractional: grid cells, estimates).
    public let weights: [Double]
    /// District index per point (into the district list), or -1 when the point lies in no district.
    public let districts: [Int32]
    /// Rural flag per point; nil means "the flag of the point's district" (points outside every
    /// district are then urban).
    public let rural: [Bool]?

    /// - Throws: ``AnalysisInputError`` when the columns differ in length or a weight is negative or
    ///   not finite.
    public init(weights: [Double], districts: [Int32], rural: [Bool]? = nil) throws(AnalysisInputError) {
        guard districts.count == weights.count else {
            throw .countMismatch(what: "demand point districts", expected: weights.count, got: districts.count)
        }
        if let rural, rural.count != weights.count {
            throw .countMismatch(what: "demand point rural flags", expected: weights.count, got: rural.count)
        }
        for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
            throw .invalidWeight(what: "demand point weight", index: i, value: w)
        }
        self.weights = weights
        self.districts = districts
        self.rural = rural
    }

    /// Number of points.
    public var count: Int { weights.count }

    /// The rural class of every point, resolving nil flags from the districts.
    func resolvedRural(districts infos: [DistrictInfo]) -> [Bool] {
        if let rural { return rural }
        return districts.map { $0 >= 0 && infos[Int($0)].rural }
    }
}
