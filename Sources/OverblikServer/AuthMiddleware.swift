import HTTPTypes
import Hummingbird
import Overblik
import Foundation

/// Finds who is calling: `Authorization: Bearer TOKEN` (programs) or the session cookie (browsers).
/// A browser's unsafe request (POST, PUT, PATCH, DELETE) must carry the session's CSRF token in
/// `X-CSRF-Token`; a Bearer request needs none, since browsers never add that header on their own.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    static let sessionCookie = "overblik_session"
    let pool: StorePool

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw AccessDenied.loginRequired("the Authorization header must be 'Bearer TOKEN'")
            }
            let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
            guard let account = try await pool.read({ try $0.account(token: token) }) else {
                throw AccessDenied.loginRequired("the Bearer token is not valid")
            }
            context.account = account
            context.credential = .bearer
        } else if let id = request.cookies[Self.sessionCookie]?.value, !id.isEmpty,
                  let session = try await pool.read({ try $0.session(id: id) }) {
            context.account = session.account
            context.credential = .session(csrfToken: session.csrfToken)
            if ![.get, .head, .options].contains(request.method) && request.uri.path != "/api/login" {
                guard let sent = request.headers[HTTPField.Name("X-CSRF-Token")!], Self.equalInConstantTime(sent, session.csrfToken) else {
                    throw Problem(status: .forbidden, detail: "missing or wrong X-CSRF-Token for this session (see POST /api/login)")
                }
            }
        }
        return try await next(request, context)
    }

    /// Compares two secrets without stopping at the first difference.
    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
