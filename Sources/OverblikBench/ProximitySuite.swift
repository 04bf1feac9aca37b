import Foundation
import GeoTypes
import SpatialIndex
import Analysis

/// k-nearest latency of the in-memory geodesic index on Aalborg-like data: k = 10 unfiltered and
/// k = 5 filtered to village halls with wheelchair access (~10 % of facilities).
enum ProximitySuite: BenchSuite {
    static let name = "proximity"
    static let summary = "k-nearest queries on the geodesic index (k=10 unfiltered, k=5 filtered)"

    /// A competitor measured on the same data and a subsample of the same queries.
    struct Baseline {
        var name: String
        /// How many of the suite's queries it answers (slow engines get a prefix of them).
        var maxQueries: Int
        /// Largest data set it is loaded with (loading is slow: SpatiaLite inserts ~10^4 rows/s here).
        var maxSize: Int
        /// Loads the points (rank = array position) with their attribute masks.
        var load: (_ points: [Coordinate], _ attributes: [UInt64]) throws -> LoadedBaseline
    }

    /// A loaded competitor: `query(point, k, required mask)` gives (rank, metres) nearest first;
    /// `close` releases what `load` created.
    struct LoadedBaseline {
        var query: (_ point: Coordinate, _ k: Int, _ required: UInt64) throws -> [Neighbor]
        var close: () -> Void
    }

    /// Baselines run alongside the index: SpatiaLite's R*Tree + ST_Distance k-nearest on a temporary
    /// store holding the same facilities.
    static func defaultBaselines() -> [Baseline] {
        [spatiaLiteBaseline()]
    }

    /// One measured case, as written to the JSON lines.
    struct CaseResult: Encodable {
        var engine: String
        var size: Int
        var caseName: String
        var k: Int
        var requiredMask: UInt64
        var latency: LatencySummary
        var buildSeconds: Double
        /// Thread CPU time of the build (robust against competing processes).
        var buildCpuSeconds: Double
        var bytesPerPoint: Double
        var meanResults: Double
        /// Queries checked against an exhaustive Karney scan (0 above 20 000 points), and mismatches.
        var verifiedQueries: Int
        var mismatches: Int
        /// Baselines: median latency of the index divided by the baseline's on the same queries.
        var indexOverBaselineMedian: Double?
        /// Baselines: queries whose answer equals the index's (same ids, distances within 1 mm).
        var agreeingQueries: Int?
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        try run(options, report: report, baselines: options.baselines ? defaultBaselines() : [])
    }

    /// Runs the suite with the given competitors measured next to the index.
    static func run(_ options: BenchArguments, report: BenchReport, baselines: [Baseline]) throws {
        let world = AalborgSynthetic(seed: options.seed)
        measureKarney(world: world, seed: options.seed, report: report)
        checkChordBound(count: 2_000_000, seed: options.seed, report: report)
        report.tableHeader(["engine / size / case", "median µs", "p95 µs", "cpu µs/q", "qps", "build s", "build cpu", "bytes/pt", "verified"])
        for size in options.sizes {
            var rng = SplitMix64(seed: options.seed &+ UInt64(size))
            let points = (0..<size).map { _ in world.point(using: &rng) }
            let masks = (0..<size).map { _ in world.attributes(using: &rng) }
            let queries = (0..<options.queries).map { _ in world.queryPoint(using: &rng) }

            let t0 = nowNanoseconds(), c0 = threadCPUNanoseconds()
            let index = GeodesicIndex(points: points, attributes: masks)
            let buildSeconds = Double(nowNanoseconds() - t0) / 1e9
            let buildCPUSeconds = Double(threadCPUNanoseconds() - c0) / 1e9
            let bytesPerPoint = Double(index.memoryFootprint) / Double(size)

            let required = AalborgSynthetic.villageHall | AalborgSynthetic.wheelchair
            let cases = [("k10", 10, UInt64(0)), ("k5-village-hall-wheelchair", 5, required)]
            var indexLatencies: [String: [UInt64]] = [:]
            for (caseName, k, mask) in cases {
                var latencies = [UInt64](repeating: 0, count: queries.count)
                var resultCount = 0
                let cpuStart = threadCPUNanoseconds()
                let start = nowNanoseconds()
                var found = [Neighbor]()
                for (i, q) in queries.enumerated() {
                    let t = nowNanoseconds()
                    index.nearest(to: q, k: k, requiring: mask, into: &found)
                    latencies[i] = nowNanoseconds() - t
                    resultCount += found.count
                }
                let total = nowNanoseconds() - start
                let cpu = threadCPUNanoseconds() - cpuStart
                indexLatencies[caseName] = latencies
                let (verified, mismatches) = verify(index: index, points: points, masks: masks, queries: queries,
                                                    k: k, required: mask)
                let result = CaseResult(engine: "geodesic-index", size: size, caseName: caseName, k: k, requiredMask: mask,
                                        latency: LatencySummary(nanoseconds: latencies, totalNanoseconds: total, cpuNanoseconds: cpu),
                                        buildSeconds: buildSeconds, buildCpuSeconds: buildCPUSeconds, bytesPerPoint: bytesPerPoint,
                                        meanResults: Double(resultCount) / Double(queries.count),
                                        verifiedQueries: verified, mismatches: mismatches)
                report.emit(result)
                report.tableRow(["index \(size) \(caseName == "k10" ? "k10" : "k5 filt")",
                                 fixed(result.latency.medianMicroseconds, 2), fixed(result.latency.p95Microseconds, 2),
                                 fixed(result.latency.cpuMicrosecondsPerOperation, 2),
                                 fixed(result.latency.operationsPerSecond, 0), fixed(buildSeconds, 3),
                                 fixed(buildCPUSeconds, 3), fixed(bytesPerPoint, 1), verified == 0 ? "-" : "\(verified - mismatches)/\(verified)"])
            }
            for baseline in baselines where size <= baseline.maxSize {
                try runBaseline(baseline, index: index, points: points, masks: masks, queries: queries, cases: cases,
                                indexLatencies: indexLatencies, size: size, report: report)
            }
        }
    }

