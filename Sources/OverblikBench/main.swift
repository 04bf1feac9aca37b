// overblik-bench: benchmark suites, one subcommand each. Results as JSON lines on stdout (one record
// per measured case, each carrying machine, seed and sizes) and a readable table on stderr.
//
//   overblik-bench proximity [--sizes 1000,10000,100000,1000000] [--queries 10000] [--seed N]
//   overblik-bench export --sizes 1000000                (needs the release overblik binary beside it)
//   overblik-bench coverage [--sizes 1000000,5000000]   (nearest+reach, store-to-report, parishes, siting;
//                  --only siting, --dump DIR writes the siting instance as JSON)
//   overblik-bench fuzz [--seconds 300] [--seed N]       (parsers; crash/hang input -> fuzz-crash.bin)
//   overblik-bench roads [--sizes 3000000] [--queries 1000000]  (synthetic car network; scipy baseline from .venv)
//   overblik-bench setcover [--sizes 5000] [--seconds 60] [--dump DIR]   (exact cover-all vs the greedy)
//   overblik-bench near-cold        (needs the release `overblik` next to it: `swift build -c release`)
//   overblik-bench scale [--sizes 1000000] [--queries 10000] [--only import|near|memory]  (whole processes beside
//                  ogr2ogr, a Python executemany loop and pandas+cKDTree; release `overblik` beside it)
//
// Run in release: `swift run -c release overblik-bench proximity`.
// To add a suite (coverage, scheduling, export): write a type conforming to `BenchSuite` and list it below.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let suites: [any BenchSuite.Type] = [
    ProximitySuite.self,
    SchedulingSuite.self,
    ExportSuite.self,
    CoverageSuite.self,
    FuzzSuite.self,
    NearColdStartSuite.self,
    ScaleSuite.self,
    RoadsSuite.self,
    SetCoverSuite.self,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, !name.hasPrefix("-") else {
    printUsage(suites)
    exit(arguments.contains("--help") || arguments.contains("-h") ? 0 : 2)
}
guard let suite = suites.first(where: { $0.name == name }) else {
    printError("overblik-bench: unknown suite \"\(name)\"")
    printUsage(suites)
    exit(2)
}
do {
    let options = try BenchArguments(Array(arguments.dropFirst()))
    try suite.run(options, report: BenchReport(suite: suite.name, options: options))
} catch {
    printError("overblik-bench \(name): \(error)")
    exit(2)
}
