import Facilities
import Foundation
public import GeoJSON

/// Where the web map page gets Leaflet from.
public enum LeafletSource: Sendable, Hashable {
    /// The unpkg CDN (needs a network connection when the page is opened).
    case cdn
    /// A local Leaflet folder (leaflet.js, leaflet.css, images/, as Debian's libjs-leaflet installs in
    /// /usr/share/javascript/leaflet), inlined into the page so that it works offline from file://.
    case directory(String)
}

/// Choices for `overblik map`.
public struct WebMapOptions: Sendable {
    public var leaflet: LeafletSource
    /// Tile URL template for the base layer; nil draws no base layer (fully offline pages).
    public var tiles: String?
    /// Page title.
    public var title: String
    /// Coordinate decimals of the embedded layers.
    public var precision: Int
    /// The local time "open now" and "next free" were computed for (`2026-12-07T17:05`), shown as "pr. ...".
    public var asOf: String?
    /// The store's recorded data sources (``Overblik/dataSources()``), named on the page.
    public var sources: [DataSource] = []

    public init(leaflet: LeafletSource = .cdn, tiles: String? = WebMapOptions.openStreetMapTiles,
                title: String = "Overblik", precision: Int = 6) {
        self.leaflet = leaflet
        self.tiles = tiles
        self.title = title
        self.precision = precision
    }

    /// The OpenStreetMap standard tile layer.
    public static let openStreetMapTiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    /// Debian's libjs-leaflet folder when it is installed (inlined: the page works offline), else the CDN.
    public static var defaultLeaflet: LeafletSource {
        let debian = "/usr/share/javascript/leaflet"
        return FileManager.default.fileExists(atPath: "\(debian)/leaflet.js") ? .directory(debian) : .cdn
    }
    /// The Leaflet version loaded from the CDN.
    public static let cdnVersion = "1.9.4"
}

/// Why a web map could not be built.
public struct WebMapError: Error, Sendable, CustomStringConvertible {
    /// The file that could not be read.
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// One self-contained HTML page: districts coloured by coverage share (or rural/urban), facilities
/// as circle markers coloured by kind with a popup (name, kind, accessibility, free times, contact),
/// a legend and a layer switcher. The layers are embedded as JavaScript, so the page works from
/// file:// without fetch.
public struct WebMap {
    public var facilities: [GeoJSONFeature]
    public var districts: [GeoJSONFeature]
    /// Whether the districts carry coverage shares (`share_*`); else they are coloured rural/urban.
    public var coverageLabel: String?
    public var options: WebMapOptions

    /// Lines under the legend's title: the reach and the source of the rural class.
    public var legendNotes: [String] = []

    public init(facilities: [GeoJSONFeature], districts: [GeoJSONFeature], coverageLabel: String? = nil,
                legendNotes: [String] = [], options: WebMapOptions) {
        self.legendNotes = legendNotes
        self.facilities = facilities
        self.districts = districts
        self.coverageLabel = coverageLabel
        self.options = options
    }

    /// The HTML page.
    /// - Throws: ``WebMapError`` when a local Leaflet file cannot be read; ``GeoJSONWriteError``.
    public func html() throws -> String {
        let page = try parts()
        return page.beforeFacilities + (try embed(facilities)) + page.afterFacilities
    }

    /// Writes the page into `sink` with the facility features that `streamFacilities` writes to the
    /// writer it is given, instead of ``facilities``: the page holds no more than one feature of the
    /// layer at a time, and its bytes are those of ``html()`` with those features.
    /// - Returns: the number of facility features written.
    /// - Throws: ``WebMapError``, ``GeoJSONWriteError``, ``ByteSinkError``, and whatever `streamFacilities` throws.
    public func write<S: ByteSink>(to sink: S, facilities streamFacilities: (GeoJSONWriter<EmbeddedJSONSink<S>>) throws -> Void) throws -> Int {
        let page = try parts()
        var out = sink
        try Self.write(page.beforeFacilities, to: &out)
        let writer = GeoJSONWriter(sink: EmbeddedJSONSink(base: out), options: GeoJSONWriterOptions(precision: options.precision))
        try streamFacilities(writer)
        let count = writer.featuresWritten
        var escaped = try writer.finish()
        var tail = try escaped.finish()
        try Self.write(page.afterFacilities, to: &tail)
        return count
    }

