import Formats
import Foundation
import GeoJSON
import GeoTypes

/// What an OpenStreetMap read asks of its caller: which tags make a feature worth reading, and
/// where the others go (counted, never silently dropped).
struct OSMHooks {
    var wanted: ([String: String]) -> Bool
    var skipped: (OSMElementID, [String: String], OSMSkipReason) -> Void
}

extension RecordSource {
    /// TopoJSON objects as records, like GeoJSON features.
    func readTopoJSON(_ body: (ImportRecord) throws -> Void) throws {
        let features: [GeoJSONFeature]
        do {
            features = try TopoJSONReader(path: path).features()
        } catch {
            throw ImportError(problems: [ImportProblem(RecordPosition(file: path, line: error.position.line), expected: error.description)])
        }
        for (index, feature) in features.enumerated() {
            var fields: [String: String] = [:]
            for member in feature.properties {
                fields[member.key] = Self.text(member.value) ?? ""
            }
            if let id = feature.id, fields["id"] == nil { fields["id"] = id.description }
            try body(ImportRecord(position: RecordPosition(file: path, feature: index), fields: fields,
                                  geometry: Self.recordGeometry(feature.geometry)))
        }
    }

    /// OpenStreetMap features (tagged nodes, centroids of closed ways and multipolygons) as
    /// records whose fields are the tags plus `id` (`node/1`, `way/2`, `relation/3`).
    func readOSM(_ hooks: OSMHooks, _ body: (ImportRecord) throws -> Void) throws {
        do {
            let source: any OSMElementSource = kind == .osmPBF ? try OSMPBFReader(path: path) : try OSMXMLReader(path: path)
            var index = 0
            try withoutActuallyEscaping(body) { body in
            try OSMFeatureReader(source: source).read(wanted: hooks.wanted, feature: { feature in
                var fields = feature.tags
                fields["id"] = feature.id.description
                try body(ImportRecord(position: RecordPosition(file: path, feature: index, element: feature.id.description), fields: fields,
                                      geometry: .point(x: feature.location.lon, y: feature.location.lat)))
                index += 1
            }, skipped: hooks.skipped)
            }
        } catch let error as OSMError {
            throw ImportError(problems: [ImportProblem(RecordPosition(file: path), expected: "\(error.location): \(error.message)")])
        }
    }
}
