public import Foundation

/// Shared helpers for the test targets: temporary directories, the reference data beside the project,
/// the package root, and external tools.
public enum TestSupport {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// ../shared/data beside the project, or $OVERBLIK_SHARED_DATA; nil when absent.
    public static let sharedData: URL? = {
        if let env = ProcessInfo.processInfo.environment["OVERBLIK_SHARED_DATA"] {
            return URL(fileURLWithPath: env)
        }
        var candidates = [packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")]
        // A git worktree may sit deeper; walk up a few levels.
        var up = packageRoot
        for _ in 0..<3 {
            up.deleteLastPathComponent()
            candidates.append(up.appendingPathComponent("shared/data"))
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }()

    /// A file under ../shared/data, or nil when the reference data or the file is absent. Tests that
    /// need it say so with `.enabled(if: TestSupport.hasSharedFile(...))` and then `#require` it, so a
    /// missing file shows as a skipped test, never as a pass.
    public static func sharedFile(_ relative: String) -> URL? {
        guard let url = sharedData?.appendingPathComponent(relative),
              FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url
    }

    /// Whether ../shared/data holds `relative` (for `.enabled(if:)`).
    public static func hasSharedFile(_ relative: String) -> Bool { sharedFile(relative) != nil }

    /// Whether an executable is on PATH (for `.enabled(if:)`).
    public static func hasTool(_ tool: String) -> Bool { which(tool) != nil }

    /// The project's bundled sample file under Data/.
    public static func sampleFile(_ relative: String) -> URL {
        packageRoot.appendingPathComponent("Data").appendingPathComponent(relative)
    }

    /// The folder that holds every temporary directory of this test process. It is removed when the
    /// process exits, so repeated runs do not fill the disk; set `OVERBLIK_KEEP_TEST_FILES=1` to keep
    /// it for inspection.
    public static let runRoot: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("overblik-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryRoot.path = url.path
        atexit { TemporaryRoot.remove() }
        return url
    }()

    /// A fresh temporary directory inside ``runRoot``.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = runRoot.appendingPathComponent("overblik-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to a new temporary file with the given name and returns its URL.
    public static func writeTemporary(_ text: String, name: String) throws -> URL {
        let url = try temporaryDirectory("file").appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The absolute path of an executable on PATH, or nil.
    public static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Result of running a subprocess.
    public struct ProcessResult: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs an executable with arguments and an optional environment overlay; waits for it.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           stdin: String? = nil, currentDirectory: URL? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so neither fills up.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// The run's temporary root, removed at exit (a C `atexit` handler cannot capture context).
enum TemporaryRoot {
    nonisolated(unsafe) static var path: String?

    static func remove() {
        guard let path, ProcessInfo.processInfo.environment["OVERBLIK_KEEP_TEST_FILES"] == nil else { return }
        try? FileManager.default.removeItem(atPath: path)
    }
}
