extension TwoStepFloatingCatchment {
    /// Computes the index without holding the distance rows: each demand point's row is asked for
    /// twice (once per step), a block of points at a time on `threads` threads, so memory is that of
    /// one block however many facilities lie in the catchments. The sums are added in the order of
    /// ``compute(supply:population:distances:catchmentMetres:decay:districts:districtCount:)`` (point by
    /// point, each row in its own order), so both give the same bits.
    ///
    /// - Parameters:
    ///   - supply: `S_j` per facility (finite, >= 0).
    ///   - population: `P_i` per demand point (finite, >= 0).
    ///   - catchmentMetres: `d0` (finite, >= 0); row entries beyond it weigh 0.
    ///   - decay: the distance decay.
    ///   - districts: district index per demand point (-1 for none), for the per-district means.
    ///   - districtCount: number of districts.
    ///   - threads: threads the rows are asked for on.
    ///   - row: the facilities near point `i` with exact distances in metres; the same answer both times.
    /// - Throws: ``AnalysisInputError`` for bad values, district indices, or a row entry naming no
    ///   facility or carrying a negative, NaN or infinite distance.
    /// - Complexity: O(points + facilities + entries) time, twice the row queries; O(points +
    ///   facilities + one block of rows) memory.
    public static func compute(supply: [Double], population: [Double], catchmentMetres: Double,
                               decay: DistanceDecay = .gaussian, districts: [Int32] = [], districtCount: Int = 0,
                               threads: Int = 2, row: @Sendable (Int) -> [NearestFacility]) throws(AnalysisInputError) -> AccessibilityResult {
        try validate(supply: supply, population: population, catchmentMetres: catchmentMetres, districts: districts,
                     districtCount: districtCount)
        let d0 = catchmentMetres, facilities = supply.count
        // A checked row of point i as (facility, weight) pairs, or the first bad entry.
        @Sendable func weighted(_ i: Int) -> Result<[(Int, Double)], AnalysisInputError> {
            var pairs: [(Int, Double)] = []
            for hit in row(i) {
                guard hit.facility >= 0, hit.facility < facilities else {
                    return .failure(.indexOutOfRange(what: "distance row column of demand point \(i)", index: i, value: hit.facility,
                                                     count: facilities))
                }
                guard hit.metres.isFinite, hit.metres >= 0 else {
                    return .failure(.invalidDistance(what: "distance row metres of demand point \(i)", index: i, value: hit.metres))
                }
                pairs.append((hit.facility, decay.weight(metres: hit.metres, catchmentMetres: d0)))
            }
            return .success(pairs)
        }
        // Step 1: weighted demand per facility, added point by point in order.
        var demand = [Double](repeating: 0, count: facilities)
        try forEachBlock(count: population.count, threads: threads, work: { range -> Result<[[(Int, Double)]], AnalysisInputError> in
            var rows: [[(Int, Double)]] = []
            for i in range {
                guard population[i] > 0 else { rows.append([]); continue }
                switch weighted(i) {
                case let .success(pairs): rows.append(pairs.map { ($0.0, $0.1 * population[i]) })
                case let .failure(error): return .failure(error)
                }
            }
            return .success(rows)
        }) { rows in
            for pairs in rows { for (j, v) in pairs { demand[j] += v } }
            return rows.reduce(0) { $0 + $1.count }
        }
        let ratio = supply.indices.map { demand[$0] > 0 ? supply[$0] / demand[$0] : 0 }
        // Step 2: accessibility per point, each row summed in its own order.
        var index: [Double] = []
        index.reserveCapacity(population.count)
        try forEachBlock(count: population.count, threads: threads, work: { range -> Result<[Double], AnalysisInputError> in
            var values: [Double] = []
            for i in range {
                switch weighted(i) {
                case let .success(pairs):
                    var a = 0.0
                    for (j, w) in pairs { a += w * ratio[j] }
                    values.append(a)
                case let .failure(error): return .failure(error)
                }
            }
            return .success(values)
        }) { values in
            index.append(contentsOf: values)
            return values.count
        }
        return summarise(index: index, ratio: ratio, population: population, districts: districts, districtCount: districtCount)
    }

    /// Runs `work` over `0 ..< count` in blocks split across `threads`, handing each block's parts to
    /// `take` in order. Blocks grow or shrink so that a part holds about a million entries (`take`
    /// returns how many it got).
    private static func forEachBlock<T: Sendable>(count: Int, threads: Int, work: @Sendable (Range<Int>) -> Result<T, AnalysisInputError>,
                                                  take: (T) -> Int) throws(AnalysisInputError) {
        var start = 0, rowsPerPart = 64
        while start < count {
            let end = min(count, start + rowsPerPart * max(1, threads))
            let ranges = Parallel.ranges(count: end - start, chunks: max(1, threads)).map { ($0.lowerBound + start) ..< ($0.upperBound + start) }
            var entries = 0
            for part in Parallel.map(ranges, work) {
                switch part {
                case let .success(value): entries += take(value)
                case let .failure(error): throw error
                }
            }
            let perRow = max(1, entries / max(1, end - start))
            rowsPerPart = min(65_536, max(16, 1_000_000 / perRow))
            start = end
        }
    }
}
