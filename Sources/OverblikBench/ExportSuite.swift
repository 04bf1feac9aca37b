import Facilities
import Foundation
import Glibc
import GeoTypes
import Overblik

/// Exports synthetic facilities from a SpatiaLite store as a FeatureCollection and as an RFC 8142
/// sequence with the release `overblik` binary (one child process per case, so wall time and peak
/// memory are the export's own), next to `ogr2ogr -f GeoJSON` from the same file as the baseline.
enum ExportSuite: BenchSuite {
    static let name = "export"
    static let summary = "export N facilities as GeoJSON / GeoJSON Text Sequence; ogr2ogr baseline (child processes)"

    struct CaseResult: Encodable {
        var engine: String
        var size: Int
        var mode: String
        /// Median wall time of the runs.
        var seconds: Double
        /// Fastest and slowest run (a first run can pay for memory the VM has not touched yet).
        var secondsMin: Double
        var secondsMax: Double
        var runs: Int
        var cpuSeconds: Double
        var peakRSSMegabytes: Double
        var outputMegabytes: Double
        var featuresPerSecond: Double
        /// ogr2ogr seconds / these seconds (nil for the baseline itself or without ogr2ogr).
        var speedupOverOgr2ogr: Double?
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let overblik = binDir.appendingPathComponent("overblik").path
        guard FileManager.default.isExecutableFile(atPath: overblik) else {
            throw BenchUsageError(message: "\(overblik) not found: build it first (swift build -c release)")
        }
        let ogr2ogr = options.baselines
            ? ["/usr/bin/ogr2ogr", "/usr/local/bin/ogr2ogr"].first { FileManager.default.isExecutableFile(atPath: $0) } : nil
        if ogr2ogr == nil {
            printError(options.baselines ? "ogr2ogr not found: baseline skipped (apt-get install gdal-bin)" : "--baselines off: ogr2ogr skipped")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("overblik-bench-export")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        report.tableHeader(["engine / size / mode", "seconds (median)", "min-max", "cpu s", "peak MB", "output MB", "features/s", "vs ogr2ogr"])
        for size in options.sizes {
            let db = work.appendingPathComponent("facilities-\(size)-\(options.seed).sqlite").path
            try prepareStore(path: db, size: size, seed: options.seed)
            var cases: [(engine: String, mode: String, run: [String], output: String)] = []
            let outCollection = work.appendingPathComponent("out-\(size).geojson").path
            let outSequence = work.appendingPathComponent("out-\(size).geojsons").path
            let outOgr = work.appendingPathComponent("ogr-\(size).geojson").path
            if let ogr2ogr {
                cases.append(("ogr2ogr", "collection", [ogr2ogr, "-f", "GeoJSON", "-overwrite", "-lco", "RFC7946=YES", outOgr, db, "facilities"], outOgr))
            }
            let common = ["--db", db, "export", "facilities", "--now", "2026-12-01T17:00"]
            cases.append(("overblik", "collection", [overblik] + common + ["--out", outCollection], outCollection))
            cases.append(("overblik", "seq", [overblik] + common + ["--seq", "--out", outSequence], outSequence))
            var baselineSeconds: Double?
            for c in cases {
                // ogr2ogr once (it takes about a minute at 1M); ours three times, reported by the median.
                let runs = c.engine == "ogr2ogr" ? 1 : 3
                var measurements: [ChildProcess.Measurement] = []
                for _ in 0..<runs {
                    try? FileManager.default.removeItem(atPath: c.output)
                    // Every run starts with no dirty pages left by the one before (a previous output
                    // still being written back would slow this one's writes).
                    sync()
                    let measured = try ChildProcess.measure(c.run)
                    guard measured.status == 0 else {
                        throw BenchUsageError(message: "\(c.run.joined(separator: " ")) exited \(measured.status)")
                    }
                    measurements.append(measured)
                }
                let sorted = measurements.sorted { $0.seconds < $1.seconds }
                let median = sorted[sorted.count / 2]
                let bytes = (try? FileManager.default.attributesOfItem(atPath: c.output)[.size] as? Int) ?? 0
                if c.engine == "ogr2ogr" { baselineSeconds = median.seconds }
                let speedup = c.engine == "ogr2ogr" ? nil : baselineSeconds.map { $0 / median.seconds }
                let result = CaseResult(engine: c.engine, size: size, mode: c.mode, seconds: median.seconds,
                                        secondsMin: sorted.first!.seconds, secondsMax: sorted.last!.seconds, runs: runs,
                                        cpuSeconds: median.cpuSeconds,
                                        peakRSSMegabytes: measurements.map(\.peakRSSMegabytes).max()!,
                                        outputMegabytes: Double(bytes) / 1_048_576,
                                        featuresPerSecond: Double(size) / median.seconds, speedupOverOgr2ogr: speedup)
                report.emit(result)
                report.tableRow(["\(c.engine) / \(size) / \(c.mode)", fixed(median.seconds, 3),
                                 fixed(result.secondsMin, 3) + "-" + fixed(result.secondsMax, 3), fixed(median.cpuSeconds, 3),
                                 fixed(result.peakRSSMegabytes, 1), fixed(result.outputMegabytes, 1),
                                 fixed(result.featuresPerSecond, 0), speedup.map { fixed($0, 2) + "x" } ?? "-"])
            }
        }
    }

    /// Creates the store with `size` seeded facilities unless a file with that many already exists.
    static func prepareStore(path: String, size: Int, seed: UInt64) throws {
        if FileManager.default.fileExists(atPath: path), let store = try? Overblik(databasePath: path, readOnly: true),
           (try? store.store.facilityCount()) == size {
            return
        }
        try? FileManager.default.removeItem(atPath: path)
        let started = nowNanoseconds()
        let overblik = try Overblik(databasePath: path)
        let world = AalborgSynthetic(seed: seed)
        var rng = SplitMix64(seed: seed &+ 0xE4)
        let hours = ["Mo-Fr 17:00-22:00; Sa,Su 08:00-20:00; PH off", "Mo-Th 18:00-22:00; PH off; SH off",
                     "Mo-Su 08:00-23:00", "Tu,Th 19:00-21:30; Sa 10:00-16:00; PH off", "Mo-Fr 08:00-16:00; Jul off"]
        let kinds = FacilityKind.allCases
        let wheelchair: [WheelchairAccess] = [.yes, .limited, .no, .unknown]
        var batch: [Facility] = []
        batch.reserveCapacity(50_000)
        for i in 0..<size {
            let id = "f" + String(i).leftPadded(to: 8)
            let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
            batch.append(Facility(
                id: id, name: "Facility \(i)", kind: kind, location: world.point(using: &rng),
                address: "Vej \(i % 997), 9000 Aalborg", contact: Contact(phone: "9931\(String(i % 10_000).leftPadded(to: 4))"),
                accessibility: Accessibility(wheelchair: wheelchair[Int(rng.next() % 4)], stepFree: rng.next() % 2 == 0 ? .yes : .unknown),
                capacity: 10 + Int(rng.next() % 200), openingHours: hours[Int(rng.next() % UInt64(hours.count))]))
            if batch.count == 50_000 || i == size - 1 {
                try overblik.store.write { try overblik.store.insert(facilities: batch, replace: false) }
                batch.removeAll(keepingCapacity: true)
            }
        }
        printError("prepared \(path): \(size) facilities in \(fixed(Double(nowNanoseconds() - started) / 1e9, 1)) s")
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
