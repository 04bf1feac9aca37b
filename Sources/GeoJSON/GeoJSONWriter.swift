public import GeoTypes

/// How a ``GeoJSONWriter`` shapes its output.
public struct GeoJSONWriterOptions: Hashable, Sendable {
    /// Decimals for coordinates (6 ≈ 0.1 m); trailing zeros are trimmed. 0...15.
    public var precision: Int
    /// Write a `bbox` on every feature and on the collection.
    public var bbox: Bool
    /// Rewind rings (exterior counter-clockwise, holes clockwise) and split geometries crossing ±180°.
    public var normalize: Bool

    public init(precision: Int = 6, bbox: Bool = false, normalize: Bool = true) {
        self.precision = max(0, min(15, precision))
        self.bbox = bbox
        self.normalize = normalize
    }
}

/// Why writing GeoJSON failed.
public enum GeoJSONWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A coordinate was NaN or infinite (JSON cannot carry it).
    case nonFiniteCoordinate(featureIndex: Int)
    /// The sink failed.
    case io(ByteSinkError)
    /// ``GeoJSONWriter/write(_:)`` after ``GeoJSONWriter/finish()``.
    case alreadyFinished

    public var description: String {
        switch self {
        case let .nonFiniteCoordinate(index): return "feature \(index): a coordinate is not a finite number"
        case let .io(error): return "writing GeoJSON: \(error)"
        case .alreadyFinished: return "the GeoJSON writer was already finished"
        }
    }
}

/// Streams features as one RFC 7946 FeatureCollection or as an RFC 8142 GeoJSON Text Sequence
/// (each feature prefixed by RS 0x1E and followed by LF), in constant memory.
///
/// No `crs` member is written. Properties are written flat: strings, numbers, booleans and null
/// as they are; nested arrays and objects as strings holding their compact JSON.
///
/// ```swift
/// let writer = GeoJSONWriter(sink: try FileByteSink(path: "out.geojson"))
/// for facility in facilities { try writer.write(facility.feature) }
/// _ = try writer.finish()
/// ```
/// - Complexity: O(size of output); memory is one 256 KiB buffer plus the feature being written.
public final class GeoJSONWriter<Sink: ByteSink> {
    /// Output framing.
    public enum Format: Sendable { case featureCollection, textSequence }

    private var sink: Sink
    /// Owns the output buffer (`props.out`); handed to property closures of ``writePointFeature(id:point:properties:)``.
    private var props: PropertyWriter
    /// Output framing.
    public let format: Format
    /// Precision, bbox and normalisation.
    public let options: GeoJSONWriterOptions
    private var finished = false
    private var collectionBBox: [Double]?
    /// Features written so far.
    public private(set) var featuresWritten = 0

    /// Creates a writer; the collection header is written with the first feature or at ``finish()``.
    public init(sink: Sink, format: Format = .featureCollection, options: GeoJSONWriterOptions = GeoJSONWriterOptions()) {
        self.sink = sink
        self.format = format
        self.options = options
        props = PropertyWriter(out: OutputBuffer(precision: options.precision, capacity: 1 << 18))
    }

    /// Writes one feature.
    /// - Throws: ``GeoJSONWriteError`` for non-finite coordinates (nothing of the feature is written) or sink failures.
    public func write(_ feature: GeoJSONFeature) throws(GeoJSONWriteError) {
        guard !finished else { throw .alreadyFinished }
        var geometry = feature.geometry
        if let g = geometry {
            var finite = true
            g.forEachPosition { if !($0.lon.isFinite && $0.lat.isFinite) { finite = false } }
            guard finite else { throw .nonFiniteCoordinate(featureIndex: featuresWritten) }
            if options.normalize { geometry = g.normalizedForRFC7946() }
        }
        let header: OutputBuffer.FeatureHeader
        switch format {
        case .featureCollection: header = featuresWritten == 0 ? .collectionStart : .separator
        case .textSequence: header = .recordSeparator
        }
        let box = props.out.feature(feature, geometry: geometry, header: header, bbox: options.bbox)
        if let box {
            collectionBBox = collectionBBox.map { [min($0[0], box[0]), min($0[1], box[1]), max($0[2], box[2]), max($0[3], box[3])] } ?? box
        }
        featuresWritten += 1
        if props.out.isFull { try flush() }
    }

