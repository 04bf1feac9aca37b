import PostgresStore

extension Overblik {
    /// How many times a write on PostgreSQL runs again after another transaction won a race.
    static let postgresWriteAttempts = 5

    /// ``writeRetrying(_:_:)`` on PostgreSQL: `body` in one transaction; when the exclusion
    /// constraint refuses a booking that another process wrote between this transaction's check
    /// and its insert (SQLSTATE 23P01), or the server reports a serialisation failure or deadlock,
    /// the whole transaction, checks included, runs again. The check then sees the other booking
    /// and refuses with the same ``OverblikError/conflict(_:)`` as on SpatiaLite (exit 3, HTTP 409).
    func writeRetryingOnPostgres<T>(_ what: String, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try backend.write(body)
            } catch let error as PostgresStoreError where error.isExclusionViolation || error.isRetryable {
                guard attempt < Self.postgresWriteAttempts else {
                    if error.isExclusionViolation {
                        throw OverblikError.conflict("\(what): refused by the database, an overlapping booking of the room exists")
                    }
                    throw OverblikError.io("\(what): \(error); nothing was written; try again")
                }
            }
        }
    }
}
