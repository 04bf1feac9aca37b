import Foundation
import Hummingbird
import Logging
import NIOCore
import Overblik

/// `overblik serve`: the HTTP service on the facade. Fixed parts (DESIGN.md): `/healthz`, `/metrics`,
/// the JSON API under `/api` (contract at `/openapi.json`), OGC API Features under `/ogc`, the web app at `/`.
///
/// ```swift
/// let configuration = try ServerConfiguration.resolve(database: "overblik.sqlite", host: nil, port: 8080,
///                                                     readers: nil, secureCookies: false, logLevel: nil)
/// try await OverblikService(configuration).run()
/// ```
/// SIGTERM and SIGINT shut it down gracefully: it stops accepting, lets requests in flight finish
/// (each write is one SQLite transaction, so nothing is left half-written), then exits.
public struct OverblikService: Sendable {
    public let configuration: ServerConfiguration

    public init(_ configuration: ServerConfiguration) { self.configuration = configuration }

    /// Opens the store, loads the catalogue, listens, and runs until SIGTERM or SIGINT.
    /// - Parameter onListening: called with the bound port (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var serviceLogger = Logger(label: "overblik.serve")
        serviceLogger.logLevel = configuration.logLevel
        let logger = serviceLogger
        let pool = StorePool(databasePath: configuration.databasePath, readers: configuration.readers)
        try await pool.warmUp()
        let metrics = ServerMetrics()
        let router = Router(context: ServerContext.self)
        router.add(middleware: MetricsRecorder(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: AuthMiddleware(pool: pool))

        router.get("healthz") { _, _ -> Response in
            do {
                let version = try await pool.read { try $0.healthCheck() }
                return HTTP.text("ok schema \(version)\n", contentType: "text/plain; charset=utf-8")
            } catch {
                return Problem(status: .serviceUnavailable, detail: "the store cannot be read: \(error)").response()
            }
        }
        router.get("metrics") { _, _ in
            HTTP.text(metrics.text(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("openapi.json") { _, _ in
            HTTP.json(Data(OpenAPIDocument.text.utf8), contentType: "application/vnd.oai.openapi+json;version=3.1")
        }
        APIRoutes(pool: pool, metrics: metrics).register(on: router)
        AuthRoutes(pool: pool, throttle: LoginThrottle(attempts: configuration.loginAttempts, windowSeconds: configuration.loginWindowSeconds),
                   secureCookies: configuration.secureCookies).register(on: router)
        OGCRoutes(pool: pool).register(on: router)
        ClosureRoutes(pool: pool).register(on: router)
        CalendarLinkRoutes(pool: pool).register(on: router)
        WebAssets(javascriptDirectory: configuration.javascriptDirectory).register(on: router)
        WebPage(pool: pool, map: WebMapSettings(tiles: configuration.tiles, attribution: configuration.tilesAttribution)).register(on: router)

        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "overblik"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("listening on http://\(configuration.host):\(port) (store \(configuration.databasePath))")
                onListening(port)
            },
            logger: logger)
        try await app.runService()
        logger.info("stopped")
    }
}
