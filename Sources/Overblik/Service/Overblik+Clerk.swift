import Analysis
import Facilities
import Foundation
import Scheduling
import Store

/// A bookable room as a clerk manages it. JSON: `{id, facility, name, capacity, opening_hours,
/// disability_suited, approval, cancel_deadline_minutes}`.
public struct RoomPolicyView: Sendable, Hashable, Encodable {
    public let id: String
    public let facility: String
    public let name: String
    public let capacity: Int?
    public let openingHours: String?
    public let disabilitySuited: Bool
    /// Whether bookings of the room are requests a clerk approves.
    public let approval: Bool
    /// How many minutes before its start an association may still cancel a booking.
    public let cancelDeadlineMinutes: Int

    enum CodingKeys: String, CodingKey {
        case id, facility, name, capacity, approval
        case openingHours = "opening_hours", disabilitySuited = "disability_suited", cancelDeadlineMinutes = "cancel_deadline_minutes"
    }
}

extension Overblik {
    /// Refuses everyone but a clerk.
    /// - Throws: ``AccessDenied/loginRequired(_:)`` without an account, ``AccessDenied/forbidden(_:)`` for an association.
    @discardableResult
    public static func requireClerk(_ account: Account?, to what: String) throws -> Account {
        guard let account else { throw AccessDenied.loginRequired("log in as a clerk to \(what)") }
        guard account.role == .clerk else { throw AccessDenied.forbidden("only a clerk may \(what)") }
        return account
    }

    /// Every bookable room with its booking policy, in id order (clerks only).
    /// - Throws: ``AccessDenied`` for anyone but a clerk, store errors.
    public func managedRooms(for account: Account?) throws -> [RoomPolicyView] {
        _ = try Self.requireClerk(account, to: "list the rooms' policies")
        let policies = try backend.roomPolicies()
        return try backend.bookableRooms().sorted { $0.id < $1.id }.map { room in
            let policy = policies[room.id]
            return RoomPolicyView(id: room.id, facility: room.facilityID, name: room.name, capacity: room.capacity,
                                  openingHours: room.openingHours, disabilitySuited: room.disabilitySuited,
                                  approval: policy?.approval ?? false, cancelDeadlineMinutes: policy?.cancelDeadlineMinutes ?? 0)
        }
    }

    /// Sets how a room is booked (on approval or at once) and the cancellation deadline in minutes
    /// (clerks only); the change and its audit line are one transaction.
    /// - Throws: ``AccessDenied`` for anyone but a clerk, ``OverblikError/notFound(what:suggestions:)``
    ///   for an unknown room, ``OverblikError/badInput(_:)`` for a negative deadline.
    public func setRoomPolicy(roomID: String, approval: Bool, cancelDeadlineMinutes: Int = 0, by account: Account?,
                              now: UTCInstant = Overblik.currentInstant()) throws -> RoomPolicyView {
        let clerk = try Self.requireClerk(account, to: "set a room's booking policy")
        let room = try bookableRoom(roomID)
        guard (0 ... 525_600).contains(cancelDeadlineMinutes) else {
            throw OverblikError.badInput("cancel_deadline_minutes: expected 0 to 525600 minutes (a year), not \(cancelDeadlineMinutes)")
        }
        try writeRetrying("set policy of \(room.id)") {
            try backend.setRoomPolicy(roomID: room.id, StoredRoomPolicy(approval: approval, cancelDeadlineMinutes: cancelDeadlineMinutes))
            try backend.appendAudit(atUTC: now.secondsSince1970, actor: clerk.name, action: "policy", roomID: room.id, bookingID: nil,
                                  requestID: nil, detail: "\(approval ? "on approval" : "instant"), cancel until \(cancelDeadlineMinutes) min before")
        }
        return RoomPolicyView(id: room.id, facility: room.facilityID, name: room.name, capacity: room.capacity,
                              openingHours: room.openingHours, disabilitySuited: room.disabilitySuited,
                              approval: approval, cancelDeadlineMinutes: cancelDeadlineMinutes)
    }

    /// The season of `FROM..TO`, or by default 1 August to 30 June of the season that has not started
    /// yet on the facade's clock.
    /// - Throws: ``OverblikError/badInput(_:)`` naming `name` and the expected form.
    public static func allocationSeason(_ text: String?, name: String = "season",
                                        now: UTCInstant = Overblik.currentInstant()) throws -> AllocationSeason {
        let local = CopenhagenTime.localTime(at: now)
        let startYear = local.month >= 8 ? local.year + 1 : local.year
        let given = text ?? "\(startYear)-08-01..\(startYear + 1)-06-30"
        do { return try AllocationSeason(parsing: given) } catch {
            throw OverblikError.badInput("\(name): \(error) (expected FROM..TO, e.g. 2026-08-17..2027-06-18)")
        }
    }

    /// The allocation round on uploaded applications (CSV or JSON text), for a clerk: computed, and
    /// unless `dryRun` written whole in one transaction together with its audit lines (one per
    /// allocation and one for the round). A dry run is audited too.
    /// - Throws: ``AccessDenied`` for anyone but a clerk, ``OverblikError/badInput(_:)`` naming the
    ///   upload's line and field, ``OverblikError/conflict(_:)`` when a booking made meanwhile clashes
    ///   (nothing written).
    public func allocationRound(applications text: String, season: AllocationSeason, dryRun: Bool, by account: Account?,
                                now: UTCInstant = Overblik.currentInstant()) throws -> AllocationRun {
        let clerk = try Self.requireClerk(account, to: "run the allocation round")
        let audit: (AllocationResult, Int) throws -> Void = { result, written in
            let at = now.secondsSince1970
            for a in result.allocations where !dryRun {
                try self.backend.appendAudit(atUTC: at, actor: clerk.name, action: "allocate", roomID: a.room, bookingID: nil, requestID: nil,
                                           detail: "application \(a.application): \(a.weekday) \(a.start)-\(a.end), \(a.dates.count) dates (\(a.rule))")
            }
            try self.backend.appendAudit(atUTC: at, actor: clerk.name, action: dryRun ? "allocation-dry-run" : "allocation-round",
                                       roomID: nil, bookingID: nil, requestID: nil,
                                       detail: "season \(season.from)..\(season.to): \(result.allocations.count) allocated, \(result.refusals.count) refused, \(written) bookings written")
        }
        let run = try allocate(applicationsText: text, source: "the uploaded applications", season: season, rulesPath: nil,
                               dryRun: dryRun, now: now, then: dryRun ? nil : audit)
        if dryRun { try writeRetrying("audit the allocation dry run") { try audit(run.result, 0) } }
        return run
    }
}
