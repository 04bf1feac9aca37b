public import GeoTypes

/// The id of a feature written into a ``GeoJSONChunk``: none, an integer, text, or the UTF-8 bytes
/// of a text id (copied and escaped as they are; the caller guarantees they are valid UTF-8).
public enum ChunkFeatureID {
    case none
    case integer(Int64)
    case string(String)
    case utf8(UnsafeBufferPointer<UInt8>)
}

/// A run of consecutive point features encoded apart from a ``GeoJSONWriter`` (on another thread,
/// for instance) and appended to it in order with ``GeoJSONWriter/append(_:)``. The bytes are the
/// ones the writer's own ``GeoJSONWriter/writePointFeature(id:point:properties:)`` would produce at
/// the same output positions.
///
/// ```swift
/// let chunk = GeoJSONChunk(options: GeoJSONWriterOptions(), sequence: true, firstIndex: writer.featuresWritten)
/// try chunk.writePointFeature(id: .string("f1"), point: c) { p in p.string("name", "Hal") }
/// try writer.append(chunk)
/// ```
/// A chunk is used by one thread at a time; hand it over whole (it is `Sendable` for that).
public final class GeoJSONChunk: @unchecked Sendable {
    /// The encoding state, behind a pointer so that the hot path mutates it without the dynamic
    /// exclusivity checks of class properties.
    let state: UnsafeMutablePointer<State>

    struct State: ~Copyable {
        var props: PropertyWriter
        let sequence: Bool
        let bbox: Bool
        var firstIndex: Int
        var count = 0
        /// [west, south, east, north] of the features so far when bboxes are written.
        var box: (w: Double, s: Double, e: Double, n: Double)?

        init(props: consuming PropertyWriter, sequence: Bool, bbox: Bool, firstIndex: Int) {
            self.props = props
            self.sequence = sequence
            self.bbox = bbox
            self.firstIndex = firstIndex
        }
    }

    /// - Parameters:
    ///   - options: precision and bbox as the receiving writer's (normalisation does not apply to points).
    ///   - sequence: true for an RFC 8142 text sequence, false for a FeatureCollection.
    ///   - firstIndex: the output position (0-based) of the chunk's first feature.
    ///   - capacity: initial buffer size in bytes (the buffer grows as needed).
    public init(options: GeoJSONWriterOptions, sequence: Bool, firstIndex: Int, capacity: Int = 1 << 20) {
        state = .allocate(capacity: 1)
        state.initialize(to: State(props: PropertyWriter(out: OutputBuffer(precision: options.precision, capacity: capacity)),
                                   sequence: sequence, bbox: options.bbox, firstIndex: firstIndex))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Output position of the first feature of the chunk (0-based).
    public var firstIndex: Int { state.pointee.firstIndex }
    /// Features in the chunk.
    public var count: Int { state.pointee.count }
    /// Bytes encoded so far.
    public var byteCount: Int { state.pointee.props.out.count }
    var sequence: Bool { state.pointee.sequence }
    var bbox: Bool { state.pointee.bbox }
    var precision: Int { state.pointee.props.out.precision }
    var box: (w: Double, s: Double, e: Double, n: Double)? { state.pointee.box }
    /// The encoded bytes.
    var bytes: UnsafeBufferPointer<UInt8> { state.pointee.props.out.bytes }

    /// Empties the chunk (keeping its memory) for features starting at output position `firstIndex`.
    public func reset(firstIndex: Int) {
        state.pointee.props.out.removeAll()
        state.pointee.firstIndex = firstIndex
        state.pointee.count = 0
        state.pointee.box = nil
    }

    /// Appends one point feature whose properties `body` writes, exactly as
    /// ``GeoJSONWriter/writePointFeature(id:point:properties:)`` would at this output position.
    /// - Throws: ``GeoJSONWriteError/nonFiniteCoordinate(featureIndex:)`` (nothing is written).
    public func writePointFeature(id: ChunkFeatureID, point: Coordinate,
                                  properties body: (inout PropertyWriter) -> Void) throws(GeoJSONWriteError) {
        try state.pointee.writePointFeature(id: id, point: point, properties: body)
    }
}

extension GeoJSONChunk.State {
    mutating func writePointFeature(id: ChunkFeatureID, point: Coordinate,
                                    properties body: (inout PropertyWriter) -> Void) throws(GeoJSONWriteError) {
        let lon = point.lon, lat = point.lat
        guard lon.isFinite && lat.isFinite else { throw .nonFiniteCoordinate(featureIndex: firstIndex + count) }
        if sequence {
            props.out.byte(0x1E)
        } else if firstIndex + count == 0 {
            props.out.ascii("{\"type\":\"FeatureCollection\",\"features\":[\n")
        } else {
            props.out.ascii(",\n")
        }
        props.out.ascii("{\"type\":\"Feature\"")
        switch id {
        case .none: break
        case let .integer(i):
            props.out.ascii(",\"id\":")
            props.out.integer(i)
        case let .string(s):
            props.out.ascii(",\"id\":")
            props.out.string(s)
        case let .utf8(bytes):
            props.out.ascii(",\"id\":")
            props.out.quoted(utf8: bytes)
        }
        props.out.ascii(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
        props.out.fixed(lon)
        props.out.byte(UInt8(ascii: ","))
        props.out.fixed(lat)
        props.out.ascii("]}")
        if bbox {
            props.out.ascii(",\"bbox\":[")
            props.out.fixed(lon)
            props.out.byte(UInt8(ascii: ","))
            props.out.fixed(lat)
            props.out.byte(UInt8(ascii: ","))
            props.out.fixed(lon)
            props.out.byte(UInt8(ascii: ","))
            props.out.fixed(lat)
            props.out.byte(UInt8(ascii: "]"))
            // The same min/max folds as the writer's collection bbox (ties keep the same operand).
            box = box.map { (min($0.w, lon), min($0.s, lat), max($0.e, lon), max($0.n, lat)) } ?? (lon, lat, lon, lat)
        }
        props.out.ascii(",\"properties\":")
        props.begin()
        body(&props)
        props.end()
        props.out.byte(UInt8(ascii: "}"))
        if sequence { props.out.byte(0x0A) }
        count += 1
    }
}
