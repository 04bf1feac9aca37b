import Hummingbird
import Overblik

/// Per-request state: who is calling (set by ``AuthMiddleware``) and how.
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The signed-in account; nil for anonymous callers.
    var account: Account?
    /// How the caller signed in.
    var credential: Credential = .none

    enum Credential: Sendable { case none, bearer, session(csrfToken: String) }

    /// The peer's address (for the login rate limit).
    let remoteAddress: String

    init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Request bodies above this are refused with 413 (DESIGN: request size limits).
    var maxUploadSize: Int { 64 * 1024 }
}
