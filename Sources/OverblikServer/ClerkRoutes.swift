import Foundation
import HTTPTypes
import Hummingbird
import Overblik

/// The clerk's endpoints under `/api`: rooms with their booking policies and the section 21 allocation
/// round. The facade decides who may (clerks only: 401 anonymous, 403 associations) and audits each action.
struct ClerkRoutes {
    let pool: StorePool
    let metrics: ServerMetrics

    /// Applications uploads above this are refused with 413 (a round of a few thousand applications fits).
    static let maxApplicationsSize = 2 * 1024 * 1024

    func register(on api: RouterGroup<ServerContext>) {
        api.get("rooms", use: rooms)
        api.put("rooms/:id/policy", use: setPolicy)
        api.post("allocation", use: allocate)
    }

    @Sendable func rooms(_ request: Request, context: ServerContext) async throws -> Response {
        try HTTP.requireKnown(try HTTP.query(request), [])
        let account = context.account
        return HTTP.json(try await pool.read { try OverblikJSON.data($0.managedRooms(for: account)) })
    }

    struct PolicyBody: Decodable {
        var approval: Bool
        var cancelDeadlineMinutes: Int?
        enum CodingKeys: String, CodingKey { case approval, cancelDeadlineMinutes = "cancel_deadline_minutes" }
    }

    @Sendable func setPolicy(_ request: Request, context: ServerContext) async throws -> Response {
        let account = context.account
        try Overblik.requireClerk(account, to: "set a room's booking policy")   // before reading the body
        guard let room = context.parameters.get("id") else { throw OverblikError.badInput("room id missing") }
        let body = try await HTTP.body(PolicyBody.self, request, context: context)
        let view = try await pool.write {
            try $0.setRoomPolicy(roomID: room, approval: body.approval, cancelDeadlineMinutes: body.cancelDeadlineMinutes ?? 0, by: account)
        }
        return try HTTP.json(view)
    }

    /// `POST /api/allocation?season=FROM..TO&commit=true`: the body is the applications file (CSV or
    /// JSON, as `overblik allocate` reads); the answer is the JSON of `allocate --format json`, and
    /// `Overblik-Bookings-Written` says how many bookings were written (0 without `commit=true`).
    @Sendable func allocate(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["season", "commit"])
        let account = context.account
        try Overblik.requireClerk(account, to: "run the allocation round")   // before reading the body
        let commit: Bool
        switch parameters["commit"] {
        case nil, "false": commit = false
        case "true": commit = true
        case let other?: throw OverblikError.badInput("commit: expected true or false, not '\(other)'")
        }
        let season = try Overblik.allocationSeason(parameters["season"])
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: Self.maxApplicationsSize) } catch {
            throw Problem(status: .contentTooLarge, detail: "the applications are larger than \(Self.maxApplicationsSize) bytes")
        }
        guard buffer.readableBytes > 0 else {
            throw OverblikError.badInput("the body must be the applications (CSV with id,association,activity,participants,slots, or JSON)")
        }
        guard let text = String(bytes: buffer.readableBytesView, encoding: .utf8) else {
            throw OverblikError.badInput("the applications must be UTF-8 text")
        }
        let run = try await pool.write { try $0.allocationRound(applications: text, season: season, dryRun: !commit, by: account) }
        if run.bookingsWritten > 0 { metrics.count(event: "allocated", by: run.bookingsWritten) }
        return HTTP.json(try OverblikJSON.data(run.result), headers: [HTTPField.Name("Overblik-Bookings-Written")!: String(run.bookingsWritten)])
    }
}
