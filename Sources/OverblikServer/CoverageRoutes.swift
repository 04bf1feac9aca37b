import Foundation
import Hummingbird
import Overblik

/// `GET /api/coverage` and `GET /api/gaps`: the JSON of `overblik coverage --format json` and
/// `gaps --format json` for the same question, parsed, computed and rendered by the facade.
struct CoverageRoutes {
    let pool: StorePool

    func register(on api: RouterGroup<ServerContext>) {
        api.get("coverage", use: coverage)
        api.get("gaps", use: gaps)
    }

    @Sendable func coverage(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, CoverageParameters.coverageKeys)
        // The area measure (source=area, or a store without residents) reads district polygons: SpatiaLite.
        return HTTP.json(try await pool.readSpatial { try $0.coverageJSON(CoverageParameters(parameters)) })
    }

    @Sendable func gaps(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, CoverageParameters.gapsKeys)
        return HTTP.json(try await pool.read { try $0.gapsJSON(CoverageParameters(parameters)) })
    }
}
