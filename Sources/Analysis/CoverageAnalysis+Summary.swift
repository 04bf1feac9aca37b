/// Per-group sums gathered in one pass over the points. A group is (district or "outside", class).
struct CoverageAccumulator: Sendable {
    let reachCount: Int
    var weight: [Double]
    var points: [Int]
    var positivePoints: [Int]
    var covered: [Double]          // group * reachCount + k
    var weightedMetres: [Double]   // finite distances only
    var maxMetres: [Double]        // over positive-weight points with a facility
    var unreachable: [Double]

    init(groups: Int, reachCount: Int) {
        self.reachCount = reachCount
        weight = Array(repeating: 0, count: groups)
        points = Array(repeating: 0, count: groups)
        positivePoints = Array(repeating: 0, count: groups)
        covered = Array(repeating: 0, count: groups * reachCount)
        weightedMetres = Array(repeating: 0, count: groups)
        maxMetres = Array(repeating: 0, count: groups)
        unreachable = Array(repeating: 0, count: groups)
    }

    mutating func merge(_ o: CoverageAccumulator) {
        for g in 0 ..< weight.count {
            weight[g] += o.weight[g]
            points[g] += o.points[g]
            positivePoints[g] += o.positivePoints[g]
            weightedMetres[g] += o.weightedMetres[g]
            maxMetres[g] = max(maxMetres[g], o.maxMetres[g])
            unreachable[g] += o.unreachable[g]
        }
        for k in 0 ..< covered.count { covered[k] += o.covered[k] }
    }
}

/// A buffer whose disjoint ranges are reordered by different threads.
private struct SharedDistances: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<WeightedDistance>
    func slice(_ r: Range<Int>) -> UnsafeMutableBufferPointer<WeightedDistance> {
        UnsafeMutableBufferPointer(rebasing: buffer[r])
    }
}

extension CoverageAnalysis {
    /// Group of a point: `(district + 1) * 2 + (rural ? 0 : 1)`; a district's two groups are adjacent.
    @inline(__always) static func group(district: Int32, rural: Bool) -> Int {
        (Int(district) + 1) * 2 + (rural ? 0 : 1)
    }

