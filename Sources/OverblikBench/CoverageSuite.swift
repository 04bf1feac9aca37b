import Analysis
import Facilities
import Foundation
import GeoJSON
import GeoTypes
import Geometry
import SpatialIndex
import Store

/// Coverage at scale on Aalborg-like data: nearest qualifying facility + reach classification,
/// store-to-report, district assignment with the point locator, and siting.
///
///   overblik-bench coverage [--sizes 1000000,5000000] [--seed N] [--only siting] [--dump DIR]
///
/// `--only siting` runs only the siting case (on the same instance as the full run: the points of
/// the other cases are still drawn, so the generator is in the same state). `--dump DIR` writes the
/// siting instance to `DIR/siting-instance.json` (weights and, per demand point, the candidates that
/// reach it) for an external check, for example `Tools/mclp_highs.py`.
///
/// The first size is the point count of the nearest and assignment cases (default 1M); the
/// second, of the store-to-report case (default 5M, written once to a temporary SpatiaLite file).
enum CoverageSuite: BenchSuite {
    static let name = "coverage"
    static let summary = "nearest + reach for 1M points, 5M store-to-report, parish assignment, siting (p = 5, 10, 20)"

    struct Case: Encodable {
        var caseName: String
        var points: Int
        var facilities: Int
        var threads: Int
        var seconds: Double
        /// Thread CPU time (siting only; the other cases are multi-threaded or include I/O).
        var cpuSeconds: Double? = nil
        var pointsPerSecond: Double?
        var pointsPerSecondPerCore: Double?
        var detail: [String: Double]
        var target: String
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        guard options.only == nil || options.only == "siting" else {
            throw BenchUsageError(message: "coverage: --only knows only \"siting\", got \"\(options.only!)\"")
        }
        let all = options.only == nil
        // The harness default sizes (1k ... 1M) are for the proximity suite; without --sizes use 1M and 5M.
        let explicit = CommandLine.arguments.contains { $0.hasPrefix("--sizes") }
        let n = explicit ? options.sizes.first ?? 1_000_000 : 1_000_000
        let big = explicit && options.sizes.count > 1 ? options.sizes[1] : 5_000_000
        let city = AalborgSynthetic(seed: options.seed)
        var rng = SplitMix64(seed: options.seed)
        let facilities = (0 ..< 2_000).map { _ in city.point(using: &rng) }
        let index = GeodesicIndex(points: facilities)
        report.tableHeader(["case", "points", "threads", "seconds", "points/s", "points/s/core", "target"])
        func emit(_ c: Case) {
            report.emit(c)
            report.tableRow([c.caseName, String(c.points), String(c.threads), fixed(c.seconds, 3),
                             c.pointsPerSecond.map { fixed($0 / 1e6, 2) + "M" } ?? "-",
                             c.pointsPerSecondPerCore.map { fixed($0 / 1e6, 2) + "M" } ?? "-", c.target])
        }

