import Foundation
import Hummingbird
import Overblik

/// Browser login: `POST /api/login` with `{name, password}` starts a session (an HttpOnly, SameSite=Strict
/// cookie, Secure behind TLS) and answers the CSRF token the page sends back in `X-CSRF-Token`.
struct AuthRoutes {
    let pool: StorePool
    let throttle: LoginThrottle
    let secureCookies: Bool

    func register(on router: Router<ServerContext>) {
        router.post("api/login", use: login)
        router.post("api/logout", use: logout)
        router.get("api/me", use: me)
    }

    struct Credentials: Decodable { var name: String; var password: String }
    struct LoginAnswer: Encodable {
        var account: Account
        var csrfToken: String
        enum CodingKeys: String, CodingKey { case account, csrfToken = "csrf_token" }
    }

    @Sendable func login(_ request: Request, context: ServerContext) async throws -> Response {
        let credentials = try await HTTP.body(Credentials.self, request, context: context)
        if let wait = throttle.retryAfter(name: credentials.name, address: context.remoteAddress) {
            throw AccessDenied.tooManyAttempts(retryAfterSeconds: wait)
        }
        let found = try await pool.read { try $0.credentials(name: credentials.name) }
        // bcrypt runs off the event loop; an unknown name costs the same as a wrong password.
        let hash = found?.passwordHash ?? Passwords.unknownUserHash
        let password = credentials.password
        let valid = await Task.detached { Passwords.verify(password, hash: hash) }.value
        guard valid, let account = found?.account else {
            throttle.recordFailure(name: credentials.name, address: context.remoteAddress)
            throw AccessDenied.loginRequired("wrong name or password")
        }
        throttle.recordSuccess(name: credentials.name)
        let grant = try await pool.write { try $0.startSession(for: account) }
        var response = try HTTP.json(LoginAnswer(account: account, csrfToken: grant.csrfToken))
        response.setCookie(Self.cookie(grant.sessionID, maxAge: Int(Overblik.sessionLifetimeSeconds), secure: secureCookies))
        return response
    }

    @Sendable func logout(_ request: Request, context: ServerContext) async throws -> Response {
        if let id = request.cookies[AuthMiddleware.sessionCookie]?.value, !id.isEmpty {
            try await pool.write { try $0.endSession(id: id) }
        }
        var response = Response(status: .noContent)
        response.setCookie(Self.cookie("", maxAge: 0, secure: secureCookies))
        return response
    }

    @Sendable func me(_ request: Request, context: ServerContext) async throws -> Response {
        guard let account = context.account else { throw AccessDenied.loginRequired("not logged in") }
        return try HTTP.json(account)
    }

    static func cookie(_ value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: AuthMiddleware.sessionCookie, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true,
               sameSite: .strict)
    }
}
