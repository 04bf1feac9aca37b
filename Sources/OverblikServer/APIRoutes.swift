import Foundation
import Hummingbird
import Overblik

/// The JSON API under `/api` (contract: `/openapi.json`). Handlers parse, call the facade on a store
/// worker, and render the facade's outcome; no decision is made here.
struct APIRoutes {
    let pool: StorePool
    let metrics: ServerMetrics

    func register(on router: Router<ServerContext>) {
        let api = router.group("api")
        api.get("near", use: near)
        api.get("places", use: places)
        api.get("rooms/:id/free", use: free)
        api.get("rooms/:id/season", use: season)
        api.get("rooms/:id/calendar", use: roomFeed)
        api.get("calendar/:token", use: associationFeed)
        api.get("bookings", use: listBookings)
        api.post("bookings", use: book)
        api.delete("bookings/:id", use: cancel)
        api.get("requests", use: listRequests)
        api.post("requests/:id/approve") { request, context in try await decide(request, context, approve: true) }
        api.post("requests/:id/reject") { request, context in try await decide(request, context, approve: false) }
        api.get("audit", use: audit)
        ClerkRoutes(pool: pool, metrics: metrics).register(on: api)
        CoverageRoutes(pool: pool).register(on: api)
    }

    @Sendable func near(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, NearParameters.keys)
        let data = try await pool.read { try $0.near(NearParameters(parameters)).json() }
        return HTTP.json(data)
    }

    @Sendable func places(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["q", "limit"])
        guard let q = parameters["q"] else { throw OverblikError.badInput("q is required (some letters of a place name)") }
        let limit = try parameters["limit"].map { text -> Int in
            guard let n = Int(text), (1...200).contains(n) else { throw OverblikError.badInput("limit: expected 1 to 200, not '\(text)'") }
            return n
        } ?? 20
        return HTTP.json(try await pool.read { try OverblikJSON.data($0.places(matching: q, limit: limit)) })
    }

    @Sendable func free(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["from", "to", "min_duration"])
        guard let room = context.parameters.get("id") else { throw OverblikError.badInput("room id missing") }
        guard let from = parameters["from"], let to = parameters["to"] else { throw OverblikError.badInput("from and to are required") }
        let minDuration = parameters["min_duration"]
        return HTTP.json(try await pool.read {
            try OverblikJSON.data($0.freeTime(roomID: room, from: from, to: to, minDuration: minDuration))
        })
    }

    @Sendable func season(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["slot", "from", "to"])
        guard let room = context.parameters.get("id") else { throw OverblikError.badInput("room id missing") }
        guard let slot = parameters["slot"], let from = parameters["from"], let to = parameters["to"] else {
            throw OverblikError.badInput("slot, from and to are required (slot=Tu 19:00-21:00&from=2027-01-05&to=2027-06-29)")
        }
        return HTTP.json(try await pool.read { try OverblikJSON.data($0.seasonAvailability(roomID: room, slot: slot, from: from, to: to)) })
    }

    @Sendable func roomFeed(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["from", "to"])
        guard let room = context.parameters.get("id") else { throw OverblikError.badInput("room id missing") }
        let text = try await pool.read { try $0.roomFeed(roomID: room, from: parameters["from"], to: parameters["to"]) }
        return HTTP.text(text, contentType: "text/calendar; charset=utf-8")
    }

    @Sendable func associationFeed(_ request: Request, context: ServerContext) async throws -> Response {
        var token = context.parameters.get("token") ?? ""
        if token.hasSuffix(".ics") { token.removeLast(4) }
        let secret = token
        let text = try await pool.read { try $0.associationFeed(token: secret) }
        return HTTP.text(text, contentType: "text/calendar; charset=utf-8")
    }

    @Sendable func listBookings(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["room", "from", "to", "mine"])
        let mine: Bool
        switch parameters["mine"] {
        case nil, "false": mine = false
        case "true": mine = true
        case let other?: throw OverblikError.badInput("mine: expected true or false, not '\(other)'")
        }
        let account = context.account
        return HTTP.json(try await pool.read {
            try OverblikJSON.data($0.visibleBookings(for: account, roomID: parameters["room"], from: parameters["from"],
                                                     to: parameters["to"], mine: mine))
        })
    }

    @Sendable func book(_ request: Request, context: ServerContext) async throws -> Response {
        guard context.account != nil else { throw AccessDenied.loginRequired("log in (session or Bearer token) to book") }
        let input = try await HTTP.body(BookingInput.self, request, context: context)
        let account = context.account
        do {
            let outcome = try await pool.write { try $0.submitBooking(input, by: account) }
            switch outcome {
            case let .booked(receipt): metrics.count(event: "booked", by: receipt.bookings.count)
            case .requested: metrics.count(event: "requested")
            }
            return try HTTP.json(outcome, status: .created)
        } catch let error as OverblikError {
            if case .conflict = error { metrics.count(event: "conflict") }
            throw error
        }
    }

    @Sendable func cancel(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try HTTP.id(context)
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["series"])
        let series = parameters["series"] == "true"
        let account = context.account
        let receipt = try await pool.write { try $0.cancelBooking(id: id, by: account, wholeSeries: series) }
        metrics.count(event: "cancelled", by: receipt.cancelled.count)
        return try HTTP.json(receipt)
    }

    @Sendable func listRequests(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["status"])
        if let status = parameters["status"], !["pending", "approved", "rejected", "withdrawn"].contains(status) {
            throw OverblikError.badInput("status: expected pending, approved, rejected or withdrawn, not '\(status)'")
        }
        let account = context.account
        return HTTP.json(try await pool.read { try OverblikJSON.data($0.bookingRequests(for: account, status: parameters["status"])) })
    }

    struct DecisionBody: Decodable { var note: String? }

    func decide(_ request: Request, _ context: ServerContext, approve: Bool) async throws -> Response {
        let id = try HTTP.id(context)
        var body: String?
        if request.headers[.contentLength].map({ $0 != "0" }) ?? false {
            body = try await HTTP.body(DecisionBody.self, request, context: context).note
        }
        let note = body
        let account = context.account
        let view = try await pool.write { try $0.decideRequest(id: id, approve: approve, note: note, by: account) }
        metrics.count(event: approve ? "approved" : "rejected")
        return try HTTP.json(view)
    }

    @Sendable func audit(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["limit"])
        let limit = try parameters["limit"].map { text -> Int in
            guard let n = Int(text), (1...10_000).contains(n) else { throw OverblikError.badInput("limit: expected 1 to 10000, not '\(text)'") }
            return n
        } ?? 100
        let account = context.account
        return HTTP.json(try await pool.read { try OverblikJSON.data($0.auditLog(for: account, limit: limit)) })
    }
}
