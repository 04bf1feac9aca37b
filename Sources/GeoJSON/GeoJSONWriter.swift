import GeoTypes

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
/// - Complexity: O(size of output); memory is one 64 KiB buffer plus the feature being written.
public final class GeoJSONWriter<Sink: ByteSink> {
    /// Output framing.
    public enum Format: Sendable { case featureCollection, textSequence }

    private var sink: Sink
    private var out = OutputBuffer()
    private let format: Format
    private let options: GeoJSONWriterOptions
    private let scale: Double
    private var finished = false
    private var collectionBBox: [Double]?
    /// Features written so far.
    public private(set) var featuresWritten = 0

    /// Creates a writer; the collection header is written with the first feature or at ``finish()``.
    public init(sink: Sink, format: Format = .featureCollection, options: GeoJSONWriterOptions = GeoJSONWriterOptions()) {
        self.sink = sink
        self.format = format
        self.options = options
        var s = 1.0
        for _ in 0..<options.precision { s *= 10 }
        scale = s
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
        switch format {
        case .featureCollection:
            if featuresWritten == 0 { out.ascii("{\"type\":\"FeatureCollection\",\"features\":[\n") } else { out.ascii(",\n") }
        case .textSequence:
            out.byte(0x1E)
        }
        out.ascii("{\"type\":\"Feature\"")
        if let id = feature.id {
            out.ascii(",\"id\":")
            switch id {
            case let .integer(i): out.integer(i)
            case let .string(s): out.string(s)
            }
        }
        out.ascii(",\"geometry\":")
        if let geometry { writeGeometry(geometry) } else { out.ascii("null") }
        if options.bbox, let box = geometry?.bbox {
            out.ascii(",\"bbox\":")
            writeBBox(box)
            collectionBBox = collectionBBox.map { [min($0[0], box[0]), min($0[1], box[1]), max($0[2], box[2]), max($0[3], box[3])] } ?? box
        }
        out.ascii(",\"properties\":")
        writeProperties(feature.properties)
        out.byte(UInt8(ascii: "}"))
        if format == .textSequence { out.byte(0x0A) }
        featuresWritten += 1
        if out.isFull { try flush() }
    }

    /// Closes the collection (with its bbox if asked), flushes, and returns the sink.
    public func finish() throws(GeoJSONWriteError) -> Sink {
        guard !finished else { throw .alreadyFinished }
        finished = true
        if format == .featureCollection {
            if featuresWritten == 0 { out.ascii("{\"type\":\"FeatureCollection\",\"features\":[") } else { out.byte(0x0A) }
            out.byte(UInt8(ascii: "]"))
            if options.bbox, let box = collectionBBox {
                out.ascii(",\"bbox\":")
                writeBBox(box)
            }
            out.ascii("}\n")
        }
        try flush()
        return sink
    }

    private func flush() throws(GeoJSONWriteError) {
        do { try out.flush(to: &sink) } catch { throw .io(error) }
    }

    // MARK: - Pieces

    private func writeBBox(_ box: [Double]) {
        out.byte(UInt8(ascii: "["))
        for (i, v) in box.enumerated() {
            if i > 0 { out.byte(UInt8(ascii: ",")) }
            out.fixed(v, precision: options.precision, scale: scale)
        }
        out.byte(UInt8(ascii: "]"))
    }

    @inline(__always)
    private func writePosition(_ c: Coordinate) {
        out.byte(UInt8(ascii: "["))
        out.fixed(c.lon, precision: options.precision, scale: scale)
        out.byte(UInt8(ascii: ","))
        out.fixed(c.lat, precision: options.precision, scale: scale)
        out.byte(UInt8(ascii: "]"))
    }

    private func writePositions(_ positions: [Coordinate]) {
        out.byte(UInt8(ascii: "["))
        for (i, p) in positions.enumerated() {
            if i > 0 { out.byte(UInt8(ascii: ",")) }
            writePosition(p)
        }
        out.byte(UInt8(ascii: "]"))
    }

    private func writeList<T>(_ items: [T], _ body: (T) -> Void) {
        out.byte(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.byte(UInt8(ascii: ",")) }
            body(item)
        }
        out.byte(UInt8(ascii: "]"))
    }

    private func writeGeometry(_ geometry: GeoJSONGeometry) {
        out.ascii("{\"type\":")
        out.string(geometry.typeName)
        if case let .geometryCollection(parts) = geometry {
            out.ascii(",\"geometries\":")
            writeList(parts, writeGeometry)
            out.byte(UInt8(ascii: "}"))
            return
        }
        out.ascii(",\"coordinates\":")
        switch geometry {
        case let .point(p): writePosition(p)
        case let .multiPoint(ps), let .lineString(ps): writePositions(ps)
        case let .multiLineString(lines), let .polygon(lines): writeList(lines, writePositions)
        case let .multiPolygon(polygons): writeList(polygons) { writeList($0, writePositions) }
        case .geometryCollection: break
        }
        out.byte(UInt8(ascii: "}"))
    }

    private func writeProperties(_ properties: [JSONMember]) {
        out.byte(UInt8(ascii: "{"))
        for (i, member) in properties.enumerated() {
            if i > 0 { out.byte(UInt8(ascii: ",")) }
            out.string(member.key)
            out.byte(UInt8(ascii: ":"))
            switch member.value {
            case .array, .object:
                var nested = OutputBuffer(capacity: 256)
                nested.json(member.value)
                out.string(String(decoding: nested.bytes, as: UTF8.self))
            default:
                out.json(member.value)
            }
        }
        out.byte(UInt8(ascii: "}"))
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
            if d.isFinite { bytes(d == d.rounded() && abs(d) < 1e15 ? "\(Int64(d))" : "\(d)") } else { ascii("null") }
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

    private mutating func bytes(_ text: String) {
        for b in text.utf8 { byte(b) }
    }
}