    func summarize(metres: [Double], threads: Int) -> CoverageReport {
        let n = points.count
        let groupCount = 2 * (districts.count + 1)
        let rural = points.resolvedRural(districts: districts)
        let weights = points.weights, pointDistricts = points.districts
        let thresholds: [[Double]] = reaches.map { r in [r.rule.thresholdMetres(rural: true), r.rule.thresholdMetres(rural: false)] }
        let reachCount = reaches.count

        // Pass 1: sums per group, in parallel over point ranges.
        var flatThresholds = [Double](repeating: 0, count: 2 * reachCount)
        for k in 0 ..< reachCount {
            flatThresholds[2 * k] = thresholds[k][0]
            flatThresholds[2 * k + 1] = thresholds[k][1]
        }
        let limits = flatThresholds
        let ranges = Parallel.ranges(count: n, chunks: threads)
        let parts = Parallel.map(ranges) { range -> (CoverageAccumulator, [Int]) in
            var acc = CoverageAccumulator(groups: groupCount, reachCount: reachCount)
            var unreachablePoints: [Int] = []
            weights.withUnsafeBufferPointer { weights in
            metres.withUnsafeBufferPointer { metres in
            rural.withUnsafeBufferPointer { rural in
            pointDistricts.withUnsafeBufferPointer { pointDistricts in
            limits.withUnsafeBufferPointer { limits in
            acc.weight.withUnsafeMutableBufferPointer { weight in
            acc.points.withUnsafeMutableBufferPointer { pts in
            acc.positivePoints.withUnsafeMutableBufferPointer { positive in
            acc.covered.withUnsafeMutableBufferPointer { covered in
            acc.weightedMetres.withUnsafeMutableBufferPointer { weighted in
            acc.maxMetres.withUnsafeMutableBufferPointer { maxMetres in
            acc.unreachable.withUnsafeMutableBufferPointer { unreachable in
                for i in range {
                    let isRural = rural[i]
                    let g = Self.group(district: pointDistricts[i], rural: isRural)
                    let w = weights[i], d = metres[i]
                    weight[g] += w
                    pts[g] += 1
                    if w > 0 { positive[g] += 1 }
                    if d.isFinite {
                        weighted[g] += w * d
                        if w > 0, d > maxMetres[g] { maxMetres[g] = d }
                        let cls = isRural ? 0 : 1
                        let base = g * reachCount
                        for k in 0 ..< reachCount where d <= limits[2 * k + cls] { covered[base + k] += w }
                    } else {
                        unreachable[g] += w
                        unreachablePoints.append(i)
                    }
                }
            }}}}}}}}}}}}
            return (acc, unreachablePoints)
        }
        var acc = parts[0].0
        for part in parts.dropFirst() { acc.merge(part.0) }
        let unreachablePoints = parts.flatMap(\.1)

        // Pass 2: positive-weight distances grouped by group (counting sort), each range scattering
        // into its own slots.
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for g in 0 ..< groupCount { starts[g + 1] = starts[g] + acc.positivePoints[g] }
        let buffer = UnsafeMutableBufferPointer<WeightedDistance>.allocate(capacity: starts[groupCount])
        defer { buffer.deallocate() }
        let shared = SharedDistances(buffer: buffer)
        var offsets: [[Int]] = []
        var running = Array(starts.dropLast())
        for part in parts {
            offsets.append(running)
            for g in 0 ..< groupCount { running[g] += part.0.positivePoints[g] }
        }
        let chunkOffsets = offsets
        _ = Parallel.map(Array(ranges.indices).map { $0 ..< $0 + 1 }) { c -> Int in
            var next = chunkOffsets[c.lowerBound]
            let base = shared.buffer.baseAddress!
            weights.withUnsafeBufferPointer { weights in
            metres.withUnsafeBufferPointer { metres in
            rural.withUnsafeBufferPointer { rural in
            pointDistricts.withUnsafeBufferPointer { pointDistricts in
                for i in ranges[c.lowerBound] where weights[i] > 0 {
                    let g = Self.group(district: pointDistricts[i], rural: rural[i])
                    (base + next[g]).initialize(to: WeightedDistance(metres: metres[i], weight: weights[i]))
                    next[g] += 1
                }
            }}}}
            return 0
        }
        var ruralItems: [WeightedDistance] = [], urbanItems: [WeightedDistance] = []
        // Groups 0 and 1 are the points outside every district: in neither class nor the total
        // (unless there are no districts at all: then nothing is outside one).
        let first = districts.isEmpty ? 0 : 2
        for g in first ..< groupCount {
            if g % 2 == 0 { ruralItems.append(contentsOf: buffer[starts[g] ..< starts[g + 1]]) }
            else { urbanItems.append(contentsOf: buffer[starts[g] ..< starts[g + 1]]) }
        }
        var totalItems = Array(buffer[starts[first]...])

        // Pass 3: quantiles. Jobs 0...D are buckets (in place, disjoint ranges); then rural, urban, total.
        let bucketCount = districts.count + 1
        func groupWeight(_ gs: [Int]) -> Double { gs.reduce(0) { $0 + acc.weight[$1] } }
        let bucketWeights = (0 ..< bucketCount).map { b in groupWeight([2 * b, 2 * b + 1]) }
        let ruralWeight = groupWeight(Array(stride(from: first, to: groupCount, by: 2)))
        let urbanWeight = groupWeight(Array(stride(from: first + 1, to: groupCount, by: 2)))
        let bucketStarts = starts
        let jobsPerThread = Self.balance(sizes: (0 ..< bucketCount).map { starts[2 * $0 + 2] - starts[2 * $0] },
                                         threads: threads)
        let ruralCopy = ruralItems, urbanCopy = urbanItems
        let totalCopy = totalItems
        let quantileParts = Parallel.map(jobsPerThread.indices.map { $0 ..< $0 + 1 }) { r -> [(Int, Double?, Double?)] in
            var out: [(Int, Double?, Double?)] = []
            for job in jobsPerThread[r.lowerBound] {
                if job < bucketCount {
                    let slice = shared.slice(bucketStarts[2 * job] ..< bucketStarts[2 * job + 2])
                    let (median, p90) = WeightedQuantile.select(slice, q1: 0.5, q2: 0.9, totalWeight: bucketWeights[job])
                    out.append((job, median, p90))
                } else {
                    var items = job == bucketCount ? ruralCopy : job == bucketCount + 1 ? urbanCopy : totalCopy
                    let w = job == bucketCount ? ruralWeight : job == bucketCount + 1 ? urbanWeight : ruralWeight + urbanWeight
                    let (median, p90) = items.withUnsafeMutableBufferPointer {
                        WeightedQuantile.select($0, q1: 0.5, q2: 0.9, totalWeight: w)
                    }
                    out.append((job, median, p90))
                }
            }
            return out
        }
        ruralItems = []; urbanItems = []; totalItems = []
        var quantiles = [(Double?, Double?)](repeating: (nil, nil), count: bucketCount + 3)
        for part in quantileParts { for (job, m, p) in part { quantiles[job] = (m, p) } }

        // Facility counts.
        var facilityCount = [Int](repeating: 0, count: bucketCount)
        for d in facilityDistricts { facilityCount[Int(d) + 1] += 1 }
        var ruralFacilities = districts.indices.reduce(0) { $0 + (districts[$1].rural ? facilityCount[$1 + 1] : 0) }
        var urbanFacilities = districts.indices.reduce(0) { $0 + (districts[$1].rural ? 0 : facilityCount[$1 + 1]) }
        // Without districts a facility counts in the class of its own location.
        if districts.isEmpty, let facilityRural {
            ruralFacilities = facilityRural.count { $0 }
            urbanFacilities = facilityRural.count - ruralFacilities
        }

        var districtRows: [DistrictCoverage] = []
        districtRows.reserveCapacity(districts.count)
        for (d, info) in districts.enumerated() {
            let b = d + 1
            let f = figures(acc, groups: [2 * b, 2 * b + 1], quantiles: quantiles[b], facilities: facilityCount[b])
            districtRows.append(DistrictCoverage(code: info.code, name: info.name, rural: info.rural, index: d, figures: f))
        }
        let firstLabel = reaches[0].label
        districtRows.sort { Self.worseServed($0, $1, firstLabel: firstLabel) }
        return CoverageReport(
            reaches: reaches,
            districts: districtRows,
            rural: figures(acc, groups: Array(stride(from: first, to: groupCount, by: 2)),
                           quantiles: quantiles[bucketCount], facilities: ruralFacilities),
            urban: figures(acc, groups: Array(stride(from: first + 1, to: groupCount, by: 2)),
                           quantiles: quantiles[bucketCount + 1], facilities: urbanFacilities),
            total: figures(acc, groups: Array(first ..< groupCount), quantiles: quantiles[bucketCount + 2],
                           facilities: facilityDistricts.count - (first == 0 ? 0 : facilityCount[0])),
            // Without districts nothing is outside one: the row is empty (the points are in the total).
            outsideDistricts: first == 0 ? figures(acc, groups: [], quantiles: (nil, nil), facilities: 0)
                : figures(acc, groups: [0, 1], quantiles: quantiles[0], facilities: facilityCount[0]),
            unreachablePoints: unreachablePoints)
    }

