import Foundation

/// Cold start of the CLI: wall time of whole `overblik near Nibe --limit 10` processes against a
/// store holding the bundled Aalborg sample (Data/), target < 50 ms. Uses the `overblik` binary
/// built next to this one (build both in release: `swift build -c release`).
enum NearColdStartSuite: BenchSuite {
    static let name = "near-cold"
    static let summary = "wall time of `overblik near Nibe --limit 10` processes (sample store, 30 runs)"
    static let runs = 30

    struct Result: Encodable {
        var engine = "overblik-near-process"
        var runs: Int
        var latency: LatencySummary
        /// Mean user + system CPU per process (from the children's rusage).
        var cpuMillisecondsPerRun: Double
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("overblik").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchUsageError(message: "no overblik binary at \(binary); run `swift build -c release` first")
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = root.appendingPathComponent("Data").path
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("overblik-near-cold-\(getpid()).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + s) } }
        let imports = [
            ["import", "districts", "\(data)/districts.geojson", "--name-field", "name", "--code-field", "code", "--rural-field", "rural"],
            ["import", "settlements", "\(data)/settlements.csv"],
            ["import", "facilities", "\(data)/facilities.csv"],
            ["import", "rooms", "\(data)/rooms.csv"],
        ]
        for args in imports { try runProcess(binary, args + ["--db", store]) }
        try runProcess(binary, ["near", "Nibe", "--limit", "10", "--db", store])   // warm the page cache
        var latencies = [UInt64]()
        let cpuBefore = childrenCPUNanoseconds()
        let start = nowNanoseconds()
        for _ in 0..<runs {
            let t = nowNanoseconds()
            try runProcess(binary, ["near", "Nibe", "--limit", "10", "--db", store])
            latencies.append(nowNanoseconds() - t)
        }
        let total = nowNanoseconds() - start
        let cpu = childrenCPUNanoseconds() - cpuBefore
        let result = Result(runs: runs, latency: LatencySummary(nanoseconds: latencies, totalNanoseconds: total, cpuNanoseconds: cpu),
                            cpuMillisecondsPerRun: Double(cpu) / 1e6 / Double(runs))
        report.emit(result)
        printError("overblik near Nibe --limit 10 (\(runs) processes): median \(fixed(result.latency.medianMicroseconds / 1000, 1)) ms, "
                   + "p95 \(fixed(result.latency.p95Microseconds / 1000, 1)) ms wall, "
                   + "\(fixed(result.cpuMillisecondsPerRun, 1)) ms CPU (user+sys) per process")
    }

    /// Runs a process to completion, output discarded; throws when it fails.
    static func runProcess(_ path: String, _ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw BenchUsageError(message: "\(path) \(args.joined(separator: " ")) exited with \(p.terminationStatus)")
        }
    }

    /// User + system CPU of all waited-for children so far.
    static func childrenCPUNanoseconds() -> UInt64 {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func ns(_ t: timeval) -> UInt64 { UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_usec) * 1000 }
        return ns(usage.ru_utime) + ns(usage.ru_stime)
    }
}
