import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// One `LISTEN` connection per process and database (issue 21): it counts the catalogue
/// notifications the store's triggers send (`NOTIFY overblik_catalog`, from any process that
/// changes facilities, rooms, districts, settlements or urban areas), so that a long-running
/// process learns of another's write without asking the database on every request.
///
/// ``stamp`` changes with every notification, every commit of this process (``noteLocalCommit()``,
/// so that this process's own readers do not wait for the round trip), and every (re)connection
/// (notifications sent while the connection was down are lost). It is nil while the connection is
/// down: callers then fall back to reading the catalogue generation on every request, the safety
/// net for a dropped listener, while the feed reconnects (after 0.2 s, doubling up to 5 s).
public final class PostgresChangeFeed: Sendable {
    private struct State {
        var stamp: UInt64 = 0
        var listening = false
        var connections = 0
    }

    private let state = Mutex(State())
    private let configuration: PostgresConnection.Configuration
    private let logger = Logger(label: "overblik.postgres.listen")

    /// The feeds of this process, by database address (without password).
    private static let feeds = Mutex([String: PostgresChangeFeed]())

    private init(configuration: PostgresConnection.Configuration) {
        self.configuration = configuration
    }

    /// The process's feed for `store`'s database, started on first use.
    public static func shared(for store: PostgresStore) -> PostgresChangeFeed {
        let (feed, isNew) = feeds.withLock { feeds -> (PostgresChangeFeed, Bool) in
            if let feed = feeds[store.path] { return (feed, false) }
            let feed = PostgresChangeFeed(configuration: store.configuration)
            feeds[store.path] = feed
            return (feed, true)
        }
        if isNew { Task { await feed.run() } }
        return feed
    }

    /// The feed of `path` when one was started in this process.
    static func existing(path: String) -> PostgresChangeFeed? {
        feeds.withLock { $0[path] }
    }

    /// A value that changes whenever the catalogue may have changed; nil while not listening.
    public var stamp: UInt64? {
        state.withLock { $0.listening ? $0.stamp : nil }
    }

    /// Whether the `LISTEN` connection is up, and how many times it was opened (for tests and logs).
    public var status: (listening: Bool, connections: Int) {
        state.withLock { ($0.listening, $0.connections) }
    }

    /// Called after this process committed a transaction.
    func noteLocalCommit() {
        state.withLock { $0.stamp &+= 1 }
    }

    private func changed(listening: Bool? = nil) {
        state.withLock { state in
            state.stamp &+= 1
            if let listening {
                if listening, !state.listening { state.connections += 1 }
                state.listening = listening
            }
        }
    }

    /// Connects, listens and counts notifications; reconnects when the connection ends.
    private func run() async {
        var delay = 0.2
        while true {
            var connection: PostgresConnection?
            do {
                let opened = try await PostgresConnection.connect(on: PostgresBridge.shared.loop, configuration: configuration,
                                                                  id: 2, logger: logger).get()
                connection = opened
                try await opened.listen(on: PostgresSchema.catalogChannel) { notifications in
                    changed(listening: true)
                    delay = 0.2
                    for try await _ in notifications { changed() }
                }
            } catch {
                logger.warning("LISTEN \(PostgresSchema.catalogChannel) lost: \(error); reading the catalogue generation per request until it is back")
            }
            changed(listening: false)
            try? await connection?.close()
            try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            delay = min(delay * 2, 5)
        }
    }
}
