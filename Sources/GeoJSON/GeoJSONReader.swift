/// Streams features from a GeoJSON document (RFC 7946) in constant memory.
///
/// Accepts a FeatureCollection (features are parsed and returned one at a time, so a file larger
/// than memory is fine), a single Feature, or a bare geometry (returned as one feature without
/// properties). A legacy `crs` member is accepted and ignored with a note (its name is kept in
/// ``declaredCRS`` so the caller can detect e.g. EPSG:25832); positions with a third value keep x
/// and y only. Errors name the feature index, line, column and byte offset, and what was expected.
///
/// ```swift
/// let reader = try GeoJSONReader(path: "parishes.geojson")
/// while let feature = try reader.next() { ... }
/// ```
public final class GeoJSONReader {
    private let scanner: JSONScanner
    private var decoding = GeoJSONDecoding()
    private enum State { case start, inFeatures(first: Bool), afterFeatures, finished }
    private var state = State.start
    private var topType: String?
    private var topMembers: [JSONMember] = []
    private var sawFeatures = false
    private var nextIndex = 0
    private var notedDroppedCoordinates = false

    /// Notes about things accepted but ignored (legacy `crs`, a byte order mark, dropped third coordinates).
    public private(set) var notes: [String] = []
    /// The `name` of a legacy `crs` member, e.g. "urn:ogc:def:crs:EPSG::25832", if the file had one.
    public private(set) var declaredCRS: String?
    /// Foreign top-level members (e.g. `name`, `bbox`) seen so far, in file order.
    public var foreignMembers: [JSONMember] { topMembers.filter { !["type", "crs", "features"].contains($0.key) } }
    /// How many features were returned so far.
    public var featureCount: Int { nextIndex }

    /// Reads from any byte source.
    public init(source: any ByteSource, limits: GeoJSONLimits = GeoJSONLimits()) {
        scanner = JSONScanner(source: source, limits: limits)
    }

    /// Opens a file.
    /// - Throws: ``GeoJSONError`` of kind ``GeoJSONError/Kind/io(operation:errno:)`` when it cannot be opened.
    public convenience init(path: String, limits: GeoJSONLimits = GeoJSONLimits()) throws(GeoJSONError) {
        let source: FileByteSource
        do { source = try FileByteSource(path: path) } catch {
            throw GeoJSONError(.io(operation: error.operation, errno: error.errno), at: SourcePosition(offset: 0, line: 1, column: 1))
        }
        self.init(source: source, limits: limits)
    }

    /// Reads bytes in memory (tests, small documents).
    public convenience init(bytes: [UInt8], limits: GeoJSONLimits = GeoJSONLimits()) {
        self.init(source: MemoryByteSource(bytes), limits: limits)
    }

    /// Reads every feature into an array (for small files).
    public func readAll() throws(GeoJSONError) -> [GeoJSONFeature] {
        var features: [GeoJSONFeature] = []
        while let feature = try next() { features.append(feature) }
        return features
    }

    /// The next feature, or nil at the end of the document.
    /// - Throws: ``GeoJSONError`` with the position and feature index of the first problem.
    /// - Complexity: proportional to the size of the feature; memory holds one feature at a time.
    public func next() throws(GeoJSONError) -> GeoJSONFeature? {
        while true {
            switch state {
            case .finished:
                return nil
            case .start:
                if try scanner.skipByteOrderMark() { notes.append("skipped a UTF-8 byte order mark") }
                try scanner.expect(UInt8(ascii: "{"), "a GeoJSON object ('{')")
                if try scanner.skipWhitespace() == UInt8(ascii: "}") {
                    throw scanner.error(.invalidGeoJSON(path: "$", message: "empty object, missing member \"type\""))
                }
                state = .afterFeatures
                if let feature = try readTopMembers(first: true) { return feature }
            case let .inFeatures(first):
                scanner.featureIndex = nextIndex
                let b = try scanner.skipWhitespace()
                if b == UInt8(ascii: "]") {
                    scanner.advance()
                    scanner.featureIndex = nil
                    state = .afterFeatures
                    if let feature = try readTopMembers(first: false) { return feature }
                    continue
                }
                if !first {
                    guard b == UInt8(ascii: ",") else { throw scanner.unexpected(b, "',' or ']' after a feature") }
                    scanner.advance()
                }
                _ = try scanner.skipWhitespace()
                let start = scanner.here
                let value = try scanner.parseValue(depth: 2)
                state = .inFeatures(first: false)
                let feature = try decode(start: start, path: { "features[\(self.nextIndex)]" }) {
                    (d: inout GeoJSONDecoding) throws(GeoJSONDecoding.Failure) in try d.feature(value)
                }
                scanner.featureIndex = nil
                nextIndex += 1
                return feature
            case .afterFeatures:
                if let feature = try readTopMembers(first: false) { return feature }
            }
        }
    }

