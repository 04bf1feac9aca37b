extension Schema {
    /// The tables of `overblik serve`: accounts, API tokens, browser sessions, the audit log of every
    /// booking action, per-room booking policies and booking requests awaiting a clerk.
    static let serviceMigration = Migration(version: 3, summary: "accounts, sessions, tokens, audit log, booking requests", statements: [
        """
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('association', 'clerk')),
            association TEXT,
            password_hash TEXT NOT NULL,
            created_utc INTEGER NOT NULL
        )
        """,
        // Tokens and session ids are stored as SHA-256 digests only: a copy of the file gives no login.
        """
        CREATE TABLE IF NOT EXISTS api_tokens (
            digest TEXT PRIMARY KEY NOT NULL,
            user_id INTEGER NOT NULL,
            purpose TEXT NOT NULL DEFAULT 'api' CHECK (purpose IN ('api', 'calendar')),
            created_utc INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS sessions (
            digest TEXT PRIMARY KEY NOT NULL,
            user_id INTEGER NOT NULL,
            csrf_token TEXT NOT NULL,
            created_utc INTEGER NOT NULL,
            expires_utc INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            id INTEGER PRIMARY KEY,
            at_utc INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            room_id TEXT,
            booking_id INTEGER,
            request_id INTEGER,
            detail TEXT
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS room_policies (
            room_id TEXT PRIMARY KEY NOT NULL,
            approval INTEGER NOT NULL DEFAULT 0 CHECK (approval IN (0, 1)),
            cancel_deadline_minutes INTEGER NOT NULL DEFAULT 0 CHECK (cancel_deadline_minutes >= 0)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS booking_requests (
            id INTEGER PRIMARY KEY,
            room_id TEXT NOT NULL,
            start_local TEXT NOT NULL,
            end_local TEXT NOT NULL,
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            repeat_until TEXT,
            holder TEXT NOT NULL,
            activity TEXT,
            requested_by TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
            created_utc INTEGER NOT NULL,
            decided_by TEXT,
            decided_utc INTEGER,
            note TEXT,
            booking_ids TEXT
        )
        """,
        "CREATE INDEX IF NOT EXISTS booking_requests_status ON booking_requests(status, room_id)",
        "CREATE INDEX IF NOT EXISTS audit_log_booking ON audit_log(booking_id)",
    ])
}