    /// Assigns jobs (buckets by size, then the three whole-class jobs) to threads, largest first.
    private static func balance(sizes: [Int], threads: Int) -> [[Int]] {
        let total = sizes.reduce(0, +)
        let ruralUrbanTotal = [(sizes.count, total), (sizes.count + 1, total), (sizes.count + 2, total)]
        let jobs = (sizes.enumerated().map { ($0.offset, $0.element) } + ruralUrbanTotal).sorted { $0.1 > $1.1 }
        var load = [Int](repeating: 0, count: max(1, threads))
        var lists = [[Int]](repeating: [], count: max(1, threads))
        for (job, size) in jobs {
            let t = load.indices.min { load[$0] < load[$1] }!
            lists[t].append(job)
            load[t] += size + 1
        }
        return lists
    }

    private func figures(_ acc: CoverageAccumulator, groups: [Int], quantiles: (Double?, Double?),
                         facilities: Int) -> CoverageFigures {
        var population = 0.0, pts = 0, weighted = 0.0, maxD = 0.0, unreachable = 0.0, positive = 0
        var covered = [Double](repeating: 0, count: reaches.count)
        for g in groups {
            population += acc.weight[g]
            pts += acc.points[g]
            positive += acc.positivePoints[g]
            weighted += acc.weightedMetres[g]
            maxD = max(maxD, acc.maxMetres[g])
            unreachable += acc.unreachable[g]
            for k in 0 ..< reaches.count { covered[k] += acc.covered[g * reaches.count + k] }
        }
        let defined = population > 0 && unreachable == 0
        // Sums of fractional weights carry float noise (42494.75000000003): residents are rounded
        // to 1e-6, distances to the millimetre, shares to 1e-9, in every output.
        func tidy(_ x: Double, _ scale: Double) -> Double { (x * scale).rounded() / scale }
        population = tidy(population, 1e6)
        var coveredByLabel: [String: Double] = [:], share: [String: Double?] = [:]
        for (k, r) in reaches.enumerated() {
            coveredByLabel[r.label] = tidy(covered[k], 1e6)
            share[r.label] = population > 0 ? tidy(covered[k] / population, 1e9) : nil
        }
        func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? tidy($0, 1e3) : nil } }
        return CoverageFigures(
            population: population, coveredPopulation: coveredByLabel, share: share,
            meanMetres: defined ? tidy(weighted / population, 1e3) : nil,
            medianMetres: finite(quantiles.0), p90Metres: finite(quantiles.1),
            maxMetres: defined && positive > 0 ? tidy(maxD, 1e3) : nil,
            unreachablePopulation: tidy(unreachable, 1e6), points: pts, facilities: facilities,
            facilitiesPer1000: population > 0 ? tidy(Double(facilities) * 1000 / population, 1e9) : nil)
    }

    /// The worst-served ordering of ``CoverageReport/districts``.
    static func worseServed(_ a: DistrictCoverage, _ b: DistrictCoverage, firstLabel: String) -> Bool {
        if a.rural != b.rural { return a.rural }
        let sa = a.figures.share[firstLabel] ?? nil, sb = b.figures.share[firstLabel] ?? nil
        switch (sa, sb) {
        case let (x?, y?) where x != y: return x < y
        case (.some, .none): return true
        case (.none, .some): return false
        default: break
        }
        let ma = a.figures.meanMetres ?? .infinity, mb = b.figures.meanMetres ?? .infinity
        if ma != mb { return ma > mb }
        return a.code < b.code
    }
}
