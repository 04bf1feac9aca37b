import Foundation
import HummingbirdBcrypt

/// Password hashing for accounts: bcrypt (cost 12 by default), from hummingbird-auth.
public enum Passwords {
    /// bcrypt's cost factor; `OVERBLIK_BCRYPT_COST` lowers it for tests (4...31).
    public static let cost: UInt8 = {
        if let text = ProcessInfo.processInfo.environment["OVERBLIK_BCRYPT_COST"], let n = UInt8(text), (4...31).contains(n) { return n }
        return 12
    }()

    /// The bcrypt hash of `password`.
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    /// Whether `password` matches `hash`.
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A hash no password matches in practice, checked for unknown names so that timing tells nothing.
    public static let unknownUserHash = Bcrypt.hash("overblik-unknown-user-\(UInt64.random(in: 0...UInt64.max))", cost: cost)
}

extension Overblik {
    /// Adds an account with the bcrypt hash of `password` (at most 72 bytes, bcrypt's limit).
    /// - Throws: ``OverblikError/badInput(_:)`` for an empty or too long password.
    public func addUser(name: String, role: AccountRole, association: String?, password: String) throws -> Account {
        try addUser(name: name, role: role, association: association, passwordHash: Passwords.hash(try Self.checkedPassword(password)))
    }

    /// Sets an account's password (ending its sessions).
    public func setPassword(name: String, password: String) throws {
        try setPasswordHash(name: name, hash: Passwords.hash(try Self.checkedPassword(password)))
    }

    static func checkedPassword(_ password: String) throws -> String {
        guard !password.isEmpty else { throw OverblikError.badInput("give the password on standard input (one line)") }
        guard password.utf8.count <= 72 else { throw OverblikError.badInput("the password must be at most 72 bytes (bcrypt's limit)") }
        return password
    }
}
