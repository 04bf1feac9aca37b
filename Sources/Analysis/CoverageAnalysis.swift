/// Coverage statistics: who is within reach of a qualifying facility, district by district.
///
/// The analysis takes, for every demand point, its nearest qualifying facility and the exact
/// distance to it (the spatial index's job) and classifies the points against one or more reaches
/// at once. It then reports per district, for rural and urban points and for everyone: residents,
/// residents within each reach and their share, weighted mean / median / p90 / max distance (see
/// ``CoverageFigures`` for the exact definitions), facility counts and facilities per 1 000
/// residents.
///
/// ```swift
/// let analysis = try CoverageAnalysis(districts: infos, points: points,
///                                     facilityDistricts: facilityDistrictIndex,
///                                     reaches: [Reach(.within(metres: 5_000), label: "5km")])
/// let result = analysis.run { i in index.nearest(to: coordinates[i]) }  // (facility, metres)?
/// result.report.districts.first   // the worst-served rural district
/// ```
public struct CoverageAnalysis: Sendable {
    public let districts: [DistrictInfo]
    public let points: DemandPoints
    /// District index (or -1) of every qualifying facility; only the counts per district are used.
    public let facilityDistricts: [Int32]
    /// Without districts, the class of every qualifying facility's own location (true rural), which
    /// then decides the facility counts of the RURAL and URBAN rows; nil counts none there. With
    /// districts, a facility counts in the class of its district.
    public let facilityRural: [Bool]?
    public let reaches: [Reach]

    /// Inputs with at least this many points are split across threads.
    public static let parallelThreshold = 50_000

    /// - Throws: ``AnalysisInputError`` for a district index out of range (points or facilities),
    ///   facility classes of another length than the facilities, a bad threshold, duplicate reach
    ///   labels or no reach.
    public init(districts: [DistrictInfo], points: DemandPoints, facilityDistricts: [Int32],
                facilityRural: [Bool]? = nil, reaches: [Reach]) throws(AnalysisInputError) {
        try Reach.validate(reaches)
        for (i, d) in points.districts.enumerated() where d < -1 || Int(d) >= districts.count {
            throw .indexOutOfRange(what: "demand point district", index: i, value: Int(d), count: districts.count)
        }
        for (j, d) in facilityDistricts.enumerated() where d < -1 || Int(d) >= districts.count {
            throw .indexOutOfRange(what: "facility district", index: j, value: Int(d), count: districts.count)
        }
        self.districts = districts
        self.points = points
        if let facilityRural, facilityRural.count != facilityDistricts.count {
            throw .countMismatch(what: "facility classes", expected: facilityDistricts.count, got: facilityRural.count)
        }
        self.facilityDistricts = facilityDistricts
        self.facilityRural = facilityRural
        self.reaches = reaches
    }

    /// Classifies every point using `nearest`, called once per point index, possibly from two
    /// threads at once.
    ///
    /// - Parameters:
    ///   - threads: number of threads for inputs of at least ``parallelThreshold`` points (default 2).
    ///   - nearest: the nearest qualifying facility of point `i` with its exact distance in metres,
    ///     or nil when there is none (the point then counts as never covered). Distances must be
    ///     >= 0; a NaN or negative distance is treated as "no facility".
    /// - Returns: the report and the per-point nearest facility and distance.
    /// - Complexity: O(n) expected, plus n calls of `nearest`.
    public func run(threads: Int = 2, nearest: @Sendable (Int) -> NearestFacility?) -> CoverageResult {
        run(threads: threads) { range in
            var facility = [Int32](repeating: -1, count: range.count)
            var metres = [Double](repeating: .infinity, count: range.count)
            for i in range {
                if let hit = nearest(i) {
                    facility[i - range.lowerBound] = Int32(truncatingIfNeeded: hit.facility)
                    metres[i - range.lowerBound] = hit.metres
                }
            }
            return (facility, metres)
        }
    }

    /// Classifies every point using `nearest`, called once per contiguous range of point indices
    /// (one range per thread), for batch searches such as
    /// ``ProximityEngine/nearestQualifying(lons:lats:in:qualifying:within:)``.
    ///
    /// - Parameters:
    ///   - threads: number of threads (and ranges) for inputs of at least ``parallelThreshold`` points.
    ///   - nearest: for a range, the nearest qualifying facility (-1 for none) and distance in metres
    ///     (`.infinity` for none) of each of its points, in order. A NaN or negative distance is
    ///     treated as "no facility", as in ``run(threads:nearest:)``.
    /// - Returns: the same result as ``run(threads:nearest:)`` with the same answers per point.
    public func run(threads: Int = 2, batch nearest: @Sendable (Range<Int>) -> (facility: [Int32], metres: [Double])) -> CoverageResult {
        let n = points.count
        let chunks = n >= Self.parallelThreshold ? max(1, threads) : 1
        let parts = Parallel.map(Parallel.ranges(count: n, chunks: chunks)) { range in
            var (facility, metres) = nearest(range)
            precondition(facility.count == range.count && metres.count == range.count,
                         "CoverageAnalysis: batch answer of the wrong length")
            for k in 0 ..< metres.count where !(facility[k] >= 0 && metres[k] >= 0) {
                facility[k] = -1
                metres[k] = .infinity
            }
            return (facility, metres)
        }
        var facility: [Int32] = []
        var metres: [Double] = []
        facility.reserveCapacity(n)
        metres.reserveCapacity(n)
        for part in parts {
            facility.append(contentsOf: part.0)
            metres.append(contentsOf: part.1)
        }
        return CoverageResult(report: summarize(metres: metres, threads: chunks),
                              nearestFacility: facility, nearestMetres: metres)
    }

    /// Classifies every point from precomputed nearest facilities.
    ///
    /// - Parameters:
    ///   - nearestFacility: facility index per point, -1 for none.
    ///   - nearestMetres: distance per point in metres; `.infinity` for none.
    /// - Throws: ``AnalysisInputError`` when the arrays do not match the points or a distance is
    ///   negative or NaN.
    public func run(nearestFacility: [Int32], nearestMetres: [Double], threads: Int = 2) throws(AnalysisInputError) -> CoverageResult {
        guard nearestFacility.count == points.count else {
            throw .countMismatch(what: "nearest facility per point", expected: points.count, got: nearestFacility.count)
        }
        guard nearestMetres.count == points.count else {
            throw .countMismatch(what: "nearest distance per point", expected: points.count, got: nearestMetres.count)
        }
        var metres = nearestMetres
        for i in 0 ..< metres.count {
            guard metres[i] >= 0 else { throw .invalidDistance(what: "nearest distance", index: i, value: metres[i]) }
            if nearestFacility[i] < 0 { metres[i] = .infinity }
        }
        let chunks = points.count >= Self.parallelThreshold ? max(1, threads) : 1
        return CoverageResult(report: summarize(metres: metres, threads: chunks),
                              nearestFacility: nearestFacility, nearestMetres: metres)
    }
}

/// The coverage report and the per-point classification it was computed from.
public struct CoverageResult: Sendable {
    public var report: CoverageReport
    /// Nearest qualifying facility per demand point, -1 for none.
    public var nearestFacility: [Int32]
    /// Distance in metres per demand point to that facility; `.infinity` for none.
    public var nearestMetres: [Double]
}
