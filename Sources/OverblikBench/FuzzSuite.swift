import Foundation
import Fuzzing

/// `overblik-bench fuzz [--seconds 300] [--seed N]`: the long fuzz campaign over the opening_hours
/// parser and evaluator, the CSV reader and the GeoJSON reader, the time split evenly between them.
///
/// A hang (one input over 10 s) or a crash writes the input to `fuzz-crash.bin` in the current
/// directory and ends the process (exit 71 for a hang, the signal for a crash); invariant
/// violations and slow inputs (over 1 s) are listed at the end and make the exit status 1.
/// Run from the package root (seeds come from Data/): `swift run -c release overblik-bench fuzz --seconds 300`.
enum FuzzSuite: BenchSuite {
    static let name = "fuzz"
    static let summary = "seeded mutation fuzzing of opening_hours, CSV and GeoJSON parsers (--seconds, default 60)"

    struct Result: Encodable {
        var target: String
        var executions: Int
        var accepted: Int
        var rejected: Int
        var seconds: Double
        var executionsPerSecond: Double
        var slowestSeconds: Double
        var outcomeKinds: Int
        var corpus: Int
        var findings: Int
        var peakRssMib: Int
    }

    static func run(_ options: BenchArguments, report: BenchReport) throws {
        let total = options.seconds ?? 60
        let data = FileManager.default.currentDirectoryPath + "/Data"
        guard FileManager.default.fileExists(atPath: data + "/facilities.csv") else {
            throw BenchUsageError(message: "run from the package root: Data/facilities.csv not found")
        }
        let watchdog = FuzzWatchdog(hangSeconds: 10, artifactPath: "fuzz-crash.bin")
        let targets = FuzzSeeds.targets(dataDirectory: data, scale: 4)
        report.tableHeader(["target", "executions", "exec/s", "accepted", "rejected", "kinds", "slowest s", "findings"])
        var findings: [FuzzFinding] = []
        for (i, target) in targets.enumerated() {
            let runner = FuzzRunner(seed: options.seed &+ UInt64(i), perInputSeconds: 1)
            let r = runner.run(target, iterations: .max, seconds: total / Double(targets.count), watchdog: watchdog)
            findings += r.findings
            let rate = Double(r.executions) / max(r.seconds, 1e-9)
            report.tableRow([r.target, String(r.executions), fixed(rate, 0), String(r.accepted), String(r.rejected),
                             String(r.signatures.count), fixed(r.slowestSeconds, 4), String(r.findings.count)])
            report.emit(Result(target: r.target, executions: r.executions, accepted: r.accepted, rejected: r.rejected,
                               seconds: r.seconds, executionsPerSecond: rate, slowestSeconds: r.slowestSeconds,
                               outcomeKinds: r.signatures.count, corpus: r.corpusSize, findings: r.findings.count,
                               peakRssMib: r.peakRSSBytes >> 20))
        }
        for f in findings.prefix(20) { printError(f.description) }
        if !findings.isEmpty { exit(1) }
    }
}