    /// Checks up to 200 queries against an exhaustive scan when the data set is small enough.
    static func verify(index: GeodesicIndex, points: [Coordinate], masks: [UInt64], queries: [Coordinate],
                       k: Int, required: UInt64) -> (verified: Int, mismatches: Int) {
        guard points.count <= 20_000 else { return (0, 0) }
        var mismatches = 0
        let checked = queries.prefix(200)
        for q in checked {
            var all = [Neighbor]()
            for (i, p) in points.enumerated() where masks[i] & required == required {
                all.append(Neighbor(rank: Int32(i), distance: Geodesic.distance(from: q, to: p)))
            }
            all.sort()
            if !agrees(index.nearest(to: q, k: k, requiring: required), Array(all.prefix(k))) { mismatches += 1 }
        }
        return (checked.count, mismatches)
    }

    /// Same ranks in the same order, distances within 1 mm of Karney's (the index reports series
    /// distances within 1e-5 m of it).
    static func agrees(_ got: [Neighbor], _ want: [Neighbor]) -> Bool {
        got.count == want.count && zip(got, want).allSatisfy { $0.rank == $1.rank && abs($0.distance - $1.distance) <= 1e-3 }
    }

    /// Loads a baseline once per size, runs both cases on a prefix of the queries, and compares its
    /// answers and median latency with the index's on the same queries.
    static func runBaseline(_ baseline: Baseline, index: GeodesicIndex, points: [Coordinate], masks: [UInt64],
                            queries allQueries: [Coordinate], cases: [(String, Int, UInt64)],
                            indexLatencies: [String: [UInt64]], size: Int, report: BenchReport) throws {
        let t0 = nowNanoseconds()
        let loaded = try baseline.load(points, masks)
        defer { loaded.close() }
        let buildSeconds = Double(nowNanoseconds() - t0) / 1e9
        let queries = Array(allQueries.prefix(baseline.maxQueries))
        for (caseName, k, required) in cases {
            var latencies = [UInt64](repeating: 0, count: queries.count)
            var answers = [[Neighbor]]()
            answers.reserveCapacity(queries.count)
            let cpuStart = threadCPUNanoseconds()
            let start = nowNanoseconds()
            for (i, q) in queries.enumerated() {
                let t = nowNanoseconds()
                answers.append(try loaded.query(q, k, required))
                latencies[i] = nowNanoseconds() - t
            }
            let total = nowNanoseconds() - start
            let cpu = threadCPUNanoseconds() - cpuStart
            var agreeing = 0
            for (q, answer) in zip(queries, answers) where agrees(index.nearest(to: q, k: k, requiring: required), answer) {
                agreeing += 1
            }
            let latency = LatencySummary(nanoseconds: latencies, totalNanoseconds: total, cpuNanoseconds: cpu)
            let ours = LatencySummary(nanoseconds: Array((indexLatencies[caseName] ?? []).prefix(queries.count)),
                                      totalNanoseconds: 1, cpuNanoseconds: 1)
            let ratio = ours.medianMicroseconds / latency.medianMicroseconds
            let result = CaseResult(engine: baseline.name, size: size, caseName: caseName, k: k, requiredMask: required,
                                    latency: latency, buildSeconds: buildSeconds, buildCpuSeconds: .nan, bytesPerPoint: .nan,
                                    meanResults: Double(answers.map(\.count).reduce(0, +)) / Double(max(1, queries.count)),
                                    verifiedQueries: 0, mismatches: 0, indexOverBaselineMedian: ratio,
                                    agreeingQueries: agreeing)
            report.emit(result)
            report.tableRow(["\(baseline.name) \(size) \(caseName == "k10" ? "k10" : "k5 filt")",
                             fixed(latency.medianMicroseconds, 2), fixed(latency.p95Microseconds, 2),
                             fixed(latency.cpuMicrosecondsPerOperation, 2), fixed(latency.operationsPerSecond, 0),
                             fixed(buildSeconds, 3), "-", "-", "agree \(agreeing)/\(queries.count)"])
            printError("    index/\(baseline.name) median ratio on these \(queries.count) queries: \(fixed(ratio, 4))"
                       + " (index \(fixed(ours.medianMicroseconds, 2)) µs, \(baseline.name) \(fixed(latency.medianMicroseconds, 2)) µs)")
        }
    }
}
