import Foundation
import GeoJSON
import GeoTypes

enum Fixtures {
    /// The repository root, from this file's path.
    static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    /// The shared reference data (../shared/data from the package root, or /work/shared/data).
    static var dataDirectory: URL {
        let candidates = [packageRoot.appendingPathComponent("../shared/data"), packageRoot.appendingPathComponent("../../shared/data"),
                          URL(fileURLWithPath: "/work/shared/data")]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("README.md").path) }
            ?? candidates[0]
    }

    static var goldenDirectory: URL { packageRoot.appendingPathComponent("Tests/GeoJSONTests/Golden") }

    /// Compares `text` with a golden file; with OVERBLIK_UPDATE_GOLDEN=1 rewrites the file instead.
    static func matchesGolden(_ text: String, named name: String) throws -> Bool {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["OVERBLIK_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return true
        }
        return try String(contentsOf: url, encoding: .utf8) == text
    }

    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "overblik-geojson-\(getpid())-\(name)"
    }
}

func c(_ lon: Double, _ lat: Double) -> Coordinate { Coordinate(lon: lon, lat: lat) }

/// Writes features to memory and returns the text.
func render(_ features: [GeoJSONFeature], format: GeoJSONWriter<MemoryByteSink>.Format = .featureCollection,
            options: GeoJSONWriterOptions = GeoJSONWriterOptions()) throws -> String {
    let writer = GeoJSONWriter(sink: MemoryByteSink(), format: format, options: options)
    for f in features { try writer.write(f) }
    return try writer.finish().text
}
