import Foundation
public import Scheduling
import Store

extension Overblik {
    /// The days a room's free/busy feed covers when no window is given.
    public static let feedDays = 120

    /// A room's free time as an RFC 5545 VFREEBUSY feed (no holder is named): from `from` (default
    /// now) to `to` (default ``feedDays`` later), local times.
    public func roomFeed(roomID: String, from: String?, to: String?, now: UTCInstant = Overblik.currentInstant()) throws -> String {
        let start = try from.map { try Self.serviceTime($0, field: "from") } ?? CopenhagenTime.localTime(at: now)
        let end = try to.map { try Self.serviceTime($0, field: "to") } ?? start.adding(minutes: Self.feedDays * 1440)
        return Self.iCalendar(free: try freeTime(roomID: roomID, from: start, to: end), stamp: now)
    }

    /// An association's bookings as an RFC 5545 calendar, for the private feed URL of a `calendar`
    /// token (`overblik users token NAME --calendar`); bookings from a year back on.
    /// - Throws: ``AccessDenied/loginRequired(_:)`` for an unknown token.
    public func associationFeed(token: String, now: UTCInstant = Overblik.currentInstant()) throws -> String {
        guard let account = try account(token: token, purpose: "calendar") else {
            throw AccessDenied.loginRequired("this calendar address is not valid (ask for a new one)")
        }
        let since = CopenhagenTime.localTime(at: now).adding(minutes: -366 * 1440)
        let own = try backend.bookings(fromUTC: CopenhagenTime.instant(of: since).secondsSince1970, toUTC: nil)
            .map(Booking.init).filter { $0.holder == account.holder }
        return try iCalendar(bookings: own, stamp: now)
    }
}