    /// Reads top-level members until "features" (switching to streaming) or the end of the object.
    /// Returns the single feature of a Feature / bare geometry document at the end.
    private func readTopMembers(first: Bool) throws(GeoJSONError) -> GeoJSONFeature? {
        var first = first
        while true {
            let b = try scanner.skipWhitespace()
            if b == UInt8(ascii: "}") {
                scanner.advance()
                return try finishDocument()
            }
            if !first {
                guard b == UInt8(ascii: ",") else { throw scanner.unexpected(b, "',' or '}' in the top-level object") }
                scanner.advance()
            }
            first = false
            let key = try scanner.parseKey()
            if key == "features" {
                let at = scanner.here
                guard try scanner.skipWhitespace() == UInt8(ascii: "[") else {
                    throw GeoJSONError(.invalidGeoJSON(path: "features", message: "expected an array"), at: at)
                }
                scanner.advance()
                sawFeatures = true
                state = .inFeatures(first: true)
                return try next()
            }
            let value = try scanner.parseValue(depth: 1)
            if key == "type" { topType = value.stringValue }
            if key == "crs" {
                declaredCRS = value["properties"]?["name"]?.stringValue
                notes.append("ignored legacy crs member" + (declaredCRS.map { " (\($0))" } ?? ""))
            }
            topMembers.append(JSONMember(key, value))
        }
    }

    private func finishDocument() throws(GeoJSONError) -> GeoJSONFeature? {
        let end = scanner.here
        guard try scanner.atEnd() else { throw scanner.error(.trailingData) }
        state = .finished
        guard let type = topType else {
            throw GeoJSONError(.invalidGeoJSON(path: "$", message: "missing member \"type\""), at: end)
        }
        if sawFeatures {
            guard type == "FeatureCollection" else {
                throw GeoJSONError(.invalidGeoJSON(path: "$.type", message: "has \"features\" but type is \"\(type)\""), at: end)
            }
            return nil
        }
        let object = JSONValue.object(topMembers.filter { $0.key != "crs" })
        let start = SourcePosition(offset: 0, line: 1, column: 1)
        switch type {
        case "FeatureCollection":
            throw GeoJSONError(.invalidGeoJSON(path: "$", message: "FeatureCollection without \"features\" array"), at: end)
        case "Feature":
            let feature = try decode(start: start, path: { "$" }) { (d: inout GeoJSONDecoding) throws(GeoJSONDecoding.Failure) in try d.feature(object) }
            nextIndex += 1
            return feature
        default:
            let geometry = try decode(start: start, path: { "$" }) { (d: inout GeoJSONDecoding) throws(GeoJSONDecoding.Failure) in try d.geometry(object) }
            notes.append("bare \(geometry.typeName) read as one feature without properties")
            nextIndex += 1
            return GeoJSONFeature(geometry: geometry)
        }
    }

    private func decode<T>(start: SourcePosition, path: () -> String,
                           _ body: (inout GeoJSONDecoding) throws(GeoJSONDecoding.Failure) -> T) throws(GeoJSONError) -> T {
        do {
            let result = try body(&decoding)
            if decoding.droppedThirdCoordinate && !notedDroppedCoordinates {
                notedDroppedCoordinates = true
                notes.append("dropped coordinate values after x and y (first in feature \(nextIndex))")
            }
            return result
        } catch {
            throw GeoJSONError(.invalidGeoJSON(path: path() + error.path, message: error.message), at: start,
                               featureIndex: sawFeatures ? nextIndex : nil)
        }
    }
}
