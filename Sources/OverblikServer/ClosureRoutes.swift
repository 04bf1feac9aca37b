import Foundation
import Hummingbird
import Overblik

/// The clerk's closures under `/api/closures`: list, add, remove. Every change is audited in the
/// transaction that makes it (the facade's `addClosure(_:by:)` and `removeClosure(id:by:)`).
struct ClosureRoutes {
    let pool: StorePool

    func register(on router: Router<ServerContext>) {
        router.get("api/closures", use: list)
        router.post("api/closures", use: add)
        router.delete("api/closures/:id", use: remove)
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["facility"])
        let account = context.account
        return HTTP.json(try await pool.read { try OverblikJSON.data($0.closures(for: account, facilityID: parameters["facility"])) })
    }

    @Sendable func add(_ request: Request, context: ServerContext) async throws -> Response {
        guard context.account != nil else { throw AccessDenied.loginRequired("log in as a clerk to add closures") }
        let input = try await HTTP.body(ClosureInput.self, request, context: context)
        let account = context.account
        return try HTTP.json(try await pool.write { try $0.addClosure(input, by: account) }, status: .created)
    }

    @Sendable func remove(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try HTTP.id(context)
        let account = context.account
        try await pool.write { try $0.removeClosure(id: id, by: account) }
        return Response(status: .noContent)
    }
}