        // 1. Nearest facility + reach classification, 1 and 2 threads.
        let points = (0 ..< n).map { _ in city.point(using: &rng) }
        let reaches = [Reach(.byClass(ruralMetres: 5_000, urbanMetres: 2_000), label: "r5/u2")]
        let rural = points.indices.map { $0 % 5 == 0 }
        let demand = try DemandPoints(weights: [Double](repeating: 1, count: n), districts: [Int32](repeating: -1, count: n), rural: rural)
        let analysis = try CoverageAnalysis(districts: [], points: demand, facilityDistricts: [], reaches: reaches)
        // Per point (the index's k = 1 search, the same-run baseline) and in batches (exact, the same answers).
        let (lons, lats) = (points.map(\.lon), points.map(\.lat))
        var reference: CoverageResult?
        for (mode, threads) in [("per-point", 1), ("batch", 1), ("batch", 2)] where all {
            let t0 = nowNanoseconds(), c0 = processCPUNanoseconds()
            let result: CoverageResult
            if mode == "per-point" {
                result = analysis.run(threads: threads) { i in
                    index.nearestNeighbor(to: points[i]).map { NearestFacility(facility: Int($0.rank), metres: $0.distance) }
                }
            } else {
                result = analysis.run(threads: threads) { range in
                    let answer = index.nearestNeighbors(lons: lons, lats: lats, in: range)
                    return (answer.ranks, answer.distances)
                }
            }
            let s = Double(nowNanoseconds() - t0) / 1e9, cpu = Double(processCPUNanoseconds() - c0) / 1e9
            var detail = ["covered_share": result.report.total.share["r5/u2"].flatMap { $0 } ?? -1, "cpu_s": cpu]
            if let reference {
                detail["mismatches"] = Double(zip(reference.nearestFacility, result.nearestFacility).filter { $0 != $1 }.count
                    + zip(reference.nearestMetres, result.nearestMetres).filter { $0.bitPattern != $1.bitPattern }.count)
            } else {
                reference = result
            }
            emit(Case(caseName: "nearest+reach (\(mode))", points: n, facilities: facilities.count, threads: threads, seconds: s,
                      pointsPerSecond: Double(n) / s, pointsPerSecondPerCore: Double(n) / cpu,
                      detail: detail, target: ">= 2M/s/core"))
        }

        // 2. Assign points to the 57 parishes.
        if !all {
            // siting only
        } else if let parishes = parishFile() {
            let features = try GeoJSONReader(path: parishes).readAll()
            let shapes: [MultiPolygon<PlanarXY>] = features.compactMap { f in
                switch f.geometry {
                case let .polygon(rings)?: return planar([rings])
                case let .multiPolygon(polys)?: return planar(polys)
                default: return nil
                }
            }
            let t0 = nowNanoseconds()
            let locator = PointLocator(districts: shapes)
            let projected = points.map { c -> PlanarXY in let p = UTM32.forward(c); return PlanarXY(x: p.easting, y: p.northing) }
            let t1 = nowNanoseconds()
            let assigned = locator.locateAllCompact(projected)
            let t2 = nowNanoseconds()
            let inside = assigned.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
            emit(Case(caseName: "assign-\(shapes.count)-parishes", points: n, facilities: 0, threads: 1, seconds: Double(t2 - t1) / 1e9,
                      pointsPerSecond: Double(n) / (Double(t2 - t1) / 1e9), pointsPerSecondPerCore: nil,
                      detail: ["inside_share": Double(inside) / Double(n), "locator_and_projection_s": Double(t1 - t0) / 1e9],
                      target: "< 0.4 s"))
        } else {
            printError("coverage: ../shared/data/aalborg/parishes-2014.geojson not found; assignment case skipped")
        }

        // 3. Siting: 10 000 demand points x 1 000 candidates, reach 3 km, p = 5, 10, 20.
        let sitingDemand = (0 ..< 10_000).map { _ in city.point(using: &rng) }
        let candidates = (0 ..< 1_000).map { _ in city.point(using: &rng) }
        let weights = (0 ..< 10_000).map { _ in Double.random(in: 1 ... 50, using: &rng).rounded() }
        let candidateIndex = GeodesicIndex(points: candidates)
        let t0 = nowNanoseconds()
        let rows = try SparseRows.build(rowCount: sitingDemand.count, columnCount: candidates.count) { i in
            candidateIndex.within(radius: 3_000, of: sitingDemand[i]).map { Int($0.rank) }
        }
        let problem = try CoverageProblem(candidatesReaching: rows, weights: weights)
        let build = Double(nowNanoseconds() - t0) / 1e9
        if let dir = options.dump { try dumpSiting(rows: rows, weights: weights, directory: dir) }
        for p in [5, 10, 20] {
            let t = nowNanoseconds()
            let c = threadCPUNanoseconds()
            let solution = MaximalCovering.solve(problem, p: p)
            let cpu = Double(threadCPUNanoseconds() - c) / 1e9
            let s = Double(nowNanoseconds() - t) / 1e9
            emit(Case(caseName: "site p=\(p) gap=\(fixed(solution.gap * 100, 3))% cpu=\(fixed(cpu, 3))s", points: sitingDemand.count,
                      facilities: candidates.count, threads: 1, seconds: s, cpuSeconds: cpu, pointsPerSecond: nil, pointsPerSecondPerCore: nil,
                      detail: ["gap": solution.gap, "value": solution.value, "upper_bound": solution.upperBound,
                               "sets_build_s": build, "entries": Double(rows.entryCount)],
                      target: "gap <= 0.5 % in < 1 s"))
        }

