public import Foundation
import Store

/// What an account may do. Anonymous callers have no account: they search and see free/busy only.
public enum AccountRole: String, Sendable, Codable, CaseIterable {
    /// Books for one association; sees and cancels its own bookings and requests only.
    case association
    /// Municipal staff: sees every booking, approves or rejects requests, cancels any booking.
    case clerk
}

/// A signed-in account. JSON: `{name, role, association}`.
public struct Account: Sendable, Hashable, Encodable {
    public let id: Int64
    public let name: String
    public let role: AccountRole
    /// The association an association account books for (its bookings' holder).
    public let association: String?

    /// The holder written on this account's bookings: its association, or its name.
    public var holder: String { association ?? name }

    enum CodingKeys: String, CodingKey { case name, role, association }

    init(id: Int64, name: String, role: AccountRole, association: String?) {
        self.id = id
        self.name = name
        self.role = role
        self.association = association
    }

    init(_ stored: StoredUser) {
        id = stored.id
        name = stored.name
        role = AccountRole(rawValue: stored.role) ?? .association
        association = stored.association
    }

    /// Whether this account may see the holder of a booking held by `holder`.
    public func maySeeHolder(_ holder: String) -> Bool { role == .clerk || holder == self.holder }
}

/// Refusals of the service's access rules (HTTP 401, 403 and 429).
public enum AccessDenied: Error, Sendable, CustomStringConvertible {
    /// No valid login was presented.
    case loginRequired(String)
    /// The account may not do this.
    case forbidden(String)
    /// Too many failed logins; try again after the given seconds.
    case tooManyAttempts(retryAfterSeconds: Int)

    public var description: String {
        switch self {
        case let .loginRequired(text), let .forbidden(text): return text
        case let .tooManyAttempts(seconds): return "too many failed logins; try again in \(seconds) s"
        }
    }
}

/// A browser session just started: the cookie value and the CSRF token pages must send back.
public struct SessionGrant: Sendable {
    public let sessionID: String
    public let csrfToken: String
    public let expires: Date
}

extension Overblik {
    /// How long a browser session lasts.
    public static let sessionLifetimeSeconds: Int64 = 8 * 3600

    /// Adds an account. The password arrives already hashed (bcrypt, by the caller).
    /// - Throws: ``OverblikError/badInput(_:)`` for an empty or taken name or a missing association.
    @discardableResult
    public func addUser(name: String, role: AccountRole, association: String?, passwordHash: String) throws -> Account {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100, !trimmed.contains(where: { $0.isNewline }) else {
            throw OverblikError.badInput("user name must be 1 to 100 characters on one line")
        }
        let group = association?.trimmingCharacters(in: .whitespacesAndNewlines)
        if role == .clerk && group != nil { throw OverblikError.badInput("a clerk account belongs to no association") }
        let holder = role == .association ? (group?.isEmpty == false ? group : trimmed) : nil
        return try writeRetrying("add user \(trimmed)") {
            if try backend.user(named: trimmed) != nil { throw OverblikError.badInput("user '\(trimmed)' exists already") }
            let id = try backend.insertUser(name: trimmed, role: role.rawValue, association: holder, passwordHash: passwordHash,
                                          createdUTC: Self.currentInstant().secondsSince1970)
            return Account(id: id, name: trimmed, role: role, association: holder)
        }
    }

    /// Every account, by name.
    public func users() throws -> [Account] { try backend.users().map(Account.init) }

    /// An account and its password hash, for checking a login.
    public func credentials(name: String) throws -> (account: Account, passwordHash: String)? {
        try backend.user(named: name).map { (Account($0), $0.passwordHash) }
    }

    /// Replaces an account's password hash; its sessions end.
    public func setPasswordHash(name: String, hash: String) throws {
        try writeRetrying("change password of \(name)") {
            guard let user = try backend.user(named: name) else { throw OverblikError.notFound(what: "user '\(name)'", suggestions: []) }
            try backend.setPasswordHash(userID: user.id, hash: hash)
        }
    }

    /// Removes an account, its tokens and its sessions (its bookings stay).
    public func removeUser(name: String) throws {
        try writeRetrying("remove user \(name)") {
            guard let user = try backend.user(named: name) else { throw OverblikError.notFound(what: "user '\(name)'", suggestions: []) }
            try backend.deleteUser(id: user.id)
        }
    }

    /// Issues a new secret token for an account (`api` for `Authorization: Bearer`, `calendar` for a
    /// private iCalendar feed URL); only its digest is stored, so it is shown once.
    public func issueToken(name: String, purpose: String = "api") throws -> String {
        let token = Self.randomSecret()
        try writeRetrying("issue token for \(name)") {
            guard let user = try backend.user(named: name) else { throw OverblikError.notFound(what: "user '\(name)'", suggestions: []) }
            try backend.insertToken(digest: SHA256.hex(token), userID: user.id, purpose: purpose,
                                  createdUTC: Self.currentInstant().secondsSince1970)
        }
        return token
    }

    /// The account a token belongs to, or nil.
    public func account(token: String, purpose: String = "api") throws -> Account? {
        try backend.user(tokenDigest: SHA256.hex(token), purpose: purpose).map(Account.init)
    }

    /// Starts a browser session for an account.
    public func startSession(for account: Account, now: Date = Date()) throws -> SessionGrant {
        let id = Self.randomSecret(), csrf = Self.randomSecret()
        let created = Int64(now.timeIntervalSince1970)
        try writeRetrying("start session") {
            try backend.insertSession(digest: SHA256.hex(id), userID: account.id, csrfToken: csrf, createdUTC: created,
                                    expiresUTC: created + Self.sessionLifetimeSeconds)
        }
        return SessionGrant(sessionID: id, csrfToken: csrf, expires: now.addingTimeInterval(Double(Self.sessionLifetimeSeconds)))
    }

    /// The account and CSRF token of a live session, or nil.
    public func session(id: String, now: Date = Date()) throws -> (account: Account, csrfToken: String)? {
        try backend.session(digest: SHA256.hex(id), nowUTC: Int64(now.timeIntervalSince1970)).map { (Account($0.user), $0.csrfToken) }
    }

    /// Ends a session.
    public func endSession(id: String) throws {
        try writeRetrying("end session") { try backend.deleteSession(digest: SHA256.hex(id)) }
    }

    /// 32 random bytes from the system generator, base64url without padding.
    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
