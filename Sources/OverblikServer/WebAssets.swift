import Foundation
import Hummingbird
import Overblik

/// The web app's own files (`Sources/OverblikServer/Web/`, embedded at build time) under `/assets/`,
/// and Debian's Leaflet and Leaflet.markercluster (libjs-leaflet, libjs-leaflet.markercluster) under
/// `/vendor/leaflet/`, read from the system's JavaScript folder. Nothing comes from a CDN; when the
/// Debian packages are missing `/vendor/` answers 404 and the pages show the list with a message.
struct WebAssets {
    /// The system's JavaScript folder (`/usr/share/javascript`).
    let javascriptDirectory: String

    /// The embedded files by name, with their media types.
    static let files: [String: (bytes: [UInt8], type: String)] = [
        "app.css": (PackageResources.app_css, "text/css; charset=utf-8"),
        "common.js": (PackageResources.common_js, "text/javascript; charset=utf-8"),
        "i18n.js": (PackageResources.i18n_js, "text/javascript; charset=utf-8"),
        "find.js": (PackageResources.find_js, "text/javascript; charset=utf-8"),
        "map.js": (PackageResources.map_js, "text/javascript; charset=utf-8"),
        "room.js": (PackageResources.room_js, "text/javascript; charset=utf-8"),
        "mine.js": (PackageResources.mine_js, "text/javascript; charset=utf-8"),
        "desk.js": (PackageResources.desk_js, "text/javascript; charset=utf-8"),
        "planner.js": (PackageResources.planner_js, "text/javascript; charset=utf-8"),
    ]

    static let developmentDirectory = ProcessInfo.processInfo.environment["OVERBLIK_WEB_DIR"].flatMap { $0.isEmpty ? nil : $0 }

    /// The vendor files the pages load (a fixed list: nothing else under the folder is served).
    static let vendorFiles: Set<String> = [
        "leaflet.min.js", "leaflet.css", "leaflet.markercluster.min.js", "MarkerCluster.css", "MarkerCluster.Default.css",
        "images/layers.png", "images/layers-2x.png", "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png",
    ]

    func register(on router: Router<ServerContext>) {
        router.get("assets/:name") { _, context -> Response in
            guard let name = context.parameters.get("name"), let file = Self.files[name] else {
                throw OverblikError.notFound(what: "asset", suggestions: [])
            }
            // `OVERBLIK_WEB_DIR` (development): the files are read from that folder, so edits show without a rebuild.
            let bytes = Self.developmentDirectory.flatMap { FileManager.default.contents(atPath: "\($0)/\(name)") }.map { [UInt8]($0) } ?? file.bytes
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("vendor/leaflet/:name") { request, context in
            try vendor(context.parameters.get("name") ?? "", request)
        }
        router.get("vendor/leaflet/images/:name") { request, context in
            try vendor("images/" + (context.parameters.get("name") ?? ""), request)
        }
    }

    /// A vendor file, gzip-compressed when Debian ships a `.gz` beside it and the browser accepts gzip.
    func vendor(_ name: String, _ request: Request) throws -> Response {
        guard Self.vendorFiles.contains(name) else { throw OverblikError.notFound(what: "vendor file '\(name)'", suggestions: []) }
        let candidates = ["leaflet", "leaflet.markercluster"].map { "\(javascriptDirectory)/\($0)/\(name)" }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw OverblikError.notFound(what: "\(name) (install libjs-leaflet and libjs-leaflet.markercluster)", suggestions: [])
        }
        let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : name.hasSuffix(".css") ? "text/css; charset=utf-8" : "image/png"
        var headers: HTTPFields = [.contentType: type, .cacheControl: "public, max-age=86400"]
        let acceptsGzip = request.headers[.acceptEncoding]?.contains("gzip") ?? false
        if acceptsGzip, let data = FileManager.default.contents(atPath: path + ".gz") {
            headers[.contentEncoding] = "gzip"
            headers[.vary] = "Accept-Encoding"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OverblikError.notFound(what: "vendor file '\(name)'", suggestions: [])
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
