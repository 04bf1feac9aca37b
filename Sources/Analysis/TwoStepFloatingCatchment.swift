import Foundation

/// How the weight of a facility falls off with distance inside the catchment.
public enum DistanceDecay: String, Hashable, Sendable, Codable, CaseIterable {
    /// Gaussian 2SFCA (Dai 2010): `w(d) = (exp(−½ (d/d0)²) − exp(−½)) / (1 − exp(−½))` for
    /// `d <= d0`, else 0. Weight 1 at the facility, falling smoothly to 0 at the catchment edge.
    case gaussian
    /// Classic 2SFCA (Luo & Wang 2003): weight 1 inside the catchment, 0 outside.
    case none

    /// The weight at `metres` for catchment radius `catchmentMetres`.
    public func weight(metres: Double, catchmentMetres d0: Double) -> Double {
        guard metres <= d0 else { return 0 }
        switch self {
        case .none: return 1
        case .gaussian:
            guard d0 > 0 else { return 1 }   // degenerate catchment: only d == 0 is inside
            let edge = exp(-0.5)
            let x = metres / d0
            return (exp(-0.5 * x * x) - edge) / (1 - edge)
        }
    }
}

/// Accessibility per demand point and its population-weighted mean per district.
public struct AccessibilityResult: Hashable, Sendable, Codable {
    /// `A_i` per demand point: supply per resident reachable from it (units of supply per person).
    public var index: [Double]
    /// `R_j` per facility: supply per weighted resident in its catchment; 0 when nobody is in it.
    public var ratio: [Double]
    /// Population-weighted mean of `A_i` per district (nil for a district without residents).
    public var districtMean: [Double?]
    /// Population-weighted mean over all points (nil without residents).
    public var overallMean: Double?

    enum CodingKeys: String, CodingKey {
        case index, ratio
        case districtMean = "district_mean"
        case overallMean = "overall_mean"
    }
}

/// The two-step floating catchment area (2SFCA) accessibility index.
///
/// Step 1, per facility: `R_j = S_j / Σ_{i: d_ij <= d0} w(d_ij) P_i`. Step 2, per demand point:
/// `A_i = Σ_{j: d_ij <= d0} w(d_ij) R_j`. `S_j` is the supply (for rooms: free hours per week ×
/// capacity, see ``supply(freeHoursPerWeek:capacity:)``), `P_i` the residents, `w` the
/// ``DistanceDecay``. A facility whose weighted demand is 0 gets `R_j = 0` (it serves no one).
public enum TwoStepFloatingCatchment {
    /// Supply of a facility: free hours per week × capacity (person-hours per week).
    public static func supply(freeHoursPerWeek: Double, capacity: Double) -> Double {
        freeHoursPerWeek * capacity
    }

    /// Computes the index.
    /// - Parameters:
    ///   - supply: `S_j` per facility (finite, >= 0).
    ///   - population: `P_i` per demand point (finite, >= 0).
    ///   - distances: per demand point, the facilities near it with exact distances; entries beyond
    ///     `catchmentMetres` are ignored, so a wider radius query is fine.
    ///   - catchmentMetres: `d0` (finite, >= 0).
    ///   - decay: the distance decay.
    ///   - districts: district index per demand point (-1 for none), for the per-district means.
    ///   - districtCount: number of districts.
    /// - Throws: ``AnalysisInputError`` for mismatched sizes, bad values or district indices.
    /// - Complexity: O(points + facilities + entries).
    public static func compute(supply: [Double], population: [Double], distances: DistanceRows,
                               catchmentMetres: Double, decay: DistanceDecay = .gaussian,
                               districts: [Int32] = [], districtCount: Int = 0) throws(AnalysisInputError) -> AccessibilityResult {
        let rows = distances.rows
        guard rows.rowCount == population.count else {
            throw .countMismatch(what: "distance rows (one per demand point)", expected: population.count, got: rows.rowCount)
        }
        guard rows.columnCount == supply.count else {
            throw .countMismatch(what: "distance row columns (one per facility)", expected: supply.count, got: rows.columnCount)
        }
        // The rows are already checked (``DistanceRows``): one thread adds them exactly as the streamed form does.
        return try compute(supply: supply, population: population, catchmentMetres: catchmentMetres, decay: decay,
                           districts: districts, districtCount: districtCount, threads: 1) { i in
            (rows.rowStarts[i] ..< rows.rowStarts[i + 1]).map { NearestFacility(facility: Int(rows.columns[$0]), metres: distances.metres[$0]) }
        }
    }

    /// Checks the values every form of the index needs.
    static func validate(supply: [Double], population: [Double], catchmentMetres: Double, districts: [Int32],
                         districtCount: Int) throws(AnalysisInputError) {
        guard catchmentMetres.isFinite, catchmentMetres >= 0 else {
            throw .invalidThreshold(label: "catchment", metres: catchmentMetres)
        }
        for (j, s) in supply.enumerated() where !(s.isFinite && s >= 0) { throw .invalidWeight(what: "supply", index: j, value: s) }
        for (i, p) in population.enumerated() where !(p.isFinite && p >= 0) { throw .invalidWeight(what: "population", index: i, value: p) }
        guard districts.isEmpty || districts.count == population.count else {
            throw .countMismatch(what: "demand point districts", expected: population.count, got: districts.count)
        }
        for (i, d) in districts.enumerated() where d < -1 || Int(d) >= districtCount {
            throw .indexOutOfRange(what: "demand point district", index: i, value: Int(d), count: districtCount)
        }
    }

    /// The result from `A_i` and `R_j`: population-weighted means per district and overall.
    static func summarise(index: [Double], ratio: [Double], population: [Double], districts: [Int32],
                          districtCount: Int) -> AccessibilityResult {
        var sum = [Double](repeating: 0, count: districtCount), pop = [Double](repeating: 0, count: districtCount)
        var allSum = 0.0, allPop = 0.0
        for i in population.indices {
            allSum += population[i] * index[i]; allPop += population[i]
            if !districts.isEmpty, districts[i] >= 0 {
                sum[Int(districts[i])] += population[i] * index[i]; pop[Int(districts[i])] += population[i]
            }
        }
        return AccessibilityResult(index: index, ratio: ratio,
                                   districtMean: (0 ..< districtCount).map { pop[$0] > 0 ? sum[$0] / pop[$0] : nil },
                                   overallMean: allPop > 0 ? allSum / allPop : nil)
    }
}
