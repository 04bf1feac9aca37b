import Foundation
import Store

/// Where a layer's data came from, recorded by every import in the import's own transaction, so that
/// every map and page can name its sources (GeoNames and OpenStreetMap ask for it) and say how fresh
/// they are.
public struct DataSource: Codable, Sendable, Equatable {
    /// The layer (`facilities`, `districts`, `network`, ...).
    public var layer: String
    /// The imported file's name (without its folder).
    public var file: String
    /// Who the data is from and its licence (`--attribution`), when known.
    public var attribution: String?
    /// When it was imported, local Copenhagen time `YYYY-MM-DDTHH:MM`.
    public var importedAt: String

    enum CodingKeys: String, CodingKey {
        case layer, file, attribution
        case importedAt = "imported_at"
    }
}

extension Overblik {
    /// The recorded source of every imported layer, in layer order.
    /// - Throws: store errors.
    public func dataSources() throws -> [DataSource] {
        try backend.metas(prefix: Self.sourceKeyPrefix).compactMap { try? JSONDecoder().decode(DataSource.self, from: Data($0.value.utf8)) }
    }

    static let sourceKeyPrefix = "source:"

    /// Records the source of `layer`; call inside the import's write transaction. Without an
    /// attribution, a re-import of the same layer keeps the one recorded before; OpenStreetMap files
    /// are attributed to OpenStreetMap unless one is given.
    func recordSource(_ layer: String, path: String, attribution: String?, osm: Bool) throws {
        let key = Self.sourceKeyPrefix + layer
        var text = attribution?.trimmingCharacters(in: .whitespacesAndNewlines)
        if text?.isEmpty ?? true {
            text = osm ? "© OpenStreetMap contributors (ODbL)"
                : try backend.meta(key).flatMap { try? JSONDecoder().decode(DataSource.self, from: Data($0.utf8)) }?.attribution
        }
        let source = DataSource(layer: layer, file: URL(fileURLWithPath: path).lastPathComponent, attribution: text,
                                importedAt: Self.localNow().description)
        try backend.setMeta(key, String(decoding: try JSONEncoder().encode(source), as: UTF8.self))
    }
}

extension PageWords {
    /// The layers' names on a page.
    static let layerNames: [String: (danish: String, english: String)] = [
        "facilities": ("lokaler", "premises"), "rooms": ("rum", "rooms"), "settlements": ("byer", "towns"),
        "population": ("befolkning", "population"), "districts": ("distrikter", "districts"),
        "urban-areas": ("byområder", "urban areas"), "network": ("vejnet", "road network"),
    ]

    /// The sources line of a page: each layer with its attribution (or file) and import date, e.g.
    /// `lokaler: Aalborg Kommune (7.12.2026); byer: GeoNames, CC BY 4.0 (7.12.2026)`. Without recorded
    /// sources (a store imported before they were recorded), the sample's fixed text.
    public static func attribution(_ sources: [DataSource], english: Bool) -> String {
        guard !sources.isEmpty else { return english ? dataAttribution.english : dataAttribution.danish }
        return sources.map { s in
            let name = layerNames[s.layer].map { english ? $0.english : $0.danish } ?? s.layer
            let date = danishTime(s.importedAt).split(separator: " ").first.map(String.init) ?? s.importedAt
            return "\(name): \(s.attribution ?? s.file) (\(english ? "imported" : "importeret") \(date))"
        }.joined(separator: "; ")
    }
}
