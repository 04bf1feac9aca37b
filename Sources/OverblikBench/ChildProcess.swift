#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program as a child process and measures it: wall time, CPU time (user + system, from
/// wait4) and peak resident set size of the child alone.
///
/// The peak comes from polling `VmHWM` in /proc/PID/status every 2 ms (the high-water mark of the
/// child's own address space after exec), not from wait4's ru_maxrss: on Linux a spawned child's
/// ru_maxrss starts at the parent's high-water mark, which here would be the benchmark's own
/// memory from preparing the data. The last reading misses at most the final 2 ms of growth.
enum ChildProcess {
    struct Measurement {
        var status: Int32
        var seconds: Double
        var cpuSeconds: Double
        var peakRSSMegabytes: Double
    }

    /// Spawns `arguments[0]` with the rest as arguments (stderr inherited; stdout inherited, or
    /// written to `stdout` when given) and waits.
    static func measure(_ arguments: [String], stdout: String? = nil) throws -> Measurement {
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdout { posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        var pid: pid_t = 0
        let started = nowNanoseconds()
        let rc = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard rc == 0 else { throw BenchUsageError(message: "posix_spawn \(arguments[0]) failed (errno \(rc))") }
        var status: Int32 = 0
        var usage = rusage()
        var peakKilobytes = 0
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 {
                guard errno == EINTR else { throw BenchUsageError(message: "wait4 failed (errno \(errno))") }
                continue
            }
            if let hwm = highWaterKilobytes(pid) { peakKilobytes = max(peakKilobytes, hwm) }
            usleep(2_000)
        }
        let elapsed = Double(nowNanoseconds() - started) / 1e9
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Measurement(status: exited, seconds: elapsed, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                           peakRSSMegabytes: Double(peakKilobytes) / 1024)
    }

    /// `VmHWM` of a running process in kilobytes, from /proc/PID/status; nil when unreadable.
    static func highWaterKilobytes(_ pid: pid_t) -> Int? {
        guard let file = fopen("/proc/\(pid)/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmHWM:") {
                return Int(text.dropFirst(6).filter { $0.isNumber })
            }
        }
        return nil
    }
}
