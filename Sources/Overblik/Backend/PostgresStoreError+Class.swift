public import PostgresStore

extension PostgresStoreError: ClassifiedError {
    /// A bad address or an operation the PostgreSQL store lacks is the caller's to change (2); an
    /// overlapping booking refused by the database is a conflict (3); the rest is the store's (4).
    public var failureClass: FailureClass {
        switch self {
        case .badURL, .unsupported: return .badInput
        case .server where isExclusionViolation: return .conflict
        case .schemaTooNew, .notAnOverblikDatabase, .missingExtension, .calledOnEventLoop, .server, .missingValue: return .storeOrIO
        }
    }
}
