import Foundation
public import Testing

/// A throwaway PostgreSQL 15 + PostGIS cluster for the tests of one process: `initdb` in a folder
/// under ``TestSupport/runRoot`` (as the `postgres` user through `runuser` when running as root),
/// `pg_ctl` on a free loopback port, stopped and removed when the process exits. Each test takes
/// its own database from ``makeDatabase(_:)``.
///
/// ```swift
/// @Test(.enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
/// func something() throws { let url = try PostgresCluster.shared!.makeDatabase() }
/// ```
public final class PostgresCluster: Sendable {
    /// Where Debian's PostgreSQL 15 puts its programs.
    public static let binaries = "/usr/lib/postgresql/15/bin"
    public let port: Int
    public let user: String
    let directory: String
    private let runAs: [String]

    /// The cluster of this process, started on first use; nil when none could be started
    /// (``problem`` says why).
    public static let shared: PostgresCluster? = {
        do { return try PostgresCluster() } catch {
            let text = "PostgreSQL tests skipped: \(error)"
            FileHandle.standardError.write(Data((text + "\n").utf8))
            startProblem.withLock { $0 = text }
            return nil
        }
    }()

    private static let startProblem = LockedValue<String?>(nil)

    /// Why the PostgreSQL tests do not run here, for `.enabled(if:_:)`.
    public static var skipReason: Comment? {
        _ = shared
        return startProblem.withLock { $0 }.map { Comment(rawValue: $0) } ?? "PostgreSQL 15 with PostGIS could not be started"
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    private init() throws {
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: "\(Self.binaries)/initdb") else {
            throw StartError(description: "\(Self.binaries)/initdb is missing (install postgresql-15-postgis-3, Tools/setup.sh does)")
        }
        guard fm.fileExists(atPath: "/usr/share/postgresql/15/extension/postgis.control") else {
            throw StartError(description: "PostGIS for PostgreSQL 15 is missing (install postgresql-15-postgis-3)")
        }
        let root = getuid() == 0
        runAs = root ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        user = root ? "postgres" : (ProcessInfo.processInfo.environment["USER"] ?? NSUserName())
        let folder = TestSupport.runRoot.appendingPathComponent("postgres-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        directory = folder.path
        if root {
            _ = try TestSupport.run("/bin/chown", ["postgres:postgres", directory])
            _ = try TestSupport.run("/bin/chmod", ["755", TestSupport.runRoot.path])
        }
        let data = directory + "/data"
        let initdb = try TestSupport.run(runAs.first ?? "\(Self.binaries)/initdb",
                                         Array(runAs.dropFirst()) + (runAs.isEmpty ? [] : ["\(Self.binaries)/initdb"])
                                             + ["-D", data, "-A", "trust", "-U", user, "--no-locale", "-E", "UTF8"])
        guard initdb.status == 0 else { throw StartError(description: "initdb failed: \(initdb.stderr)") }
        // The server runs as a child of this process (not daemonised by `pg_ctl start`, whose
        // server would inherit descriptors Foundation's Process waits on), stopped at exit.
        var started: Int?
        var lastError = ""
        for _ in 0..<5 {
            let candidate = Self.freePort()
            let server = Process()
            server.executableURL = URL(fileURLWithPath: runAs.first ?? "\(Self.binaries)/postgres")
            server.arguments = Array(runAs.dropFirst()) + (runAs.isEmpty ? [] : ["\(Self.binaries)/postgres"]) + [
                "-D", data, "-p", String(candidate), "-k", directory, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                "-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "max_connections=60",
            ]
            let log = directory + "/log-\(candidate)"
            FileManager.default.createFile(atPath: log, contents: nil)
            if root { _ = try TestSupport.run("/bin/chown", ["postgres:postgres", log]) }
            server.standardOutput = FileHandle(forWritingAtPath: log)
            server.standardError = FileHandle(forWritingAtPath: log)
            server.standardInput = FileHandle.nullDevice
            try server.run()
            for _ in 0..<600 where server.isRunning {
                let ready = try TestSupport.run("\(Self.binaries)/pg_isready", ["-q", "-h", "127.0.0.1", "-p", String(candidate)])
                if ready.status == 0 { started = candidate; break }
                usleep(100_000)
            }
            if started != nil {
                Self.server.withLock { $0 = server }
                break
            }
            server.terminate()
            lastError = (try? String(contentsOfFile: log, encoding: .utf8)) ?? "postgres exited"
        }
        guard let started else { throw StartError(description: "postgres did not start: \(lastError)") }
        port = started
        let stop = runAs + ["\(Self.binaries)/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]
        Self.stopCommand.withLock { $0 = stop }
        atexit {
            guard let command = PostgresCluster.stopCommand.withLock({ $0 }) else { return }
            _ = try? TestSupport.run(command[0], Array(command.dropFirst()))
            PostgresCluster.server.withLock { $0 }?.waitUntilExit()
        }
    }

    private static let server = LockedValue<Process?>(nil)
    private static let stopCommand = LockedValue<[String]?>(nil)

    /// A port nothing listens on now (the kernel's choice for a socket bound to port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : Int.random(in: 20_000..<60_000)
    }

    /// Runs SQL in database `database` through psql; throws with psql's message when it fails.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let result = try TestSupport.run("\(Self.binaries)/psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                                                                   "-p", String(port), "-U", user, "-d", database, "-c", sql])
        guard result.status == 0 else { throw StartError(description: "psql failed on \(sql): \(result.stderr)") }
        return result.stdout
    }

    /// A new, empty database with PostGIS; returns its `postgres://` address.
    public func makeDatabase(_ label: String = "test") throws -> String {
        let name = "\(label.lowercased().filter { $0.isLetter || $0.isNumber })_\(UUID().uuidString.prefix(8).lowercased())"
        try psql("CREATE DATABASE \(name)")
        try psql("CREATE EXTENSION postgis", database: name)
        return url(database: name)
    }

    /// The address of `database` in this cluster.
    public func url(database: String) -> String { "postgres://\(user)@127.0.0.1:\(port)/\(database)" }
}

/// A value behind a lock (the cluster's process-wide state).
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
