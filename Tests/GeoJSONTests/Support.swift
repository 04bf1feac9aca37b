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
