import Analysis
import Foundation

/// Whole `overblik` processes on a national-size store beside their peers, in one run: imports
/// against `ogr2ogr -f SQLite -dsco SPATIALITE=YES` and a Python executemany loop; cold `near` and
/// `near --from-file` against pandas + pyproj + scipy cKDTree end to end; peak resident memory of
/// every case (the child's `VmHWM`). Needs the release `overblik` beside this binary; the Python
/// peers run from the project's `.venv` (`/usr/bin/python3 -m venv .venv && .venv/bin/pip install pandas pyproj
/// scipy`), else are skipped.
///
/// `--sizes N` facilities (default 1 000 000; population N and 5N), `--queries Q` (default 10 000),
/// `--only import|import-facilities|import-population|near|memory` (import-population: SpatiaLite and, with
/// `OVERBLIK_BENCH_POSTGRES`, PostgreSQL side by side), `--baselines off`, `--dump DIR` keeps the generated files there;
/// `OVERBLIK_BENCH_POSTGRES=postgres://…` adds the imports into PostgreSQL (see `ScaleSuite+Postgres`).
enum ScaleSuite: BenchSuite {
    static let name = "scale"
    static let summary = "imports, cold near, near --from-file and memory of whole processes beside ogr2ogr, Python and cKDTree"