        // 4. Store to report: read population points from SpatiaLite, nearest + reach + report, 2 threads.
        guard all else { return }
        try storeToReport(count: big, city: city, seed: options.seed, index: index, reaches: reaches, emit: emit)
    }

    static func storeToReport(count: Int, city: AalborgSynthetic, seed: UInt64, index: GeodesicIndex, reaches: [Reach],
                              emit: (Case) -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("overblik-bench-coverage-\(seed)-\(count)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("population.sqlite").path
        if !FileManager.default.fileExists(atPath: path + ".done") {
            try? FileManager.default.removeItem(atPath: path)
            let store = try OverblikStore(path: path)
            var rng = SplitMix64(seed: seed ^ 0x5EED)
            // Setup only (not timed): the population R*Tree index makes writing 5M rows very slow, and
            // the read path never uses it, so the bench file is written without it.
            try store.database.execute("SELECT DisableSpatialIndex('population', 'geom')")
            let insert = try store.database.prepare(
                "INSERT INTO population (id, lon, lat, weight, geom) VALUES (?1, ?2, ?3, ?4, MakePoint(?2, ?3, 4326))")
            let batch = 250_000
            for start in stride(from: 0, to: count, by: batch) {
                try store.database.transaction {
                    for i in start ..< min(count, start + batch) {
                        let c = city.point(using: &rng)
                        try insert.run([.text(String(format: "p%08d", i)), .real(c.lon), .real(c.lat), .real(1)])
                    }
                }
            }
            FileManager.default.createFile(atPath: path + ".done", contents: nil)
        }
        let store = try OverblikStore(path: path, readOnly: true)
        // "columns, per point" is the old path (one reader, the index's per-point search): the same-run baseline.
        // "streamed" reads chunks on this thread while one worker runs the batch search on the previous ones.
        enum Mode: String {
            case points = "populationPoints", columnsPerPoint = "columns, per point", columnsBatch = "columns, batch"
            case streamed = "streamed, batch"
        }
        var reference: CoverageResult?
        for mode in [Mode.columnsPerPoint, .columnsBatch, .streamed, .points] {
            let t0 = nowNanoseconds(), c0 = processCPUNanoseconds()
            var lon: [Double] = [], lat: [Double] = [], weight: [Double] = []
            var streamedAnswers: [NearestNeighbors] = []
            switch mode {
            case .points:
                let points = try store.populationPoints()
                lon = points.map(\.location.lon); lat = points.map(\.location.lat); weight = points.map(\.weight)
            case .columnsPerPoint:
                let c = try store.populationColumns()
                lon = c.lon; lat = c.lat; weight = c.weight
            case .columnsBatch:
                let c = try store.populationColumns()
                lon = c.lon; lat = c.lat; weight = c.weight
            case .streamed:
                let pipeline = ChunkPipeline<NearestNeighbors>()
                try store.forEachPopulationChunk { chunk in
                    weight.append(contentsOf: chunk.weight)
                    let (lo, la) = (chunk.lon, chunk.lat)
                    pipeline.submit { index.nearestNeighbors(lons: lo, lats: la) }
                }
                streamedAnswers = pipeline.results()
            }
            let t1 = nowNanoseconds(), c1 = processCPUNanoseconds()
            let (lons, lats) = (lon, lat)
            let demand = try DemandPoints(weights: weight, districts: [Int32](repeating: -1, count: weight.count),
                                          rural: weight.indices.map { $0 % 5 == 0 })
            let analysis = try CoverageAnalysis(districts: [], points: demand, facilityDistricts: [], reaches: reaches)
            let result: CoverageResult
            if mode == .streamed {
                result = try analysis.run(nearestFacility: streamedAnswers.flatMap(\.ranks),
                                          nearestMetres: streamedAnswers.flatMap(\.distances), threads: 2)
            } else if mode == .columnsPerPoint {
                result = analysis.run(threads: 2) { i in
                    index.nearestNeighbor(to: Coordinate(lon: lons[i], lat: lats[i])).map { NearestFacility(facility: Int($0.rank), metres: $0.distance) }
                }
            } else {
                result = analysis.run(threads: 2) { range in
                    let answer = index.nearestNeighbors(lons: lons, lats: lats, in: range)
                    return (answer.ranks, answer.distances)
                }
            }
            let t2 = nowNanoseconds()
            let total = Double(t2 - t0) / 1e9, cpu = Double(processCPUNanoseconds() - c0) / 1e9
            var detail = ["read_s": Double(t1 - t0) / 1e9, "analysis_s": Double(t2 - t1) / 1e9, "cpu_s": cpu,
                          "read_cpu_s": Double(c1 - c0) / 1e9,
                          "population": result.report.total.population]
            if let reference {
                detail["mismatches"] = Double(zip(reference.nearestFacility, result.nearestFacility).filter { $0 != $1 }.count
                    + zip(reference.nearestMetres, result.nearestMetres).filter { $0.bitPattern != $1.bitPattern }.count
                    + (reference.report == result.report ? 0 : 1))
            } else {
                reference = result
            }
            emit(Case(caseName: "store-to-report (\(mode.rawValue))", points: weight.count,
                      facilities: 2_000, threads: 2, seconds: total, pointsPerSecond: Double(weight.count) / total,
                      pointsPerSecondPerCore: Double(weight.count) / cpu, detail: detail, target: "< 4 s"))
        }
    }

    /// Writes the siting instance as JSON: `{"weights": [...], "candidates": n, "rows": [[j, ...], ...]}`.
    static func dumpSiting(rows: SparseRows, weights: [Double], directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var text = "{\"candidates\": \(rows.columnCount), \"weights\": ["
        text += weights.map { String(Int($0)) }.joined(separator: ",")
        text += "], \"rows\": ["
        text += (0 ..< rows.rowCount).map { i in "[" + rows.row(i).map { String($0) }.joined(separator: ",") + "]" }.joined(separator: ",")
        text += "]}\n"
        let path = URL(fileURLWithPath: directory).appendingPathComponent("siting-instance.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        printError("coverage: wrote \(path)")
    }

    static func planar(_ polygons: [[[Coordinate]]]) -> MultiPolygon<PlanarXY> {
        MultiPolygon(polygons.compactMap { rings -> Polygon<PlanarXY>? in
            let projected = rings.map { ring in ring.map { c -> PlanarXY in
                let p = UTM32.forward(c)
                return PlanarXY(x: p.easting, y: p.northing)
            } }
            guard let exterior = projected.first, exterior.count >= 4 else { return nil }
            return Polygon(uncheckedExterior: exterior, holes: Array(projected.dropFirst()))
        })
    }

    /// ../shared/data/aalborg/parishes-2014.geojson relative to the package root (or the working directory).
    static func parishFile() -> String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // The package root's sibling ../shared (main checkout) or one level further up (worktrees).
        for base in [root.path, FileManager.default.currentDirectoryPath] {
            for up in ["../shared", "../../shared"] {
                let p = URL(fileURLWithPath: base).appendingPathComponent("\(up)/data/aalborg/parishes-2014.geojson").standardized.path
                if FileManager.default.fileExists(atPath: p) { return p }
            }
        }
        return nil
    }
}
