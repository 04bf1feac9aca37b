import Foundation
import Hummingbird
import Overblik

/// `POST /api/calendar-link`: a signed-in account gets a new private iCalendar feed URL of its own
/// bookings (`/api/calendar/TOKEN.ics`, "add to calendar" on My bookings). Only the token's digest is
/// stored, so the URL is shown once; each call issues another.
struct CalendarLinkRoutes {
    let pool: StorePool

    func register(on router: Router<ServerContext>) {
        router.post("api/calendar-link") { _, context -> Response in
            guard let account = context.account else { throw AccessDenied.loginRequired("log in to get your calendar link") }
            let token = try await pool.write { try $0.issueToken(name: account.name, purpose: "calendar") }
            struct Link: Encodable { var url: String }
            return try HTTP.json(Link(url: "/api/calendar/\(token).ics"), status: .created)
        }
    }
}