    struct Case: Encodable {
        var caseName: String
        var engine: String
        var size: Int
        var runs: Int
        /// Median wall seconds over the runs.
        var seconds: Double
        var cpuSeconds: Double
        /// Largest peak resident set of the runs.
        var peakRSSMegabytes: Double
        var target: String
        var met: Bool?
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("overblik").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchUsageError(message: "no overblik binary at \(binary); run `swift build -c release` first")
        }
        let size = options.sizes.max()!
        let dir = options.dump ?? NSTemporaryDirectory() + "overblik-scale-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if options.dump == nil { try? FileManager.default.removeItem(atPath: dir) } }
        let files = try ScaleData.write(into: dir, facilities: size, population: [size, 5 * size], queries: options.queries, seed: options.seed)
        let python = root.appendingPathComponent(".venv/bin/python").path
        let hasPython = FileManager.default.isExecutableFile(atPath: python)
        let ogr2ogr = ["/usr/bin/ogr2ogr", "/usr/local/bin/ogr2ogr"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let store = dir + "/overblik.sqlite"
        var rows: [Case] = []

        func measure(_ caseName: String, engine: String, n: Int, runs: Int = 1, target: String = "", stdout: String? = nil,
                     before: () -> Void = {}, limit: ((seconds: Double, megabytes: Double)) -> Bool? = { _ in nil },
                     _ arguments: [String]) throws {
            var walls: [Double] = [], cpu: [Double] = [], peak = 0.0
            for _ in 0..<runs {
                before()
                let m = try ChildProcess.measure(arguments, stdout: stdout ?? "/dev/null")
                // (`check` exits 1 when it reports problems: a finished run too.)
                guard m.status == 0 || (m.status == 1 && ["check", "gaps", "free"].contains(arguments.dropFirst().first)) else { throw BenchUsageError(message: "\(arguments.joined(separator: " ")) exited with \(m.status)") }
                walls.append(m.seconds)
                cpu.append(m.cpuSeconds)
                peak = max(peak, m.peakRSSMegabytes)
            }
            let median = walls.sorted()[walls.count / 2], medianCPU = cpu.sorted()[cpu.count / 2]
            let row = Case(caseName: caseName, engine: engine, size: n, runs: runs, seconds: median, cpuSeconds: medianCPU,
                           peakRSSMegabytes: peak, target: target, met: limit((median, peak)))
            report.emit(row)
            rows.append(row)
            printError("  \(caseName) [\(engine)]: \(fixed(median, 3)) s, \(fixed(peak, 1)) MB")
        }
        func remove(_ path: String) { for s in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let ours = "overblik"

        if options.only == "import-population" {
            // Only the two population imports, each into a new store (no facilities, no peers).
            for (n, file) in [(size, files.population[0]), (5 * size, files.population[1])] {
                remove(store)
                try measure("import population", engine: ours, n: n, target: n == size ? "< 3 s" : "< 15 s, flat memory",
                            limit: { $0.seconds < (n == size ? 3 : 15) }, [binary, "import", "population", file, "--db", store])
                // Beside it, into a fresh PostgreSQL database when one is given.
                if let server = postgresServer {
                    try measure("import population", engine: "overblik into PostgreSQL (client CPU)", n: n,
                                [binary, "import", "population", file, "--db", try freshPostgresDatabase(server)])
                }
            }
            if let server = postgresServer { try dropPostgresScratch(server) }
            remove(store)
            return table(rows, report: report)
        }
        if options.only == "import-facilities" {
            // Only the facility import, into a new store (no population, no peers).
            remove(store)
            try measure("import facilities", engine: ours, n: size, target: "< 5 s", limit: { $0.seconds < 5 },
                        [binary, "import", "facilities", files.facilities, "--db", store])
            remove(store)
            return table(rows, report: report)
        }
        if options.only == nil || options.only == "import" || !FileManager.default.fileExists(atPath: store) {
            remove(store)
            try measure("import facilities", engine: ours, n: size, target: "< 5 s", limit: { $0.seconds < 5 },
                        [binary, "import", "facilities", files.facilities, "--db", store])
            try measure("import population", engine: ours, n: size, target: "< 3 s", limit: { $0.seconds < 3 },
                        [binary, "import", "population", files.population[0], "--db", store])
            let big = dir + "/population-5x.sqlite"
            remove(big)
            try measure("import population", engine: ours, n: 5 * size, target: "< 15 s, flat memory", limit: { $0.seconds < 15 },
                        [binary, "import", "population", files.population[1], "--db", big])
            remove(big)
            if options.baselines {
                let peer = dir + "/peer.sqlite"
                if let ogr2ogr {
                    for (layer, file) in [("facilities", files.facilities), ("population", files.population[0])] {
                        try measure("import \(layer)", engine: "ogr2ogr -f SQLite -dsco SPATIALITE=YES", n: size, before: { remove(peer) },
                                    [ogr2ogr, "-f", "SQLite", "-dsco", "SPATIALITE=YES", peer, file, "-nln", layer,
                                     "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-a_srs", "EPSG:4326"])
                    }
                }
                let script = root.appendingPathComponent("Tools/bench/import_executemany.py").path
                for (layer, file) in [("facilities", files.facilities), ("population", files.population[0])] {
                    try measure("import \(layer)", engine: "python executemany", n: size, before: { remove(peer) },
                                ["/usr/bin/python3", script, layer, file, peer])
                }
                remove(peer)
            }
            if let server = postgresServer {
                let engine = "overblik into PostgreSQL (client CPU)"
                var url = try freshPostgresDatabase(server)
                try measure("import facilities", engine: engine, n: size, [binary, "import", "facilities", files.facilities, "--db", url])
                try measure("import population", engine: engine, n: size, [binary, "import", "population", files.population[0], "--db", url])
                url = try freshPostgresDatabase(server)
                try measure("import population", engine: engine, n: 5 * size, [binary, "import", "population", files.population[1], "--db", url])
                try dropPostgresScratch(server)
            }
        }
        if options.only == nil || options.only == "near" {
            _ = try ChildProcess.measure([binary, "near", "9.92,57.05", "--limit", "10", "--db", store], stdout: "/dev/null")
            try measure("cold near LON,LAT --limit 10", engine: ours, n: size, runs: 11, target: "< 100 ms, < 100 MB",
                        limit: { $0.seconds < 0.1 && $0.megabytes < 100 },
                        [binary, "near", "9.92,57.05", "--limit", "10", "--db", store])
            try measure("cold near, filters + --free-at", engine: ours, n: size, runs: 11, target: "< 150 ms",
                        limit: { $0.seconds < 0.15 },
                        [binary, "near", "9.80,57.10", "--limit", "10", "--kind", "village_hall", "--wheelchair", "yes",
                         "--capacity", "25", "--free-at", "2026-12-01T19:00", "--for", "2h", "--db", store])
            // The sample store (Data/): settlements by name, districts, rooms.
            let sample = dir + "/sample.sqlite"
            remove(sample)
            let data = root.appendingPathComponent("Data").path
            for (layer, file, extra) in [("districts", "districts.geojson", ["--name-field", "name", "--code-field", "code", "--rural-field", "rural"]),
                                         ("settlements", "settlements.csv", []), ("facilities", "facilities.csv", []), ("rooms", "rooms.csv", [])] {
                let m = try ChildProcess.measure([binary, "import", layer, data + "/" + file, "--db", sample] + extra, stdout: "/dev/null")
                guard m.status == 0 else { throw BenchUsageError(message: "importing the sample \(layer) exited with \(m.status)") }
            }
            let sampleCount = 142
            // The target is for the binary `make release` builds (Swift runtime linked statically): say which was measured.
            let linking = try Self.swiftRuntimeIsStatic(binary, scratch: dir) ? "static Swift runtime" : "DYNAMIC Swift runtime: build with make release"
            try measure("cold near Nibe --limit 10 (sample store, \(linking))", engine: ours, n: sampleCount, runs: 11, target: "< 20 ms",
                        limit: { $0.seconds < 0.02 }, [binary, "near", "Nibe", "--limit", "10", "--db", sample])
            try measure("empty process: overblik --version", engine: ours, n: 0, runs: 11, [binary, "--version"])
            remove(sample)
            let out = dir + "/near-out.csv"
            var peer: Double?
            if options.baselines && hasPython {
                try measure("near --from-file", engine: "pandas+pyproj+cKDTree", n: options.queries, runs: 3,
                            [python, root.appendingPathComponent("Tools/bench/near_ckdtree.py").path, files.facilities,
                             files.queries, "10", out])
                peer = rows.last?.seconds
            } else if options.baselines {
                printError("  (no \(python): the cKDTree peer is skipped; `/usr/bin/python3 -m venv .venv && .venv/bin/pip install pandas pyproj scipy`)")
            }
            try measure("near --from-file", engine: ours, n: options.queries, runs: 3, target: "faster than cKDTree",
                        stdout: out, limit: { m in peer.map { m.seconds < $0 } },
                        [binary, "near", "--from-file", files.queries, "--limit", "10", "--format", "csv", "--db", store])
        }
        if options.only == nil || options.only == "memory" {
            let out = dir + "/memory-case.out"
            // Every non-import command that reads the whole store. Those whose answer holds a row per
            // facility or demand point in one document (the web map, GeoJSON collections) are marked.
            let within = ["--kind", "village_hall", "--within", "5km"]
            let cases: [(String, [String], String)] = [
                ("info", ["info"], "< 300 MB"),
                ("near --within 2km --limit 1000", ["near", "9.92,57.05", "--within", "2km", "--limit", "1000"], "< 300 MB"),
                ("near --step-free --capacity 50 --free-weekly", ["near", "9.92,57.05", "--step-free", "--capacity", "50", "--free-weekly",
                                                                  "Tu 19:00-21:00", "--from", "2027-01-05", "--to", "2027-03-30"], "< 300 MB"),
                ("export facilities --seq", ["export", "facilities", "--seq", "--out", out], "< 300 MB"),
                ("export facilities (one collection)", ["export", "facilities", "--out", out], "< 300 MB"),
                ("check", ["check"], "< 300 MB"),
                ("check --format csv", ["check", "--format", "csv"], "< 300 MB"),
                ("coverage --within 5km", ["coverage"] + within, "< 300 MB"),
                ("gaps --within 5km --source population", ["gaps"] + within + ["--source", "population", "--format", "csv"], "< 300 MB"),
                // 2SFCA: both steps stream the catchments from the index (no point × facility table).
                ("access --within 1km", ["access", "--kind", "village_hall", "--within", "1km", "--source", "population"], "< 300 MB"),
                ("free ROOM (one week)", ["free", "f1", "--from", "2026-12-01T00:00", "--to", "2026-12-08T00:00"], "< 300 MB"),
                ("bookings", ["bookings"], "< 300 MB"),
                ("hours check", ["hours", "check", "Mo-Fr 08:00-17:00; PH off"], "< 300 MB"),
                ("map (every facility streamed into one page)", ["map", "--out", out + ".html", "--leaflet", "cdn"], "< 300 MB"),
            ]
            for (what, args, target) in cases {
                try measure(what, engine: ours, n: size, target: target, limit: { target.isEmpty ? nil : $0.megabytes < 300 },
                            [binary] + args + ["--db", store])
            }
            for file in [out, out + ".html"] { try? FileManager.default.removeItem(atPath: file) }
        }
        table(rows, report: report)
    }

    /// Whether `binary` carries the Swift runtime inside it (`swift build --static-swift-stdlib`, as
    /// `make release` builds it): `ldd` lists no libswiftCore.
    static func swiftRuntimeIsStatic(_ binary: String, scratch: String) throws -> Bool {
        let listing = scratch + "/ldd.out"
        defer { try? FileManager.default.removeItem(atPath: listing) }
        guard try ChildProcess.measure(["/usr/bin/ldd", binary], stdout: listing).status == 0 else { return false }
        return !(try String(contentsOfFile: listing, encoding: .utf8)).contains("libswiftCore")
    }

    /// The table on stderr: each case with its target, our figures, and the peers' beside it.
    static func table(_ rows: [Case], report: BenchReport) {
        report.tableHeader(["case", "size", "engine", "wall s (median)", "CPU s", "peak MB", "target", "met", "vs overblik"])
        for row in rows {
            let ours = rows.first { $0.caseName == row.caseName && $0.size == row.size && $0.engine == "overblik" }
            let ratio = ours.map { row.engine == "overblik" ? "-" : fixed(row.seconds / $0.seconds, 2) + "x" } ?? "-"
            report.tableRow([row.caseName, String(row.size), row.engine, fixed(row.seconds, 3), fixed(row.cpuSeconds, 2),
                             fixed(row.peakRSSMegabytes, 1), row.target, row.met.map { $0 ? "yes" : "NO" } ?? "", ratio])
        }
    }
}
