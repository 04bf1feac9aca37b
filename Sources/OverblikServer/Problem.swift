import Foundation
import Hummingbird
import Logging
import Overblik

/// An RFC 9457 problem details response (`application/problem+json`): `{type, title, status, detail}`.
struct Problem: Error, Sendable {
    var status: HTTPResponse.Status
    var detail: String
    var headers: HTTPFields = [:]

    var type: String { "https://overblik.dk/problems/\(status.code)" }

    func response() -> Response {
        struct Body: Encodable {
            var type: String
            var title: String
            var status: Int
            var detail: String
        }
        let body = Body(type: type, title: status.reasonPhrase, status: status.code, detail: detail)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        // Keys sorted and slashes unescaped, so every process writes the same bytes for one problem.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data("{}".utf8)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The problem for any error a handler threw: the facade's classification decides the status.
    static func from(_ error: Error, logger: Logger) -> Problem {
        switch error {
        case let p as Problem: return p
        case let e as OverblikError:
            switch e {
            case .notFound: return Problem(status: .notFound, detail: e.description)
            case .badInput: return Problem(status: .badRequest, detail: e.description)
            case .conflict: return Problem(status: .conflict, detail: e.description)
            case .io:
                logger.error("store: \(e.description)")
                return Problem(status: .serviceUnavailable, detail: e.description, headers: [.retryAfter: "1"])
            }
        case let e as AccessDenied:
            switch e {
            case .loginRequired:
                return Problem(status: .unauthorized, detail: e.description, headers: [.wwwAuthenticate: "Bearer realm=\"overblik\""])
            case .forbidden: return Problem(status: .forbidden, detail: e.description)
            case let .tooManyAttempts(seconds):
                return Problem(status: .tooManyRequests, detail: e.description, headers: [.retryAfter: String(seconds)])
            }
        case let e as HTTPError:
            return Problem(status: e.status, detail: e.body ?? e.status.reasonPhrase)
        case let e as DecodingError:
            return Problem(status: .badRequest, detail: "the JSON body does not match: \(Self.describe(e))")
        default:
            // Typed errors of the pure modules (times, hours, distances) are bad input; anything
            // else is a fault of ours, logged in full and answered without internals.
            let name = String(describing: Swift.type(of: error))
            if name.hasSuffix("Error") && !name.contains("Database") {
                return Problem(status: .badRequest, detail: String(describing: error))
            }
            logger.error("unexpected error: \(String(reflecting: error))")
            return Problem(status: .internalServerError, detail: "an internal error occurred; it has been logged")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, _): return "member '\(key.stringValue)' is required"
        case let .typeMismatch(_, c), let .valueNotFound(_, c):
            return "member '\(c.codingPath.map(\.stringValue).joined(separator: "."))': \(c.debugDescription)"
        case let .dataCorrupted(c): return c.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

/// Turns every error thrown below it into problem details.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Problem.from(error, logger: context.logger).response()
        }
    }
}
