#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program as a child process and measures it with wait4: wall time, CPU time (user +
/// system) and peak resident set size of the child alone.
enum ChildProcess {
    struct Measurement {
        var status: Int32
        var seconds: Double
        var cpuSeconds: Double
        var peakRSSMegabytes: Double
    }

    /// Spawns `arguments[0]` with the rest as arguments (stdout and stderr inherited) and waits.
    static func measure(_ arguments: [String]) throws -> Measurement {
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let started = nowNanoseconds()
        let rc = posix_spawn(&pid, arguments[0], nil, nil, &argv, environ)
        guard rc == 0 else { throw BenchUsageError(message: "posix_spawn \(arguments[0]) failed (errno \(rc))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchUsageError(message: "wait4 failed (errno \(errno))") }
        }
        let elapsed = Double(nowNanoseconds() - started) / 1e9
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        // Linux reports ru_maxrss in kilobytes.
        return Measurement(status: exited, seconds: elapsed, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                           peakRSSMegabytes: Double(usage.ru_maxrss) / 1024)
    }
}
