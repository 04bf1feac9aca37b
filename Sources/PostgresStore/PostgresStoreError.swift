/// Failures particular to the PostgreSQL store.
public enum PostgresStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The address given to `--db` is not a usable `postgres://` URL.
    case badURL(String, reason: String)
    /// The database carries a schema from a newer Overblik.
    case schemaTooNew(database: String, found: Int, supported: Int)
    /// Holds tables that are not Overblik's (no `overblik_meta` with a schema version).
    case notAnOverblikDatabase(database: String, reason: String)
    /// A required extension (PostGIS, btree_gist) is not installed in the server.
    case missingExtension(database: String, name: String, reason: String)
    /// The operation is not implemented on the PostgreSQL store yet (the SpatiaLite store has it).
    case unsupported(operation: String)
    /// A synchronous store call was made on an NIO event-loop thread, which it would block.
    case calledOnEventLoop
    /// The server refused a statement or the connection failed.
    case server(database: String, sqlState: String?, message: String)
    /// A row holds NULL in a column that must hold a value (a row another program wrote past the schema).
    case missingValue(table: String, id: String, column: String)

    public var description: String {
        switch self {
        case let .badURL(url, reason): "\(url): not a PostgreSQL address (\(reason)); expected postgres://USER@HOST:PORT/DB"
        case let .schemaTooNew(database, found, supported):
            "\(database): the database has Overblik schema version \(found), newer than this program supports (\(supported)); upgrade Overblik"
        case let .notAnOverblikDatabase(database, reason): "\(database): not an Overblik database (\(reason))"
        case let .missingExtension(database, name, reason):
            "\(database): the PostgreSQL extension \(name) is not available (\(reason)); install PostGIS 3 (Debian: postgresql-15-postgis-3)"
        case let .unsupported(operation): "not supported on the PostgreSQL store yet: \(operation) (use a SpatiaLite store, --db PATH)"
        case .calledOnEventLoop: "the PostgreSQL store was called on an event-loop thread; run store calls off the event loops"
        case let .server(database, sqlState, message):
            "\(database): PostgreSQL error\(sqlState.map { " \($0)" } ?? ""): \(message)"
        case let .missingValue(table, id, column):
            "\(table) row '\(id)': \(column) is NULL, expected a value; correct or delete the row"
        }
    }

    /// The SQLSTATE of an exclusion-constraint violation (two confirmed bookings overlapping).
    public static let exclusionViolation = "23P01"

    /// Whether the transaction lost a race it may win when run again (serialisation failure, deadlock).
    public var isRetryable: Bool {
        if case let .server(_, state, _) = self { return state == "40001" || state == "40P01" }
        return false
    }

    /// Whether this is the exclusion constraint refusing an overlapping booking.
    public var isExclusionViolation: Bool {
        if case let .server(_, state, _) = self { return state == Self.exclusionViolation }
        return false
    }
}
