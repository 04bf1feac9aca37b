import Analysis
import Foundation
import GeoTypes
import Overblik
import Routing

/// `overblik-bench roads`: a seeded synthetic national car network (`--sizes` nodes, default 3M),
/// multi-source labelling from `F` facilities, coverage of `--queries` population points by car,
/// single bounded `near --by car` (k = 5), the PBF network import rate on the largest OpenStreetMap
/// file at hand (extrapolated to 400 MB), and scipy.sparse.csgraph's multi-source Dijkstra
/// (`min_only=True`) on the same CSR as the baseline (PyPI scipy in `.venv`, best-effort).
enum RoadsSuite: BenchSuite {
    static let name = "roads"
    static let summary = "road networks: synthetic national car graph, labelling, coverage by car, near --by car, PBF import, scipy baseline"
    static let facilities = 2_000

    struct Result: Encodable {
        var case_: String
        var nodes: Int
        var arcs: Int
        var seconds: Double
        var baseline: String?
        var baselineSeconds: Double?
        var note: String
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        let nodes = options.sizes == [1_000, 10_000, 100_000, 1_000_000] ? 3_000_000 : options.sizes[0]
        let points = options.queries == 10_000 ? 1_000_000 : options.queries
        report.tableHeader(["case", "nodes", "arcs", "seconds", "baseline s", "ratio", "note"])
        func emit(_ r: Result) {
            report.emit(r)
            let ratio = r.baselineSeconds.map { fixed($0 / r.seconds, 2) + "x" } ?? "-"
            report.tableRow([r.case_, String(r.nodes), String(r.arcs), fixed(r.seconds, 4), r.baselineSeconds.map { fixed($0, 4) } ?? "-", ratio, r.note])
        }
        var t0 = nowNanoseconds()
        func lap() -> Double { let t = nowNanoseconds(); defer { t0 = t }; return Double(t - t0) / 1e9 }

        let ways = RoadNetworkSynthetic.ways(nodes: nodes, seed: options.seed)
        let generated = lap()
        var builder = RoadNetworkBuilder(mode: .car)
        for w in ways { builder.add(w) }
        let (network, built) = builder.build()
        let buildSeconds = lap()
        emit(Result(case_: "build car graph", nodes: network.nodeCount, arcs: network.arcCount, seconds: buildSeconds, baseline: nil, baselineSeconds: nil,
                    note: "\(ways.count) ways generated in \(fixed(generated, 1)) s; kept \(built.keptNodes)/\(built.allNodes) nodes, \(built.islands) islands"))

        let snapper = EdgeSnapper(network: network)
        let indexSeconds = lap()
        var random = SplitMix64(seed: options.seed ^ 0x5EED)
        func randomPoint() -> Coordinate {
            let c = network.coordinates[Int(random.next() % UInt64(network.nodeCount))]
            return Coordinate(lon: c.lon + (Double(random.next() % 2001) / 1000 - 1) * 0.004, lat: c.lat + (Double(random.next() % 2001) / 1000 - 1) * 0.002)
        }
        let facilitySnaps = (0..<facilities).map { _ in snapper.snap(randomPoint()) }
        let targets = RoadTargets(snaps: facilitySnaps, network: network)
        emit(Result(case_: "snap index + facilities", nodes: network.nodeCount, arcs: network.arcCount, seconds: indexSeconds + lap(),
                    baseline: nil, baselineSeconds: nil, note: "grid over \(network.segmentCount) segments; \(facilities) facilities snapped"))

        let router = RoadRouter(network: network)
        _ = lap()
        let labels = router.label(sources: targets, metric: .time)
        let labelSeconds = lap()
        let scipy = options.baselines ? scipyBaseline(network, targets: targets) : nil
        emit(Result(case_: "multi-source labelling", nodes: network.nodeCount, arcs: network.arcCount, seconds: labelSeconds,
                    baseline: scipy == nil ? nil : "scipy.sparse.csgraph.dijkstra(min_only=True)", baselineSeconds: scipy?.seconds,
                    note: scipy?.note ?? "target < 2 s; scipy baseline not run"))

        let population = (0..<points).map { _ in randomPoint() }
        _ = lap()
        var covered = 0, unreachable = 0
        for p in population {
            guard let snap = snapper.snap(p) else { unreachable += 1; continue }
            if let hit = router.nearest(for: snap, labels: labels, sources: targets), hit.cost.seconds <= 600 { covered += 1 }
        }
        let coverageSeconds = lap()
        emit(Result(case_: "coverage by car 10min", nodes: network.nodeCount, arcs: network.arcCount, seconds: labelSeconds + coverageSeconds,
                    baseline: nil, baselineSeconds: nil,
                    note: "\(points) points (labelling + snap + labels); \(covered) covered, \(unreachable) >1 km; 5M extrapolated \(fixed(labelSeconds + coverageSeconds * 5_000_000 / Double(points), 1)) s"))

        var times: [Double] = []
        for _ in 0..<1_000 {
            guard let q = snapper.snap(randomPoint()) else { continue }
            let s = nowNanoseconds()
            _ = router.nearest(from: q, to: targets, k: 5, metric: .time)
            times.append(Double(nowNanoseconds() - s) / 1e9)
        }
        times.sort()
        emit(Result(case_: "near --by car k=5 median", nodes: network.nodeCount, arcs: network.arcCount, seconds: times[times.count / 2],
                    baseline: nil, baselineSeconds: nil, note: "\(times.count) queries (search only, point already snapped); p90 \(fixed(times[times.count * 9 / 10] * 1000, 2)) ms"))

        if let path = ProcessInfo.processInfo.environment["OVERBLIK_BENCH_PBF"] ?? sharedPBF() {
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            _ = lap()
            let read = try RoadNetworks.read(osmFile: path)
            let seconds = lap()
            let rate = Double(bytes) / seconds
            emit(Result(case_: "PBF network import", nodes: read.networks[.walk]?.nodeCount ?? 0, arcs: read.networks[.car]?.arcCount ?? 0,
                        seconds: seconds, baseline: nil, baselineSeconds: nil,
                        note: "\((path as NSString).lastPathComponent) \(bytes) B: \(fixed(rate / 1e6, 2)) MB/s; 400 MB extrapolated \(fixed(400e6 / rate, 0)) s (linear, from a small file)"))
        }
    }

    static func sharedPBF() -> String? {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("shared/data/osm/helsinki.osm.pbf").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }
}
