import CSQLite

/// A value bound to or read from SQLite.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var int: Int64? {
        switch self {
        case let .integer(v): v
        case let .real(v): Int64(exactly: v)
        default: nil
        }
    }
    public var double: Double? {
        switch self {
        case let .integer(v): Double(v)
        case let .real(v): v
        default: nil
        }
    }
    public var string: String? {
        if case let .text(v) = self { return v }
        return nil
    }
    public var bytes: [UInt8]? {
        if case let .blob(v) = self { return v }
        return nil
    }
    public var isNull: Bool { self == .null }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(nilLiteral: ()) { self = .null }
}

public extension SQLValue {
    /// Text or null.
    static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    /// Integer or null.
    static func optional(_ number: Int?) -> SQLValue { number.map { .integer(Int64($0)) } ?? .null }
    /// Real or null.
    static func optional(_ number: Double?) -> SQLValue { number.map(SQLValue.real) ?? .null }
    static func bool(_ flag: Bool) -> SQLValue { .integer(flag ? 1 : 0) }
}

/// One result row.
public struct Row: Sendable {
    public var values: [SQLValue]
    public subscript(_ index: Int) -> SQLValue { values[index] }
}

/// A compiled statement. Finalised in deinit; keeps its database alive.
public final class Statement {
    let handle: OpaquePointer
    let database: Database
    public let sql: String

    init(database: Database, sql: String) throws(DatabaseError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw DatabaseError(code: rc & 0xff, extendedCode: sqlite3_extended_errcode(database.handle),
                                message: database.lastMessage, sql: sql, operation: "prepare", path: database.path)
        }
        self.handle = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to parameters 1...n.
    public func bind(_ values: [SQLValue]) throws(DatabaseError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case let .integer(v): rc = sqlite3_bind_int64(handle, index, v)
            case let .real(v): rc = sqlite3_bind_double(handle, index, v)
            case let .text(v):
                // Explicit byte count: text may contain NUL, which a C-string length would cut off.
                var text = v
                rc = text.withUTF8 { utf8 in
                    guard let base = utf8.baseAddress, !utf8.isEmpty else {
                        return sqlite3_bind_text(handle, index, "", 0, overblik_sqlite_transient())
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                        sqlite3_bind_text(handle, index, $0, Int32(utf8.count), overblik_sqlite_transient())
                    }
                }
            case let .blob(v):
                rc = v.withUnsafeBytes { raw in
                    sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), overblik_sqlite_transient())
                }
            }
            // (The message is built only on failure: this runs for every value of every row.)
            if rc != SQLITE_OK { try database.check(rc, "bind parameter \(index)", sql: sql) }
        }
    }

    /// Advances to the next row; nil when done.
    public func step() throws(DatabaseError) -> Row? {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_DONE { return nil }
        guard rc == SQLITE_ROW else {
            sqlite3_reset(handle)
            try database.check(rc, "step", sql: sql)
            return nil
        }
        let count = sqlite3_column_count(handle)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count { values.append(value(at: column)) }
        return Row(values: values)
    }

    /// Runs the statement to completion, ignoring rows.
    public func run() throws(DatabaseError) {
        while try step() != nil {}
    }

    /// Binds and runs in one call (for inserts in a loop).
    public func run(_ values: [SQLValue]) throws(DatabaseError) {
        try bind(values)
        try run()
    }

    func value(at column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, column) else { return .null }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let base = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: base, count: count)))
        default: return .null
        }
    }

    /// Typed column access during ``forEachRow(_:)`` without building `Row` values (hot loops).
    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// Steps through all rows calling `body` with this statement positioned on each row.
    public func forEachRow(_ body: (Statement) throws -> Void) throws {
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                sqlite3_reset(handle)
                try database.check(rc, "step", sql: sql)
                return
            }
            try body(self)
        }
    }
}
