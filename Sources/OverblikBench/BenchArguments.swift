/// Options common to all suites.
struct BenchArguments {
    /// Data set sizes to measure.
    var sizes = [1_000, 10_000, 100_000, 1_000_000]
    /// Queries per size.
    var queries = 10_000
    /// Seed of every generator in the run.
    var seed: UInt64 = 20_261_127
    /// Wall-clock budget of time-boxed suites (fuzz), seconds.
    var seconds: Double?
    /// Whether suites run their (slow) baselines next to the engine under test.
    var baselines = true
    /// Restricts a suite to the named cases (suite-specific, for example `coverage --only siting`).
    var only: String?
    /// Directory where suites that support it write their instances (for example `coverage --dump DIR`
    /// writes the siting instance as `siting-instance.json` for an external solver).
    var dump: String?

    /// Parses `--sizes 1000,10000 --queries 500 --seed 7 --baselines off --only siting --dump DIR`
    /// (also `--sizes=...`).
    init(_ args: [String]) throws(BenchUsageError) {
        var i = 0
        while i < args.count {
            var key = args[i]
            var value: String?
            if let eq = key.firstIndex(of: "=") {
                value = String(key[key.index(after: eq)...])
                key = String(key[..<eq])
            } else if i + 1 < args.count {
                value = args[i + 1]
                i += 1
            }
            guard let v = value else { throw BenchUsageError(message: "\(key) needs a value") }
            switch key {
            case "--sizes":
                let parts = v.split(separator: ",").map { Int($0.filter { $0 != "_" }) }
                guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else {
                    throw BenchUsageError(message: "--sizes wants positive integers separated by commas, got \"\(v)\"")
                }
                sizes = parts.map { $0! }
            case "--queries":
                guard let q = Int(v), q > 0 else { throw BenchUsageError(message: "--queries wants a positive integer, got \"\(v)\"") }
                queries = q
            case "--seconds":
                guard let t = Double(v), t > 0 else { throw BenchUsageError(message: "--seconds wants a positive number, got \"\(v)\"") }
                seconds = t
            case "--seed":
                guard let s = UInt64(v) else { throw BenchUsageError(message: "--seed wants a non-negative integer, got \"\(v)\"") }
                seed = s
            case "--baselines":
                guard v == "on" || v == "off" else { throw BenchUsageError(message: "--baselines wants on or off, got \"\(v)\"") }
                baselines = v == "on"
            case "--only":
                only = v
            case "--dump":
                dump = v
            default:
                throw BenchUsageError(message: "unknown option \(key)")
            }
            i += 1
        }
    }
}

struct BenchUsageError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
