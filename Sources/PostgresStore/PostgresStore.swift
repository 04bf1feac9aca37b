import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The Overblik store in PostgreSQL 15 with PostGIS 3 (issue 21): the same domain as the SpatiaLite
/// ``OverblikStore``, for several server processes on one shared database.
///
/// One instance owns one connection and is not Sendable, like the SpatiaLite store: open one per
/// thread or process. Calls are synchronous (see ``PostgresBridge`` for how they wait). Writes that
/// must be atomic go through ``write(_:)``, one transaction.
public final class PostgresStore {
    /// The address without its password, for messages and `info`.
    public let path: String
    /// How to connect (with the password), for the process's ``PostgresChangeFeed``.
    let configuration: PostgresConnection.Configuration
    let connection: PostgresConnection
    let bridge = PostgresBridge.shared
    let logger = Logger(label: "overblik.postgres")
    var transactionDepth = 0
    /// What runs when the outermost transaction ends (``afterTransaction(_:)``).
    private var transactionEndHandlers: [(Bool) -> Void] = []

    /// Whether `text` names a PostgreSQL store (`postgres://` or `postgresql://`).
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Connects to the database at `url` and creates or checks its schema.
    /// - Parameter creating: false refuses a database without Overblik's tables (reading commands).
    /// - Throws: ``PostgresStoreError``.
    public init(url: String, creating: Bool = true) throws {
        let address = try Self.parse(url)
        path = address.display
        configuration = address.configuration
        connection = try Self.connect(address.configuration, id: 1, path: path, bridge: bridge, logger: logger)
        try migrate(creating: creating)
    }

    /// Opens a connection to the database `configuration` names (the store's own, a bulk load's loaders).
    static func connect(_ configuration: PostgresConnection.Configuration, id: Int, path: String,
                        bridge: PostgresBridge, logger: Logger) throws -> PostgresConnection {
        try mapping(path) {
            try bridge.run { try await PostgresConnection.connect(on: bridge.loop, configuration: configuration, id: id, logger: logger).get() }
        }
    }

    deinit {
        let connection = self.connection
        _ = try? bridge.run { try await connection.close() }
    }

    /// A parsed `postgres://USER[:PASSWORD]@HOST[:PORT]/DB` address.
    struct Address {
        var configuration: PostgresConnection.Configuration
        var display: String
    }

    static func parse(_ url: String) throws -> Address {
        guard let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty else {
            throw PostgresStoreError.badURL(url, reason: "no host")
        }
        guard let user = parts.user, !user.isEmpty else { throw PostgresStoreError.badURL(url, reason: "no user") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw PostgresStoreError.badURL(url, reason: "no database name") }
        let port = parts.port ?? 5432
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: parts.password,
                                                             database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        return Address(configuration: configuration, display: "postgres://\(user)@\(host):\(port)/\(database)")
    }

    // MARK: Statements

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        let connection = self.connection, logger = self.logger
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try Self.mapping(path) {
            try bridge.run { try await connection.query(query, logger: logger).collect() }
        }
    }

    /// Runs one statement that takes no parameters.
    func execute(_ sql: String) throws { try query(sql) }

    /// The first column of the first row, decoded as `T` (nil when there is no row or it is NULL).
    func scalar<T: PostgresDecodable>(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), as type: T.Type) throws -> T? {
        guard let cell = try query(sql, binds).first?.makeRandomAccess()[0], cell.bytes != nil else { return nil }
        return try cell.decode(T.self)
    }

    /// Runs `body`, turning the driver's errors into ``PostgresStoreError/server(database:sqlState:message:)``.
    static func mapping<T>(_ database: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PSQLError {
            let message = error.serverInfo?[.message].map { m in error.serverInfo?[.detail].map { "\(m): \($0)" } ?? m }
            throw PostgresStoreError.server(database: database, sqlState: error.serverInfo?[.sqlState],
                                            message: message ?? "\(error.code)")
        }
    }

    // MARK: Transactions

    /// Runs `body` in one transaction: everything it writes lands, or nothing does. Nested calls
    /// join the outer transaction.
    public func write<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        let result = try transaction(begin: "BEGIN", body)
        PostgresChangeFeed.existing(path: path)?.noteLocalCommit()
        return result
    }

    /// Runs `body` as the outermost transaction opened by `begin`: commits when it returns, rolls
    /// back when it throws. Shared by ``write(_:)`` and the read-only snapshot of the exports.
    func transaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        try execute(begin)
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body()
            try execute("COMMIT")
            endTransaction(committed: true)
            return result
        } catch {
            try? execute("ROLLBACK")
            endTransaction(committed: false)
            throw error
        }
    }

    /// Runs `body` once the outermost transaction has ended, with whether it committed (a bulk
    /// load's staging table is dropped after a rollback, its connections closed either way).
    func afterTransaction(_ body: @escaping (_ committed: Bool) -> Void) {
        transactionEndHandlers.append(body)
    }

    private func endTransaction(committed: Bool) {
        let handlers = transactionEndHandlers
        transactionEndHandlers = []
        for handler in handlers { handler(committed) }
    }
}
