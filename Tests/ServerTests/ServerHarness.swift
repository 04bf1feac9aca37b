import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// A real `overblik serve` process on a free loopback port, and an HTTP client that speaks to it.
final class RunningServer: @unchecked Sendable {
    static let binary: String = {
        if let env = ProcessInfo.processInfo.environment["OVERBLIK_BIN"] { return env }
        return TestSupport.packageRoot.appendingPathComponent(".build/debug/overblik").path
    }()

    /// bcrypt at its lowest cost keeps logins fast in tests (the default is 12).
    static let environment = ["OVERBLIK_BCRYPT_COST": "4"]

    let process: Process
    let port: Int
    let database: String
    private let stderrPipe: Pipe
    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts the server on `database` with `--port 0` and waits for its "listening on" line.
    init(database: String, extraArguments: [String] = [], environment extra: [String: String] = [:]) throws {
        self.database = database
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--db", database, "--port", "0", "--log-level", "warning"] + extraArguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in Self.environment.merging(extra, uniquingKeysWith: { $1 }) { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = TestSupport.packageRoot
        let out = Pipe()
        stderrPipe = Pipe()
        process.standardOutput = out
        process.standardError = stderrPipe
        try process.run()
        var buffer = Data()
        let deadline = Date().addingTimeInterval(120)
        var found: Int?
        while found == nil {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty {
                guard process.isRunning, Date() < deadline else { break }
                continue
            }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if text[range.upperBound...].contains("\n") { found = Int(digits) }
            }
        }
        guard let found else {
            process.terminate()
            let err = String(decoding: stderrPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw HarnessError(message: "overblik serve did not start: \(String(decoding: buffer, as: UTF8.self)) \(err)")
        }
        port = found
    }

    /// Sends SIGTERM and waits; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }

    // MARK: HTTP

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 60
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()

    /// One request; `json` is sent as the body with `Content-Type: application/json`.
    func request(_ method: String, _ path: String, json: Any? = nil, body: Data? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
        }
        let (data, response) = try await Self.session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (k, v) in http.allHeaderFields { fields["\(k)"] = "\(v)" }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        try await request("GET", path, headers: headers)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Stores for the server tests, built with the CLI from the bundled sample.
enum ServerFixtures {
    /// Runs the CLI; throws with its stderr when it fails.
    @discardableResult
    static func cli(_ arguments: [String], db: String, stdin: String? = nil) throws -> String {
        let result = try TestSupport.run(RunningServer.binary, arguments + ["--db", db], environment: RunningServer.environment,
                                         stdin: stdin, currentDirectory: TestSupport.packageRoot)
        guard result.status == 0 else {
            throw HarnessError(message: "overblik \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// A new store with the sample's districts, settlements, facilities and rooms, and three accounts:
    /// `koret` (association "Sebbersund Kor"), `klubben` (association "Skakklubben"), `clerk`.
    /// - Parameter address: the store to fill (a new SpatiaLite file when nil).
    static func sampleStore(_ label: String, at address: String? = nil) throws -> String {
        let db = try address ?? TestSupport.temporaryDirectory(label).appendingPathComponent("serve.sqlite").path
        try cli(["import", "districts", "Data/districts.geojson", "--name-field", "name", "--code-field", "code", "--rural-field", "rural"], db: db)
        try cli(["import", "settlements", "Data/settlements.csv", "--attribution", "GeoNames (CC BY 4.0) & <sample>"], db: db)
        for layer in ["facilities", "rooms"] { try cli(["import", layer, "Data/\(layer).csv"], db: db) }
        try cli(["users", "add", "koret", "--role", "association", "--association", "Sebbersund Kor"], db: db, stdin: "korets-kodeord\n")
        try cli(["users", "add", "klubben", "--role", "association", "--association", "Skakklubben"], db: db, stdin: "klubbens-kodeord\n")
        try cli(["users", "add", "clerk", "--role", "clerk"], db: db, stdin: "clerk-kodeord\n")
        return db
    }

    /// A fresh API token for `name`.
    static func token(_ name: String, db: String) throws -> String {
        try cli(["users", "token", name], db: db).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
