/// An account as stored (the password only as its bcrypt hash).
public struct StoredUser: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var role: String
    public var association: String?
    public var passwordHash: String

    package init(id: Int64, name: String, role: String, association: String?, passwordHash: String) {
        self.id = id
        self.name = name
        self.role = role
        self.association = association
        self.passwordHash = passwordHash
    }
}

/// A browser session as stored (its id only as a digest).
public struct StoredSession: Sendable, Hashable {
    public var user: StoredUser
    public var csrfToken: String
    public var expiresUTC: Int64

    package init(user: StoredUser, csrfToken: String, expiresUTC: Int64) {
        self.user = user
        self.csrfToken = csrfToken
        self.expiresUTC = expiresUTC
    }
}

/// A line of the audit log.
public struct StoredAuditEntry: Sendable, Hashable {
    public var id: Int64
    public var atUTC: Int64
    public var actor: String
    public var action: String
    public var roomID: String?
    public var bookingID: Int64?
    public var requestID: Int64?
    public var detail: String?

    package init(id: Int64, atUTC: Int64, actor: String, action: String, roomID: String?, bookingID: Int64?, requestID: Int64?,
                 detail: String?) {
        self.id = id
        self.atUTC = atUTC
        self.actor = actor
        self.action = action
        self.roomID = roomID
        self.bookingID = bookingID
        self.requestID = requestID
        self.detail = detail
    }
}

extension OverblikStore {
    static let userColumns = "u.id, u.name, u.role, u.association, u.password_hash"

    static func user(from row: Row) -> StoredUser {
        StoredUser(id: row[0].int ?? 0, name: row[1].string ?? "", role: row[2].string ?? "",
                   association: row[3].string, passwordHash: row[4].string ?? "")
    }

    /// Inserts an account; returns its id. A taken name fails with SQLite's UNIQUE constraint.
    public func insertUser(name: String, role: String, association: String?, passwordHash: String, createdUTC: Int64) throws -> Int64 {
        try database.run("INSERT INTO users (name, role, association, password_hash, created_utc) VALUES (?,?,?,?,?)",
                         [.text(name), .text(role), .optional(association), .text(passwordHash), .integer(createdUTC)])
        return database.lastInsertRowID
    }

    /// The account called `name`.
    public func user(named name: String) throws -> StoredUser? {
        try database.query("SELECT \(Self.userColumns) FROM users u WHERE u.name = ?", [.text(name)]).first.map(Self.user(from:))
    }

    /// Every account, by name.
    public func users() throws -> [StoredUser] {
        try database.query("SELECT \(Self.userColumns) FROM users u ORDER BY u.name").map(Self.user(from:))
    }

    /// Replaces an account's password hash and ends its sessions; returns whether the account exists.
    public func setPasswordHash(userID: Int64, hash: String) throws {
        try database.run("UPDATE users SET password_hash = ? WHERE id = ?", [.text(hash), .integer(userID)])
        try database.run("DELETE FROM sessions WHERE user_id = ?", [.integer(userID)])
    }

    /// Removes an account with its tokens and sessions.
    public func deleteUser(id: Int64) throws {
        try database.run("DELETE FROM api_tokens WHERE user_id = ?", [.integer(id)])
        try database.run("DELETE FROM sessions WHERE user_id = ?", [.integer(id)])
        try database.run("DELETE FROM users WHERE id = ?", [.integer(id)])
    }

    /// Stores a token digest for an account.
    public func insertToken(digest: String, userID: Int64, purpose: String, createdUTC: Int64) throws {
        try database.run("INSERT INTO api_tokens (digest, user_id, purpose, created_utc) VALUES (?,?,?,?)",
                         [.text(digest), .integer(userID), .text(purpose), .integer(createdUTC)])
    }

    /// The account a token digest belongs to, for the given purpose.
    public func user(tokenDigest digest: String, purpose: String) throws -> StoredUser? {
        try database.query("""
            SELECT \(Self.userColumns) FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.digest = ? AND t.purpose = ?
            """, [.text(digest), .text(purpose)]).first.map(Self.user(from:))
    }

    /// Stores a session; expired sessions are removed on the way.
    public func insertSession(digest: String, userID: Int64, csrfToken: String, createdUTC: Int64, expiresUTC: Int64) throws {
        try database.run("DELETE FROM sessions WHERE expires_utc <= ?", [.integer(createdUTC)])
        try database.run("INSERT INTO sessions (digest, user_id, csrf_token, created_utc, expires_utc) VALUES (?,?,?,?,?)",
                         [.text(digest), .integer(userID), .text(csrfToken), .integer(createdUTC), .integer(expiresUTC)])
    }

    /// The live session with this digest at `nowUTC`.
    public func session(digest: String, nowUTC: Int64) throws -> StoredSession? {
        try database.query("""
            SELECT \(Self.userColumns), s.csrf_token, s.expires_utc FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.digest = ? AND s.expires_utc > ?
            """, [.text(digest), .integer(nowUTC)]).first.map {
            StoredSession(user: Self.user(from: $0), csrfToken: $0[5].string ?? "", expiresUTC: $0[6].int ?? 0)
        }
    }

    /// Ends a session.
    public func deleteSession(digest: String) throws {
        try database.run("DELETE FROM sessions WHERE digest = ?", [.text(digest)])
    }

    /// Appends to the audit log (call inside the transaction of the action it records).
    public func appendAudit(atUTC: Int64, actor: String, action: String, roomID: String?, bookingID: Int64?,
                            requestID: Int64?, detail: String?) throws {
        try database.run("""
            INSERT INTO audit_log (at_utc, actor, action, room_id, booking_id, request_id, detail) VALUES (?,?,?,?,?,?,?)
            """, [.integer(atUTC), .text(actor), .text(action), .optional(roomID), bookingID.map(SQLValue.integer) ?? .null,
                  requestID.map(SQLValue.integer) ?? .null, .optional(detail)])
    }

    /// The newest audit lines first.
    public func auditLog(limit: Int) throws -> [StoredAuditEntry] {
        try database.query("""
            SELECT id, at_utc, actor, action, room_id, booking_id, request_id, detail FROM audit_log ORDER BY id DESC LIMIT ?
            """, [.integer(Int64(limit))]).map {
            StoredAuditEntry(id: $0[0].int ?? 0, atUTC: $0[1].int ?? 0, actor: $0[2].string ?? "", action: $0[3].string ?? "",
                             roomID: $0[4].string, bookingID: $0[5].int, requestID: $0[6].int, detail: $0[7].string)
        }
    }
}
