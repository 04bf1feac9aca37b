import Analysis
import Foundation
import GeoTypes
import Overblik
import Routing

/// `overblik-bench roads`: a seeded synthetic national car network (`--sizes` nodes, default 3M),
/// multi-source labelling from `F` facilities, coverage of `--queries` population points by car
/// (default 5M: the labelling and, at the same time, snapping in spatial order and label lookups, on every core), single bounded `near --by car` (k = 5),
/// and the network import of the PBF files at hand in a child process (time, CPU, peak RSS;
/// `OVERBLIK_BENCH_PBF=a.pbf:b.pbf`, else the shared Helsinki extract). Baselines in the same run
/// on the same CSR: scipy.sparse.csgraph's multi-source Dijkstra (`min_only=True`) and igraph's
/// Dijkstra from a super-source (PyPI, in `.venv`, best-effort). Every row gives wall and CPU
/// seconds; ratios are baseline CPU over ours, which the machine's load disturbs least.
enum RoadsSuite: BenchSuite {
    static let name = "roads"
    static let summary = "road networks: synthetic national car graph, labelling, coverage by car, near --by car, PBF import, scipy and igraph baselines"
    static let facilities = 2_000

    struct Result: Encodable {
        var case_: String
        var nodes: Int
        var arcs: Int
        var seconds: Double
        var cpuSeconds: Double
        var baseline: String?
        var baselineSeconds: Double?
        var baselineCPUSeconds: Double?
        var note: String
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        let nodes = options.sizes == [1_000, 10_000, 100_000, 1_000_000] ? 3_000_000 : options.sizes[0]
        let points = options.queries == 10_000 ? 5_000_000 : options.queries
        report.tableHeader(["case", "nodes", "arcs", "wall s", "cpu s", "baseline", "base wall s", "base cpu s", "cpu ratio", "note"])
        func emit(_ r: Result) {
            report.emit(r)
            let ratio = r.baselineCPUSeconds.map { fixed($0 / r.cpuSeconds, 2) + "x" } ?? "-"
            report.tableRow([r.case_, String(r.nodes), String(r.arcs), fixed(r.seconds, 4), fixed(r.cpuSeconds, 4), r.baseline ?? "-",
                             r.baselineSeconds.map { fixed($0, 4) } ?? "-", r.baselineCPUSeconds.map { fixed($0, 4) } ?? "-", ratio, r.note])
        }
        var t0 = nowNanoseconds(), c0 = processCPUNanoseconds()
        func lap() -> (wall: Double, cpu: Double) {
            let t = nowNanoseconds(), c = processCPUNanoseconds()
            defer { (t0, c0) = (t, c) }
            return (Double(t - t0) / 1e9, Double(c - c0) / 1e9)
        }
        func load() -> String {
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)).map { "load " + $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? "load ?"
        }

        let ways = RoadNetworkSynthetic.ways(nodes: nodes, seed: options.seed)
        let generated = lap()
        var builder = RoadNetworkBuilder(mode: .car)
        for w in ways { builder.add(w) }
        let (network, built) = builder.build()
        let build = lap()
        emit(Result(case_: "build car graph", nodes: network.nodeCount, arcs: network.arcCount, seconds: build.wall, cpuSeconds: build.cpu,
                    note: "\(ways.count) ways generated in \(fixed(generated.wall, 1)) s; kept \(built.keptNodes)/\(built.allNodes) nodes, \(built.islands) islands; \(load())"))

        let snapper = EdgeSnapper(network: network)
        let index = lap()
        var random = SplitMix64(seed: options.seed ^ 0x5EED)
        func randomPoint() -> Coordinate {
            let c = network.coordinates[Int(random.next() % UInt64(network.nodeCount))]
            return Coordinate(lon: c.lon + (Double(random.next() % 2001) / 1000 - 1) * 0.004, lat: c.lat + (Double(random.next() % 2001) / 1000 - 1) * 0.002)
        }
        let facilitySnaps = (0..<facilities).map { _ in snapper.snap(randomPoint()) }
        let targets = RoadTargets(snaps: facilitySnaps, network: network)
        let snapped = lap()
        emit(Result(case_: "snap index + facilities", nodes: network.nodeCount, arcs: network.arcCount, seconds: index.wall + snapped.wall,
                    cpuSeconds: index.cpu + snapped.cpu, note: "packed grid over \(network.segmentCount) segments in \(fixed(index.wall, 2)) s; \(facilities) facilities snapped"))

