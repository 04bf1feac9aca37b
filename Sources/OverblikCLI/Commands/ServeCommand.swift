import ArgumentParser
import Foundation
import Overblik

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service: JSON API, OGC API Features, web app, /healthz, /metrics.",
        discussion: """
        Flags win over the environment (OVERBLIK_DB, OVERBLIK_HOST, OVERBLIK_PORT, OVERBLIK_READERS,
        OVERBLIK_SECURE_COOKIES, OVERBLIK_LOG_LEVEL). Listens on 127.0.0.1:8080 by default; --port 0 picks
        a free port. Prints "listening on http://HOST:PORT" when ready. SIGTERM or SIGINT stop it
        gracefully: requests in flight finish first. The API contract is served at /openapi.json.
        The service is the program `overblik-server` beside `overblik` (`swift build --product
        overblik-server`); serve replaces itself with it.

        Examples:
          overblik serve --db overblik.sqlite --port 8080
          OVERBLIK_PORT=9000 overblik serve --host 0.0.0.0 --secure-cookies
        """)

    @Option(help: "Address to listen on (default 127.0.0.1, or $OVERBLIK_HOST).") var host: String?
    @Option(help: "TCP port (default 8080, or $OVERBLIK_PORT); 0 picks a free one.") var port: Int?
    @Option(help: "Reading store connections (default 2, or $OVERBLIK_READERS).") var readers: Int?
    @Flag(help: "Mark the session cookie Secure (when served behind TLS).") var secureCookies = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: String?
    @Option(help: "Tile URL template for the web app's maps ({z}/{x}/{y}); without it the maps draw the districts only.") var tiles: String?
    @Option(help: "Attribution of --tiles, shown on the maps (e.g. \"© OpenStreetMap contributors\").") var tilesAttribution: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        var arguments: [String] = []
        if let db = global.db { arguments += ["--db", db] }
        if let host { arguments += ["--host", host] }
        if let port { arguments += ["--port", String(port)] }
        if let readers { arguments += ["--readers", String(readers)] }
        if secureCookies { arguments.append("--secure-cookies") }
        if let logLevel { arguments += ["--log-level", logLevel] }
        if let tiles { arguments += ["--tiles", tiles] }
        if let tilesAttribution { arguments += ["--tiles-attribution", tilesAttribution] }
        try Output.finish()
        try SiblingProgram.replaceProcess(with: "overblik-server", arguments: arguments)
    }
}
