import Foundation

/// What the numbers were measured on.
struct Machine: Codable {
    var system: String
    var release: String
    var hardware: String
    var cores: Int
    var swiftBuild: String

    static func current() -> Machine {
        var u = utsname()
        uname(&u)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        return Machine(system: field(u.sysname), release: field(u.release), hardware: field(u.machine),
                       cores: ProcessInfo.processInfo.activeProcessorCount, swiftBuild: build)
    }
}

/// Monotonic time in nanoseconds.
@inline(__always)
func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// CPU time of the calling thread in nanoseconds (excludes time the scheduler gave to other processes).
@inline(__always)
func threadCPUNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// CPU time of the whole process (all threads) in nanoseconds.
func processCPUNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Median, 95th percentile and throughput of a set of per-operation latencies.
struct LatencySummary: Codable {
    var count: Int
    var medianMicroseconds: Double
    var p95Microseconds: Double
    var meanMicroseconds: Double
    var operationsPerSecond: Double
    /// Mean thread CPU time per operation: robust when other processes compete for the cores.
    var cpuMicrosecondsPerOperation: Double

    /// - Parameters:
    ///   - nanoseconds: one latency per operation.
    ///   - totalNanoseconds: wall time of the whole loop (for throughput).
    ///   - cpuNanoseconds: thread CPU time of the whole loop.
    init(nanoseconds: [UInt64], totalNanoseconds: UInt64, cpuNanoseconds: UInt64) {
        let sorted = nanoseconds.sorted()
        count = sorted.count
        func quantile(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let i = min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))
            return Double(sorted[i]) / 1000
        }
        medianMicroseconds = quantile(0.5)
        p95Microseconds = quantile(0.95)
        meanMicroseconds = sorted.isEmpty ? .nan : Double(sorted.reduce(0, +)) / Double(sorted.count) / 1000
        cpuMicrosecondsPerOperation = sorted.isEmpty ? .nan : Double(cpuNanoseconds) / Double(sorted.count) / 1000
        operationsPerSecond = totalNanoseconds == 0 ? .nan : Double(sorted.count) / (Double(totalNanoseconds) / 1e9)
    }
}