        let router = RoadRouter(network: network)
        // The per-arc costs and the labelling's layout (LabelGraph: Hilbert order, arc records)
        // are built once per router and metric (as scipy's and igraph's CSR and weights are given
        // to them): a search from no source builds them before the timing; the note says how long.
        _ = router.label(sources: RoadTargets(snaps: [], network: network), metric: .time)
        let layout = lap()
        let labels = router.label(sources: targets, metric: .time)
        let labelling = lap()
        let labelled = labels.source.filter { $0 >= 0 }.count
        // A hash of every node's label and time (bit for bit), to compare builds.
        let labelHash = zip(labels.source, labels.seconds).reduce(UInt64(14_695_981_039_346_656_037)) { h, l in
            ((h ^ UInt64(UInt32(bitPattern: l.0))) &* 1_099_511_628_211 ^ l.1.bitPattern) &* 1_099_511_628_211
        }
        let baselines = options.baselines ? pythonBaselines(network, targets: targets) : []
        for (i, b) in (baselines.isEmpty ? [nil] : baselines.map { Optional($0) }).enumerated() {
            emit(Result(case_: i == 0 ? "multi-source labelling" : "  (same labelling)", nodes: network.nodeCount, arcs: network.arcCount,
                        seconds: labelling.wall, cpuSeconds: labelling.cpu, baseline: b?.name, baselineSeconds: b?.seconds, baselineCPUSeconds: b?.cpuSeconds,
                        note: (b?.note ?? "baselines not run (no .venv with scipy/igraph, or --baselines off)") + "; ours labelled \(labelled) (hash \(labelHash)); search layout built once per router before: \(fixed(layout.wall, 2)) s wall, \(fixed(layout.cpu, 2)) s CPU; target < 2 s; \(load())"))
        }

        let population = (0..<points).map { _ in randomPoint() }
        _ = lap()
        // As the library's coverage by road does: the points snapped (in spatial order) while the
        // labelling runs, then looked up, on every core.
        let (sameLabels, hits) = snapper.nearestSources(population, router: router, sources: targets, metric: .time)
        let coverage = lap()
        let covered = hits.filter { ($0?.cost.seconds ?? .infinity) <= 600 }.count
        let unreachable = hits.filter { $0 == nil }.count
        let perPoint = (coverage.cpu - labelling.cpu) * 1e6 / Double(max(1, points))
        // A hash of every point's answer (facility and both costs, bit for bit), to compare builds.
        let hitHash = hits.reduce(UInt64(14_695_981_039_346_656_037)) { h, hit in
            let t = UInt64(bitPattern: Int64(hit?.target ?? -1))
            return (((h ^ t) &* 1_099_511_628_211 ^ (hit?.cost.metres.bitPattern ?? 0)) &* 1_099_511_628_211
                ^ (hit?.cost.seconds.bitPattern ?? 0)) &* 1_099_511_628_211
        }
        emit(Result(case_: "coverage by car 10min", nodes: network.nodeCount, arcs: network.arcCount,
                    seconds: coverage.wall, cpuSeconds: coverage.cpu,
                    note: "\(points) points (labelling, and snap and labels in spatial order, on \(ProcessInfo.processInfo.activeProcessorCount) threads at once; "
                        + "about \(fixed(perPoint, 2)) µs CPU a point beyond the labelling); \(covered) covered, \(unreachable) >1 km (hash \(hitHash)); "
                        + "labels \(sameLabels.source == labels.source ? "equal" : "DIFFER from") the labelling row's; target < 5 s; \(load())"))
        if let check = karneyCheck(network, population: population, hits: hits, router: router, targets: targets) { emit(check) }

        var times: [Double] = [], cpuTimes: [Double] = []
        for _ in 0..<1_000 {
            guard let q = snapper.snap(randomPoint()) else { continue }
            let s = nowNanoseconds(), c = threadCPUNanoseconds()
            _ = router.nearest(from: q, to: targets, k: 5, metric: .time)
            times.append(Double(nowNanoseconds() - s) / 1e9)
            cpuTimes.append(Double(threadCPUNanoseconds() - c) / 1e9)
        }
        times.sort()
        cpuTimes.sort()
        emit(Result(case_: "near --by car k=5 median", nodes: network.nodeCount, arcs: network.arcCount, seconds: times[times.count / 2],
                    cpuSeconds: cpuTimes[cpuTimes.count / 2],
                    note: "\(times.count) queries (search only, point already snapped); p90 \(fixed(times[times.count * 9 / 10] * 1000, 2)) ms wall, "
                        + "\(fixed(cpuTimes[cpuTimes.count * 9 / 10] * 1000, 2)) ms CPU; target < 5 ms; \(load())"))

        for r in try importRows() { emit(r) }
    }
}
