public import Facilities
import Foundation
import Scheduling
import Store

extension Overblik {
    /// A bookable room by id (a listed room, or the implicit room of a facility without listed rooms).
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` with up to five similar ids.
    public func bookableRoom(_ id: String) throws -> Room {
        if let room = try backend.room(id: id) { return room }
        let needle = id.lowercased()
        let similar = try backend.bookableRooms().map(\.id).filter {
            let candidate = $0.lowercased()
            return !needle.isEmpty && (candidate.contains(needle) || needle.contains(candidate))
        }
        throw OverblikError.notFound(what: "room '\(id)'", suggestions: Array(similar.prefix(5)))
    }

    /// The room's compiled availability, or nil when it has none (then it is never bookable).
    /// - Throws: ``OverblikError/badInput(_:)`` when the stored opening_hours does not parse.
    func availability(of room: Room) throws -> OpeningHours? {
        guard let text = room.openingHours?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        do { return try OpeningHours(parsing: text) } catch {
            throw OverblikError.badInput("room \(room.id): stored opening_hours \"\(text)\" is invalid: \(error)")
        }
    }

    /// The room's availability in words, in Danish or English (the room page shows it), from the
    /// compiled rules the engine evaluates; nil when the room has no opening hours.
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` for an unknown room,
    ///   ``OverblikError/badInput(_:)`` when its stored opening_hours does not parse.
    public func hoursInWords(roomID: String, english: Bool = false) throws -> String? {
        try availability(of: bookableRoom(roomID))?.words(english ? .english : .danish)
    }

    /// Explicit closures of the room (its own and its facility's) overlapping `[from, to)`, as local intervals.
    func closureIntervals(of room: Room, from: LocalDateTime, to: LocalDateTime) throws -> [LocalInterval] {
        try backend.closures(roomID: room.id, facilityID: room.facilityID, fromLocal: from.description, toLocal: to.description)
            .map { c in
                guard let s = try? LocalDateTime(parsing: c.startLocal), let e = try? LocalDateTime(parsing: c.endLocal),
                      let interval = try? LocalInterval(start: s, end: e) else {
                    throw OverblikError.badInput("closure \(c.id) of \(c.roomID ?? c.facilityID ?? "?") has invalid times \(c.startLocal)..\(c.endLocal)")
                }
                return interval
            }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, waiting for other writers at most
    /// ``Database/busyTimeoutMilliseconds`` (30 s) in all. When SQLite reports the store busy, the
    /// whole transaction, checks included, runs again after a short randomised back-off while time
    /// is left; "database is locked" never reaches the caller.
    /// - Throws: whatever `body` throws (nothing written), or ``OverblikError/io(_:)`` naming the
    ///   store when the wait ran out.
    func writeRetrying<T>(_ what: String, _ body: () throws -> T) throws -> T {
        guard let store = sqlite else { return try writeRetryingOnPostgres(what, body) }
        var generator = SystemRandomNumberGenerator()
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(Database.busyTimeoutMilliseconds))
        defer { store.database.setBusyTimeout(milliseconds: Database.busyTimeoutMilliseconds) }
        var attempt = 0
        while true {
            attempt += 1
            let left = deadline - clock.now
            let leftMilliseconds = Int32(clamping: left.components.seconds * 1_000 + left.components.attoseconds / 1_000_000_000_000_000)
            store.database.setBusyTimeout(milliseconds: max(1, leftMilliseconds))
            do {
                return try store.write(body)
            } catch let error as DatabaseError where error.isBusy {
                guard clock.now < deadline else {
                    throw OverblikError.io("\(what): the store \(store.path) is locked by another writer; waited \(Self.lockWaitSeconds) s, nothing was written; try again")
                }
                let ceiling = UInt32(min(2_000, 20 << min(attempt, 10)))
                usleep(1_000 * UInt32.random(in: ceiling / 2...ceiling, using: &generator))
            }
        }
    }

    /// The store's path.
    public var databasePath: String { backend.path }

    /// How long a write waits in all for other writers, in seconds (30, or `$OVERBLIK_LOCK_WAIT_MS`).
    public static var lockWaitSeconds: String { (Double(Database.busyTimeoutMilliseconds) / 1_000).formatted() }

    /// Called when a write finds another writer holding the store's lock and starts to wait
    /// (a front-end tells its user; the wait is at most ``Database/busyTimeoutMilliseconds``).
    public var onLockWait: (() -> Void)? {
        get { sqlite?.lockWaitNotice }
        set { sqlite?.lockWaitNotice = newValue }
    }
}
