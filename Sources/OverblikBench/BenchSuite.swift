#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One benchmark suite, run as `overblik-bench NAME [options]`.
protocol BenchSuite {
    /// Subcommand name.
    static var name: String { get }
    /// One line for the usage text.
    static var summary: String { get }
    /// Runs the suite, writing each measured case to the report.
    static func run(_ options: BenchArguments, report: BenchReport) throws
}

/// Writes a line to standard error (the human-readable side of the report).
func printError(_ text: String) {
    let line = Array((text + "\n").utf8)
    line.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
}

func printUsage(_ suites: [any BenchSuite.Type]) {
    printError("usage: overblik-bench SUITE [--sizes N,N,...] [--queries N] [--seed N] [--seconds S] [--baselines on|off]")
    for s in suites { printError("  \(s.name)\t\(s.summary)") }
}
