public import Foundation
public import Logging
import Overblik

/// How `overblik serve` runs: flags first, then the environment (`OVERBLIK_HOST`, `OVERBLIK_PORT`,
/// `OVERBLIK_DB`, `OVERBLIK_READERS`, `OVERBLIK_SECURE_COOKIES`, `OVERBLIK_LOG_LEVEL`), then defaults.
public struct ServerConfiguration: Sendable {
    /// The store file.
    public var databasePath: String
    /// The address to listen on (default loopback only).
    public var host: String
    /// The TCP port; 0 picks a free one (printed on start).
    public var port: Int
    /// Reading connections (each holds the store's in-memory catalogue).
    public var readers: Int
    /// Mark session cookies `Secure` (set when served behind TLS).
    public var secureCookies: Bool
    public var logLevel: Logger.Level
    /// The largest request body accepted, in bytes.
    public var maxBodyBytes: Int = 64 * 1024
    /// Failed logins per name and address allowed within ``loginWindowSeconds``.
    public var loginAttempts: Int = 5
    public var loginWindowSeconds: Int = 300
    /// Tile URL template for the web app's maps (`https://tile.example/{z}/{x}/{y}.png`); nil draws the
    /// municipality's outline and districts only, and the pages ask nothing of any other origin.
    public var tiles: String?
    /// The tiles' attribution, shown on every map (required with ``tiles``).
    public var tilesAttribution: String?
    /// Where Debian's libjs-leaflet and libjs-leaflet.markercluster put their files
    /// (`$OVERBLIK_JAVASCRIPT_DIR`, default `/usr/share/javascript`); served under `/vendor/`.
    public var javascriptDirectory: String =
        ProcessInfo.processInfo.environment["OVERBLIK_JAVASCRIPT_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/javascript"

    /// Resolves flags over the environment over the defaults.
    /// - Throws: ``OverblikError/badInput(_:)`` for an unusable value, naming its source.
    public static func resolve(database: String?, host: String?, port: Int?, readers: Int?, secureCookies: Bool,
                               logLevel: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        func env(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        let portValue: Int
        if let port { portValue = port } else if let text = env("OVERBLIK_PORT") {
            guard let parsed = Int(text) else { throw OverblikError.badInput("OVERBLIK_PORT: expected a port number, not '\(text)'") }
            portValue = parsed
        } else { portValue = 8080 }
        guard (0...65535).contains(portValue) else { throw OverblikError.badInput("port \(portValue) is outside 0...65535") }
        let readerCount = try readers ?? env("OVERBLIK_READERS").map {
            guard let n = Int($0) else { throw OverblikError.badInput("OVERBLIK_READERS: expected a number, not '\($0)'") }
            return n
        } ?? 2
        guard (1...64).contains(readerCount) else { throw OverblikError.badInput("readers must be 1 to 64, not \(readerCount)") }
        let levelText = logLevel ?? env("OVERBLIK_LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelText) else {
            throw OverblikError.badInput("log level '\(levelText)': expected trace, debug, info, notice, warning, error or critical")
        }
        let secure = secureCookies || ["1", "true", "yes"].contains(env("OVERBLIK_SECURE_COOKIES") ?? "")
        return ServerConfiguration(databasePath: Overblik.resolveDatabasePath(database, environment: environment),
                                   host: host ?? env("OVERBLIK_HOST") ?? "127.0.0.1", port: portValue, readers: readerCount,
                                   secureCookies: secure, logLevel: level)
    }
}
