import ArgumentParser
import Dispatch
import Foundation
import Overblik
import OverblikServer

/// `overblik-server`: the HTTP service as its own program. `overblik serve` replaces itself with
/// this executable (found beside its own), so the flags, signals and exit code are the server's.
@main
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overblik-server",
        abstract: "Run the HTTP service (usually started as `overblik serve`; see its --help).")

    @Option(help: "The SpatiaLite database (default: $OVERBLIK_DB, else ./overblik.sqlite).") var db: String?
    @Option(help: "Address to listen on (default 127.0.0.1, or $OVERBLIK_HOST).") var host: String?
    @Option(help: "TCP port (default 8080, or $OVERBLIK_PORT); 0 picks a free one.") var port: Int?
    @Option(help: "Reading store connections (default 2, or $OVERBLIK_READERS).") var readers: Int?
    @Flag(help: "Mark the session cookie Secure (when served behind TLS).") var secureCookies = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: String?
    @Option(help: "Tile URL template for the web app's maps ({z}/{x}/{y}); without it the maps draw the districts only.") var tiles: String?
    @Option(help: "Attribution of --tiles, shown on the maps (e.g. \"© OpenStreetMap contributors\").") var tilesAttribution: String?

    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .success || error is ValidationError || !(error is any ClassifiedError) && exitCode(for: error) != .failure {
                exit(withError: error)
            }
            let failure = OverblikFailure(error)
            FileHandle.standardError.write(Data("overblik: \(failure.message)\n".utf8))
            Foundation.exit(failure.failureClass.exitCode)
        }
    }

    func run() throws {
        var resolved = try ServerConfiguration.resolve(database: db, host: host, port: port, readers: readers,
                                                       secureCookies: secureCookies, logLevel: logLevel)
        if tiles != nil && (tilesAttribution ?? "").isEmpty {
            throw OverblikError.badInput("--tiles needs --tiles-attribution (the tile provider's licence asks for it)")
        }
        resolved.tiles = tiles
        resolved.tilesAttribution = tilesAttribution
        let configuration = resolved
        let service = OverblikService(configuration)
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                try await service.run { port in
                    FileHandle.standardOutput.write(Data("listening on http://\(configuration.host):\(port)\n".utf8))
                }
            } catch {
                failure.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw error }
    }
}

/// Carries an error out of the service task.
private final class FailureBox: @unchecked Sendable {
    var error: Error?
}