    /// The page around the facilities layer: everything before its JSON and everything after it.
    private func parts() throws -> (beforeFacilities: String, afterFacilities: String) {
        let head: String
        switch options.leaflet {
        case .cdn:
            let base = "https://unpkg.com/leaflet@\(WebMapOptions.cdnVersion)/dist"
            head = "<link rel=\"stylesheet\" href=\"\(base)/leaflet.css\">\n<script src=\"\(base)/leaflet.js\"></script>"
        case let .directory(dir):
            let css = try Self.inlineImages(in: Self.read("\(dir)/leaflet.css"), directory: dir)
            let js = try Self.read("\(dir)/leaflet.js").replacingOccurrences(of: "</script", with: "<\\/script")
            head = "<style>\n\(css)\n</style>\n<script>\n\(js)\n</script>"
        }
        var page = Self.template
        page = page.replacingOccurrences(of: "%TITLE%", with: Self.escapeHTML(options.title))
        page = page.replacingOccurrences(of: "%LEAFLET%", with: head)
        var data = ";\n"
        data += "const DISTRICTS = \(try embed(districts));\n"
        data += "const SHARE_KEY = \(coverageLabel.map { EmbeddedJSON.string("share_\($0)") } ?? "null");\n"
        data += "const TILES = \(options.tiles.map(EmbeddedJSON.string) ?? "null");\n"
        data += "const KIND_COLORS = {" + FacilityKind.allCases.map { "\"\($0.rawValue)\": \"\(MapStyle.color(of: $0))\"" }
            .joined(separator: ", ") + "};\n"
        data += "const SHARE_CLASSES = [" + MapStyle.shareClasses.map { "[\($0.from), \"\($0.color)\"]" }.joined(separator: ", ") + "];\n"
        data += "const RURAL_COLORS = {rural: \"\(MapStyle.fill(rural: true))\", urban: \"\(MapStyle.fill(rural: false))\"};\n"
        data += "const NO_RESIDENTS_COLOR = \"\(MapStyle.noResidents)\";\n"
        data += "const KIND_NAMES = {" + PageWords.kinds.map { "\"\($0.kind)\": \(EmbeddedJSON.string($0.danish))" }.joined(separator: ", ") + "};\n"
        data += "const AS_OF = \(options.asOf.map { EmbeddedJSON.string(PageWords.danishTime($0)) } ?? "null");\n"
        data += "const DATA_ATTRIBUTION = \(EmbeddedJSON.string(PageWords.attribution(options.sources, english: false)));\n"
        data += "const LEGEND_NOTES = [" + legendNotes.map(EmbeddedJSON.string).joined(separator: ", ") + "];\n"
        let marker = page.range(of: "%DATA%")!
        return (String(page[..<marker.lowerBound]) + "const FACILITIES = ", data + String(page[marker.upperBound...]))
    }

    /// A FeatureCollection as JavaScript text (safe inside a script element).
    private func embed(_ features: [GeoJSONFeature]) throws -> String {
        let writer = GeoJSONWriter(sink: EmbeddedJSONSink(base: MemoryByteSink()), options: GeoJSONWriterOptions(precision: options.precision))
        for f in features { try writer.write(f) }
        var escaped = try writer.finish()
        return try escaped.finish().text
    }

    private static func write<S: ByteSink>(_ text: String, to sink: inout S) throws {
        var text = text
        try text.withUTF8 { try sink.write(UnsafeRawBufferPointer($0)) }
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WebMapError(path: path, reason: "cannot read (is libjs-leaflet installed, or does --leaflet name a Leaflet folder?)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Replaces `url(images/NAME)` by data URIs, so the inlined stylesheet needs no files beside the page.
    static func inlineImages(in css: String, directory: String) -> String {
        var result = css
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/images") else { return result }
        for name in names where name.hasSuffix(".png") {
            guard let data = FileManager.default.contents(atPath: "\(directory)/images/\(name)") else { continue }
            result = result.replacingOccurrences(of: "url(images/\(name))", with: "url(data:image/png;base64,\(data.base64EncodedString()))")
        }
        return result
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
