import PostgresNIO
public import Store

/// The booking service's accounts, sessions, tokens, audit log, room policies and requests (as
/// the SpatiaLite store's `OverblikStore+Accounts` and `+Requests`).
extension PostgresStore {
    static let userColumns = "u.id, u.name, u.role, u.association, u.password_hash"

    static func user(_ c: Cells, from i: Int = 0) throws -> StoredUser {
        StoredUser(id: try c.int(i) ?? 0, name: try c.string(i + 1), role: try c.string(i + 2), association: try c.text(i + 3),
                   passwordHash: try c.string(i + 4))
    }

    /// Runs `sql` with `values` bound in order (each a String, Int64, Bool or nil of those).
    @discardableResult
    func run(_ sql: String, _ values: [(any PostgresEncodable & Sendable)?]) throws -> [Cells] {
        var binds = PostgresBindings()
        for value in values {
            if let value { try binds.append(value) } else { binds.appendNull() }
        }
        return try query(sql, binds).map(Cells.init)
    }

    public func insertUser(name: String, role: String, association: String?, passwordHash: String, createdUTC: Int64) throws -> Int64 {
        try run("INSERT INTO users (name, role, association, password_hash, created_utc) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                [name, role, association, passwordHash, createdUTC]).first?.int(0) ?? 0
    }

    public func user(named name: String) throws -> StoredUser? {
        try run("SELECT \(Self.userColumns) FROM users u WHERE u.name = $1", [name]).first.map { try Self.user($0) }
    }

    public func users() throws -> [StoredUser] {
        try run("SELECT \(Self.userColumns) FROM users u ORDER BY u.name", []).map { try Self.user($0) }
    }

    public func setPasswordHash(userID: Int64, hash: String) throws {
        try run("UPDATE users SET password_hash = $1 WHERE id = $2", [hash, userID])
        try run("DELETE FROM sessions WHERE user_id = $1", [userID])
    }

    public func deleteUser(id: Int64) throws {
        for table in ["api_tokens", "sessions"] { try run("DELETE FROM \(table) WHERE user_id = $1", [id]) }
        try run("DELETE FROM users WHERE id = $1", [id])
    }

    public func insertToken(digest: String, userID: Int64, purpose: String, createdUTC: Int64) throws {
        try run("INSERT INTO api_tokens (digest, user_id, purpose, created_utc) VALUES ($1, $2, $3, $4)", [digest, userID, purpose, createdUTC])
    }

    public func user(tokenDigest digest: String, purpose: String) throws -> StoredUser? {
        try run("""
            SELECT \(Self.userColumns) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.digest = $1 AND t.purpose = $2
            """, [digest, purpose]).first.map { try Self.user($0) }
    }

    public func insertSession(digest: String, userID: Int64, csrfToken: String, createdUTC: Int64, expiresUTC: Int64) throws {
        try run("DELETE FROM sessions WHERE expires_utc <= $1", [createdUTC])
        try run("INSERT INTO sessions (digest, user_id, csrf_token, created_utc, expires_utc) VALUES ($1, $2, $3, $4, $5)",
                [digest, userID, csrfToken, createdUTC, expiresUTC])
    }

    public func session(digest: String, nowUTC: Int64) throws -> StoredSession? {
        try run("""
            SELECT \(Self.userColumns), s.csrf_token, s.expires_utc FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.digest = $1 AND s.expires_utc > $2
            """, [digest, nowUTC]).first.map { c in
            StoredSession(user: try Self.user(c), csrfToken: try c.string(5), expiresUTC: try c.int(6) ?? 0)
        }
    }

    public func deleteSession(digest: String) throws {
        try run("DELETE FROM sessions WHERE digest = $1", [digest])
    }

    public func appendAudit(atUTC: Int64, actor: String, action: String, roomID: String?, bookingID: Int64?,
                            requestID: Int64?, detail: String?) throws {
        try run("""
            INSERT INTO audit_log (at_utc, actor, action, room_id, booking_id, request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [atUTC, actor, action, roomID, bookingID, requestID, detail])
    }

    public func auditLog(limit: Int) throws -> [StoredAuditEntry] {
        try run("""
            SELECT id, at_utc, actor, action, room_id, booking_id, request_id, detail FROM audit_log ORDER BY id DESC LIMIT $1
            """, [Int64(limit)]).map { c in
            StoredAuditEntry(id: try c.int(0) ?? 0, atUTC: try c.int(1) ?? 0, actor: try c.string(2), action: try c.string(3),
                             roomID: try c.text(4), bookingID: try c.int(5), requestID: try c.int(6), detail: try c.text(7))
        }
    }

    // MARK: Requests and room policies

    static let requestColumns = """
        id, room_id, start_local, end_local, start_utc, end_utc, repeat_until, holder, activity, requested_by, status,
        created_utc, decided_by, decided_utc, note, booking_ids
        """

    static func request(_ c: Cells) throws -> StoredRequest {
        StoredRequest(id: try c.int(0) ?? 0, roomID: try c.string(1), startLocal: try c.string(2), endLocal: try c.string(3),
                      startUTC: try c.int(4) ?? 0, endUTC: try c.int(5) ?? 0, repeatUntil: try c.text(6), holder: try c.string(7),
                      activity: try c.text(8), requestedBy: try c.string(9), status: try c.string(10), createdUTC: try c.int(11) ?? 0,
                      decidedBy: try c.text(12), decidedUTC: try c.int(13), note: try c.text(14),
                      bookingIDs: (try c.text(15) ?? "").split(separator: ",").compactMap { Int64($0) })
    }

    public func insert(request q: StoredRequest) throws -> Int64 {
        try run("""
            INSERT INTO booking_requests (room_id, start_local, end_local, start_utc, end_utc, repeat_until, holder, activity,
                requested_by, status, created_utc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
            """, [q.roomID, q.startLocal, q.endLocal, q.startUTC, q.endUTC, q.repeatUntil, q.holder, q.activity, q.requestedBy,
                  q.status, q.createdUTC]).first?.int(0) ?? 0
    }

    public func request(id: Int64) throws -> StoredRequest? {
        try run("SELECT \(Self.requestColumns) FROM booking_requests WHERE id = $1", [id]).first.map(Self.request)
    }

    public func requests(holder: String? = nil, status: String? = nil) throws -> [StoredRequest] {
        try run("""
            SELECT \(Self.requestColumns) FROM booking_requests
            WHERE ($1::text IS NULL OR holder = $1) AND ($2::text IS NULL OR status = $2) ORDER BY id
            """, [holder, status]).map(Self.request)
    }

    public func decide(requestID: Int64, status: String, by clerk: String, atUTC: Int64, note: String?, bookingIDs: [Int64]) throws {
        try run("""
            UPDATE booking_requests SET status = $1, decided_by = $2, decided_utc = $3, note = $4, booking_ids = $5 WHERE id = $6
            """, [status, clerk, atUTC, note, bookingIDs.map(String.init).joined(separator: ","), requestID])
    }

    public func roomPolicy(roomID: String) throws -> StoredRoomPolicy {
        guard let c = try run("SELECT approval, cancel_deadline_minutes FROM room_policies WHERE room_id = $1", [roomID]).first else {
            return StoredRoomPolicy(approval: false, cancelDeadlineMinutes: 0)
        }
        return StoredRoomPolicy(approval: try c.bool(0) == true, cancelDeadlineMinutes: Int(try c.int(1) ?? 0))
    }

    public func setRoomPolicy(roomID: String, _ policy: StoredRoomPolicy) throws {
        try run("""
            INSERT INTO room_policies (room_id, approval, cancel_deadline_minutes) VALUES ($1, $2, $3)
            ON CONFLICT (room_id) DO UPDATE SET approval = excluded.approval, cancel_deadline_minutes = excluded.cancel_deadline_minutes
            """, [roomID, policy.approval, Int64(policy.cancelDeadlineMinutes)])
    }
}
