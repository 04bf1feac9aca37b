import Foundation
import Hummingbird
import Overblik

/// Small pieces every route uses: query strings as text parameters, JSON bodies and responses.
enum HTTP {
    /// The query string's parameters, percent-decoded (`+` is a space). A repeated key is bad input.
    static func query(_ request: Request) throws -> [String: String] {
        var result: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw OverblikError.badInput("the query string is not valid percent-encoding near '\(pair.prefix(40))'")
            }
            if result[key] != nil { throw OverblikError.badInput("query parameter '\(key)' is given more than once") }
            result[key] = value
        }
        return result
    }

    static func decode(_ text: Substring) -> String? {
        // Most values need no decoding: skip Foundation's (measurably slow) replace and decode then.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) { return String(text) }
        return String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Refuses parameters outside `known`, naming them.
    static func requireKnown(_ parameters: [String: String], _ known: Set<String>) throws {
        let unknown = parameters.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw OverblikError.badInput("unknown query parameter\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); expected \(known.sorted().joined(separator: ", "))")
        }
    }

    /// A JSON response from bytes the facade rendered.
    static func json(_ data: Data, status: HTTPResponse.Status = .ok, contentType: String = "application/json",
                     headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        fields[.cacheControl] = fields[.cacheControl] ?? "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON response of an Encodable outcome, through the facade's one JSON encoding.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        json(try OverblikJSON.data(value), status: status, headers: headers)
    }

    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Decodes a JSON body (at most the context's upload limit).
    static func body<T: Decodable>(_ type: T.Type, _ request: Request, context: ServerContext) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw Problem(status: .contentTooLarge, detail: "the request body is larger than \(context.maxUploadSize) bytes")
        }
        guard buffer.readableBytes > 0 else { throw OverblikError.badInput("a JSON body is required") }
        do { return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView)) } catch let e as DecodingError {
            throw Problem(status: .badRequest, detail: "the JSON body does not match: \(Problem.describe(e))")
        }
    }

    /// A path parameter as a positive integer id.
    static func id(_ context: ServerContext, _ name: String = "id") throws -> Int64 {
        guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else {
            throw OverblikError.badInput("\(name) must be a positive whole number")
        }
        return id
    }
}
