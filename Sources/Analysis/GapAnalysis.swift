/// A settlement or population cluster beyond reach of every qualifying facility.
public struct Gap: Hashable, Sendable, Codable {
    /// Index of the settlement in the input.
    public var index: Int
    public var population: Double
    public var rural: Bool
    /// Nearest qualifying facility, nil when there is none at all.
    public var facility: Int?
    /// Distance to it in metres, nil when there is none.
    public var distanceMetres: Double?
    /// The threshold the settlement missed (its class's).
    public var thresholdMetres: Double
    /// `population × distanceMetres`; nil when there is no facility (ranked above every finite score).
    public var score: Double?

    enum CodingKeys: String, CodingKey {
        case index, population, rural, facility
        case distanceMetres = "distance_m"
        case thresholdMetres = "threshold_m"
        case score
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index)
        try c.encode(population, forKey: .population)
        try c.encode(rural, forKey: .rural)
        try c.encode(facility, forKey: .facility)
        try c.encode(distanceMetres, forKey: .distanceMetres)
        try c.encode(thresholdMetres, forKey: .thresholdMetres)
        try c.encode(score, forKey: .score)
    }
}

/// Finds settlements beyond reach and ranks them by residents × distance.
public enum GapAnalysis {
    /// The settlements (or clusters) whose nearest qualifying facility is farther than the reach,
    /// worst first.
    ///
    /// Order: settlements without any facility first (by population, descending), then by
    /// `population × distance` descending, then by population descending, then by index ascending.
    /// A settlement exactly at the threshold is covered (not a gap). Settlements with population 0
    /// are never gaps.
    ///
    /// - Parameters:
    ///   - populations: residents per settlement (finite, >= 0).
    ///   - rural: rural flag per settlement (chooses the threshold of a per-class reach).
    ///   - reach: the threshold rule.
    ///   - nearest: nearest qualifying facility per settlement with its exact distance, nil for none.
    /// - Throws: ``AnalysisInputError`` for mismatched lengths, a bad population, threshold or distance.
    /// - Complexity: O(n log n).
    public static func gaps(populations: [Double], rural: [Bool], reach: ReachRule,
                            nearest: [NearestFacility?]) throws(AnalysisInputError) -> [Gap] {
        guard rural.count == populations.count else {
            throw .countMismatch(what: "settlement rural flags", expected: populations.count, got: rural.count)
        }
        guard nearest.count == populations.count else {
            throw .countMismatch(what: "settlement nearest facilities", expected: populations.count, got: nearest.count)
        }
        try reach.validate(label: reach.defaultLabel)
        var out: [Gap] = []
        for i in populations.indices {
            let p = populations[i]
            guard p.isFinite, p >= 0 else { throw .invalidWeight(what: "settlement population", index: i, value: p) }
            if let hit = nearest[i], !(hit.metres >= 0) {
                throw .invalidDistance(what: "settlement nearest distance", index: i, value: hit.metres)
            }
            guard p > 0 else { continue }
            let threshold = reach.thresholdMetres(rural: rural[i])
            let hit = nearest[i].flatMap { $0.metres.isFinite ? $0 : nil }
            if let hit, hit.metres <= threshold { continue }
            out.append(Gap(index: i, population: p, rural: rural[i], facility: hit?.facility,
                           distanceMetres: hit?.metres, thresholdMetres: threshold,
                           score: hit.map { p * $0.metres }))
        }
        out.sort { a, b in
            let sa = a.score ?? .infinity, sb = b.score ?? .infinity
            if sa != sb { return sa > sb }
            if a.population != b.population { return a.population > b.population }
            return a.index < b.index
        }
        return out
    }
}
