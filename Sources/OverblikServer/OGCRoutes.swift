import Foundation
import Hummingbird
import Overblik

/// OGC API - Features Part 1 (Core, GeoJSON) under `/ogc`: landing page, conformance, collections,
/// items with `bbox`, `limit` and `offset` paging (`next`/`prev` links), single items. The features
/// come from the facade; this file adds the links, which depend on the address the client used.
struct OGCRoutes {
    let pool: StorePool
    static let defaultLimit = 100
    static let maximumLimit = 10_000

    func register(on router: Router<ServerContext>) {
        router.get("ogc", use: landing)
        router.get("ogc/conformance", use: conformance)
        router.get("ogc/collections", use: collections)
        router.get("ogc/collections/:collection", use: collection)
        router.get("ogc/collections/:collection/items", use: items)
        router.get("ogc/collections/:collection/items/:featureId", use: item)
    }

    static func base(_ request: Request) -> String {
        let host = request.head.authority ?? "127.0.0.1"
        return "http://\(host)/ogc"
    }

    static func link(_ href: String, _ rel: String, _ type: String, _ title: String? = nil) -> [String: String] {
        var l = ["href": href, "rel": rel, "type": type]
        if let title { l["title"] = title }
        return l
    }

    static func respond(_ object: Any, contentType: String = "application/json") throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return HTTP.json(data, contentType: contentType)
    }

    static func collectionParameter(_ context: ServerContext) throws -> OGCCollection {
        let name = context.parameters.get("collection") ?? ""
        guard let c = OGCCollection(rawValue: name) else {
            throw OverblikError.notFound(what: "collection '\(name)'", suggestions: OGCCollection.allCases.map(\.rawValue))
        }
        return c
    }

    @Sendable func landing(_ request: Request, context: ServerContext) async throws -> Response {
        let base = Self.base(request)
        return try Self.respond([
            "title": "Overblik: municipal premises for associations",
            "description": "Live facility, room, district, coverage and gap layers (OGC API - Features).",
            "links": [
                Self.link(base, "self", "application/json", "this document"),
                Self.link(base.replacingOccurrences(of: "/ogc", with: "/openapi.json"), "service-desc", "application/vnd.oai.openapi+json;version=3.1", "the API definition"),
                Self.link(base + "/conformance", "conformance", "application/json", "conformance classes"),
                Self.link(base + "/collections", "data", "application/json", "collections"),
            ],
        ])
    }

    @Sendable func conformance(_ request: Request, context: ServerContext) async throws -> Response {
        try Self.respond(["conformsTo": [
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        ]])
    }

    func describe(_ c: OGCCollection, base: String) -> [String: Any] {
        [
            "id": c.rawValue, "title": c.title, "description": c.summary, "itemType": "feature",
            "crs": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"],
            "links": [
                Self.link("\(base)/collections/\(c.rawValue)", "self", "application/json"),
                Self.link("\(base)/collections/\(c.rawValue)/items", "items", "application/geo+json", c.title),
            ],
        ]
    }

    @Sendable func collections(_ request: Request, context: ServerContext) async throws -> Response {
        let base = Self.base(request)
        return try Self.respond([
            "links": [Self.link(base + "/collections", "self", "application/json")],
            "collections": OGCCollection.allCases.map { describe($0, base: base) },
        ])
    }

    @Sendable func collection(_ request: Request, context: ServerContext) async throws -> Response {
        try Self.respond(describe(try Self.collectionParameter(context), base: Self.base(request)))
    }

    @Sendable func items(_ request: Request, context: ServerContext) async throws -> Response {
        let c = try Self.collectionParameter(context)
        let parameters = try HTTP.query(request)
        try HTTP.requireKnown(parameters, ["bbox", "limit", "offset", "f"])
        let limit = try Self.integer(parameters["limit"], name: "limit", range: 1...Self.maximumLimit) ?? Self.defaultLimit
        let offset = try Self.integer(parameters["offset"], name: "offset", range: 0...Int(Int32.max)) ?? 0
        var box: [Double]?
        if let text = parameters["bbox"] {
            let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == 4, numbers.allSatisfy({ $0 != nil }) else {
                throw OverblikError.badInput("bbox: expected four numbers minLon,minLat,maxLon,maxLat, not '\(text)'")
            }
            box = numbers.map { $0! }
        }
        let bbox = box
        let page = try await pool.readSpatial { try $0.ogcItems(c, bbox: bbox, limit: limit, offset: offset) }
        let base = "\(Self.base(request))/collections/\(c.rawValue)/items"
        func href(_ offset: Int) -> String {
            var query = "limit=\(limit)&offset=\(offset)"
            if let text = parameters["bbox"] { query += "&bbox=" + (text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? text) }
            return base + "?" + query
        }
        var links = [Self.link(href(offset), "self", "application/geo+json")]
        if offset + page.features.count < page.numberMatched { links.append(Self.link(href(offset + limit), "next", "application/geo+json")) }
        if offset > 0 { links.append(Self.link(href(max(0, offset - limit)), "prev", "application/geo+json")) }
        let linksJSON = String(decoding: try JSONSerialization.data(withJSONObject: links, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        let body = "{\"type\":\"FeatureCollection\",\"timeStamp\":\"\(page.timeStamp)\",\"numberMatched\":\(page.numberMatched),"
            + "\"numberReturned\":\(page.features.count),\"links\":\(linksJSON),\"features\":[" + page.features.joined(separator: ",") + "]}"
        return HTTP.json(Data(body.utf8), contentType: "application/geo+json")
    }

    @Sendable func item(_ request: Request, context: ServerContext) async throws -> Response {
        let c = try Self.collectionParameter(context)
        let id = context.parameters.get("featureId") ?? ""
        let feature = try await pool.readSpatial { try $0.ogcItem(c, id: id) }
        return HTTP.json(Data(feature.utf8), contentType: "application/geo+json")
    }

    static func integer(_ text: String?, name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw OverblikError.badInput("\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return n
    }
}
