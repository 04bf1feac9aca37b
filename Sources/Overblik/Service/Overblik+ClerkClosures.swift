import Foundation
import Scheduling
import Store

/// A closure asked for over the service, as text: `{facility | room, from, to?, reason?}`; the times
/// take the CLI's forms (`2027-03-01T00:00`, `01.03.2027`, a span `12.01.2027 17-22`).
public struct ClosureInput: Sendable, Codable {
    public var facility: String?
    public var room: String?
    public var from: String
    public var to: String?
    public var reason: String?

    public init(facility: String? = nil, room: String? = nil, from: String, to: String? = nil, reason: String? = nil) {
        self.facility = facility
        self.room = room
        self.from = from
        self.to = to
        self.reason = reason
    }
}

extension Overblik {
    /// Closures as the clerk's desk lists them (clerks only), or those of one facility and its rooms.
    public func closures(for account: Account?, facilityID: String?) throws -> [StoredClosure] {
        try requireClerk(account, "list closures")
        return try closures(facilityID: facilityID)
    }

    /// A clerk closes a facility or a room; the closure and its audit line are written in one transaction.
    /// - Throws: ``AccessDenied`` for anyone but a clerk; ``OverblikError/badInput(_:)`` for unreadable times.
    public func addClosure(_ input: ClosureInput, by account: Account?, now: UTCInstant = Overblik.currentInstant()) throws -> StoredClosure {
        let clerk = try requireClerk(account, "add closures")
        let start: LocalDateTime, end: LocalDateTime
        do { (start, end) = try DanishInput.span(from: input.from, to: input.to, now: CopenhagenTime.localTime(at: now)) } catch {
            throw OverblikError.badInput("from/to: \(error) (e.g. from 2027-03-01T00:00 to 2027-04-01T00:00, or from \"12.01.2027 17-22\")")
        }
        return try addClosure(facilityID: input.facility, roomID: input.room, from: start, to: end, reason: input.reason) { closure in
            try backend.appendAudit(atUTC: now.secondsSince1970, actor: clerk.name, action: "close", roomID: closure.roomID ?? closure.facilityID,
                                  bookingID: nil, requestID: nil, detail: "closure \(closure.id) \(closure.startLocal) - \(closure.endLocal)"
                                  + (closure.reason.map { ": \($0)" } ?? ""))
        }
    }

    /// A clerk removes a closure; the delete and its audit line are written in one transaction.
    public func removeClosure(id: Int64, by account: Account?, now: UTCInstant = Overblik.currentInstant()) throws {
        let clerk = try requireClerk(account, "remove closures")
        try removeClosure(id: id) {
            try backend.appendAudit(atUTC: now.secondsSince1970, actor: clerk.name, action: "reopen", roomID: nil, bookingID: nil,
                                  requestID: nil, detail: "closure \(id) removed")
        }
    }

    @discardableResult
    func requireClerk(_ account: Account?, _ what: String) throws -> Account {
        guard let account else { throw AccessDenied.loginRequired("log in as a clerk to \(what)") }
        guard account.role == .clerk else { throw AccessDenied.forbidden("only a clerk may \(what)") }
        return account
    }
}
