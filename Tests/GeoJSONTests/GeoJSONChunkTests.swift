import GeoJSON
import GeoTypes
import Testing

@Suite("GeoJSON chunks encoded apart and appended in order")
struct GeoJSONChunkTests {
    static let points = [Coordinate(lon: 9.9217, lat: 57.0488), Coordinate(lon: -0.0, lat: 0), Coordinate(lon: 180, lat: -90),
                         Coordinate(lon: -179.9999995, lat: 89.9999994), Coordinate(lon: 1e-9, lat: -1e-9)]

    static func properties(_ n: Int) -> (inout PropertyWriter) -> Void {
        { p in
            p.string("name", n % 2 == 0 ? "Næsby \"Hal\" \\ 😀\n" : nil)
            p.integer("n", n)
            p.bool("open", n % 3 == 0 ? nil : n % 3 == 1)
        }
    }

    @Test("appending chunks gives the writer's own bytes, for every split of the features",
          arguments: [false, true], [false, true])
    func sameBytes(sequence: Bool, bbox: Bool) throws {
        let count = 12
        for precision in [0, 6, 15] {
            let options = GeoJSONWriterOptions(precision: precision, bbox: bbox)
            let format: GeoJSONWriter<MemoryByteSink>.Format = sequence ? .textSequence : .featureCollection
            let direct = GeoJSONWriter(sink: MemoryByteSink(), format: format, options: options)
            for i in 0..<count {
                let id: FeatureID? = i % 3 == 0 ? nil : (i % 3 == 1 ? .integer(Int64(i)) : .string("f\"\(i)"))
                try direct.writePointFeature(id: id, point: Self.points[i % Self.points.count], properties: Self.properties(i))
            }
            let expected = try direct.finish().bytes
            for size in [1, 2, 5, count] {
                let chunked = GeoJSONWriter(sink: MemoryByteSink(), format: format, options: options)
                var start = 0
                while start < count {
                    let chunk = GeoJSONChunk(options: options, sequence: sequence, firstIndex: start, capacity: 64)
                    for i in start..<min(count, start + size) {
                        let point = Self.points[i % Self.points.count]
                        switch i % 4 {
                        case 0 where i % 3 != 0, 2 where i % 3 != 0:
                            // A text id as bytes (the same text as the writer's string id).
                            let bytes = Array("f\"\(i)".utf8)
                            try bytes.withUnsafeBufferPointer { b in
                                try chunk.writePointFeature(id: i % 3 == 1 ? .integer(Int64(i)) : .utf8(b), point: point,
                                                            properties: Self.properties(i))
                            }
                        default:
                            let id: ChunkFeatureID = i % 3 == 0 ? .none : (i % 3 == 1 ? .integer(Int64(i)) : .string("f\"\(i)"))
                            try chunk.writePointFeature(id: id, point: point, properties: Self.properties(i))
                        }
                    }
                    try chunked.append(chunk)
                    start += size
                }
                #expect(try chunked.finish().bytes == expected, "precision \(precision), chunks of \(size)")
            }
        }
    }

    @Test("a non-finite position is refused with its output index and nothing is written")
    func nonFinite() throws {
        let chunk = GeoJSONChunk(options: GeoJSONWriterOptions(), sequence: true, firstIndex: 7)
        #expect(throws: GeoJSONWriteError.nonFiniteCoordinate(featureIndex: 7)) {
            try chunk.writePointFeature(id: .none, point: Coordinate(lon: .nan, lat: 0)) { _ in }
        }
        #expect(chunk.count == 0 && chunk.byteCount == 0)
    }
}