    /// Writes one point feature whose properties `body` appends directly (no ``JSONMember`` values):
    /// the fast path for large layers. Output is byte-identical to ``write(_:)`` with the same id,
    /// point and members.
    /// - Parameters:
    ///   - id: the feature id, or nil for none.
    ///   - point: the position.
    ///   - body: writes the members in order.
    /// - Throws: ``GeoJSONWriteError`` for a non-finite position (nothing is written) or sink failures.
    public func writePointFeature(id: FeatureID?, point: Coordinate,
                                  properties body: (inout PropertyWriter) -> Void) throws(GeoJSONWriteError) {
        guard !finished else { throw .alreadyFinished }
        guard point.lon.isFinite && point.lat.isFinite else { throw .nonFiniteCoordinate(featureIndex: featuresWritten) }
        let header: OutputBuffer.FeatureHeader
        switch format {
        case .featureCollection: header = featuresWritten == 0 ? .collectionStart : .separator
        case .textSequence: header = .recordSeparator
        }
        let box = props.out.featureHead(id: id, geometry: .point(point), header: header, bbox: options.bbox)
        props.begin()
        body(&props)
        props.end()
        props.out.featureTail(header: header)
        if let box {
            collectionBBox = collectionBBox.map { [min($0[0], box[0]), min($0[1], box[1]), max($0[2], box[2]), max($0[3], box[3])] } ?? box
        }
        featuresWritten += 1
        if props.out.isFull { try flush() }
    }

    /// Appends the features of a chunk encoded elsewhere: its bytes go to the sink as they are.
    /// - Precondition: the chunk starts at ``featuresWritten`` and was made with this writer's
    ///   format, precision and bbox option.
    /// - Throws: ``GeoJSONWriteError`` when the writer is finished or the sink fails.
    public func append(_ chunk: GeoJSONChunk) throws(GeoJSONWriteError) {
        guard !finished else { throw .alreadyFinished }
        precondition(chunk.firstIndex == featuresWritten && chunk.sequence == (format == .textSequence)
                     && chunk.bbox == options.bbox && chunk.precision == options.precision,
                     "chunk does not continue this writer's output")
        guard chunk.count > 0 else { return }
        try flush()
        do { try sink.write(UnsafeRawBufferPointer(chunk.bytes)) } catch { throw .io(error) }
        if let b = chunk.box {
            collectionBBox = collectionBBox.map { [min($0[0], b.w), min($0[1], b.s), max($0[2], b.e), max($0[3], b.n)] } ?? [b.w, b.s, b.e, b.n]
        }
        featuresWritten += chunk.count
    }

    /// Closes the collection (with its bbox if asked), flushes, and returns the sink.
    public func finish() throws(GeoJSONWriteError) -> Sink {
        guard !finished else { throw .alreadyFinished }
        finished = true
        if format == .featureCollection {
            if featuresWritten == 0 { props.out.ascii("{\"type\":\"FeatureCollection\",\"features\":[") } else { props.out.byte(0x0A) }
            props.out.byte(UInt8(ascii: "]"))
            if options.bbox, let box = collectionBBox {
                props.out.ascii(",\"bbox\":")
                props.out.bbox(box)
            }
            props.out.ascii("}\n")
        }
        try flush()
        return sink
    }

    private func flush() throws(GeoJSONWriteError) {
        do { try props.out.flush(to: &sink) } catch { throw .io(error) }
    }

}

extension OutputBuffer {
    /// Writes any JSON value compactly; non-finite numbers become null.
    mutating func json(_ value: JSONValue) {
        switch value {
        case .null: ascii("null")
        case let .bool(b): b ? ascii("true") : ascii("false")
        case let .integer(i): integer(i)
        case let .number(d):
            if d.isFinite { text(d == d.rounded() && abs(d) < 1e15 ? "\(Int64(d))" : "\(d)") } else { ascii("null") }
        case let .string(s): string(s)
        case let .array(items):
            byte(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { byte(UInt8(ascii: ",")) }
                json(item)
            }
            byte(UInt8(ascii: "]"))
        case let .object(members):
            byte(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { byte(UInt8(ascii: ",")) }
                string(m.key)
                byte(UInt8(ascii: ":"))
                json(m.value)
            }
            byte(UInt8(ascii: "}"))
        }
    }


}
