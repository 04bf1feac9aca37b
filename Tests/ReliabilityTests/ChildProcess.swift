import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with posix_spawn, so that the test can SIGKILL it at any moment and read
/// its own resource usage (wait4) rather than that of every child the test process ever had.
struct ChildProcess {
    let pid: pid_t
    let stderrPath: String

    /// How the child ended.
    struct Ending {
        /// Exit status when it exited, nil when a signal ended it.
        var status: Int32?
        var signal: Int32?
        /// Peak resident set size of the child, bytes.
        var maxRSSBytes: Int
        var stderr: String
    }

    /// The built `overblik` (debug), or $OVERBLIK_BIN.
    static let overblik: String = {
        if let env = ProcessInfo.processInfo.environment["OVERBLIK_BIN"] { return env }
        return TestSupport.packageRoot.appendingPathComponent(".build/debug/overblik").path
    }()

    /// Starts `executable` with `arguments`; stdout goes to /dev/null, stderr to a temporary file.
    init(_ executable: String = ChildProcess.overblik, _ arguments: [String], environment: [String: String] = [:]) throws {
        stderrPath = try TestSupport.temporaryDirectory("child").appendingPathComponent("stderr.txt").path
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        // The facade's clock, fixed before every date these tests book (bookings in the past are refused).
        if env["OVERBLIK_NOW"] == nil { env["OVERBLIK_NOW"] = "2026-01-01T00:00" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        self.pid = pid
    }

    /// Whether the child has ended (it stays a zombie until ``wait()`` reaps it).
    var hasExited: Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid
    }

    /// Sends SIGKILL: the process gets no chance to clean up.
    func kill9() { _ = kill(pid, SIGKILL) }

    /// Waits for the child to end.
    func wait() -> Ending {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        #if canImport(Darwin)
        let rss = Int(usage.ru_maxrss)
        #else
        let rss = Int(usage.ru_maxrss) * 1024
        #endif
        let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        return Ending(status: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f,
                      maxRSSBytes: rss, stderr: text)
    }

    /// Runs to the end.
    static func run(_ arguments: [String], db: String) throws -> Ending {
        try ChildProcess(overblik, arguments, environment: ["OVERBLIK_DB": db]).wait()
    }
}
