import GeoTypes

/// Reads a TopoJSON topology (the format DAGI and many web maps ship districts in) and turns its
/// objects into GeoJSON features.
///
/// Handles quantised topologies (`transform` with `scale` and `translate`, delta-encoded arcs) and
/// plain ones; positions with a third value (DAGI writes `-999`) keep x and y only; shared arcs
/// and reversed arcs (`~i`, written as a negative index) are stitched into rings; Point,
/// MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection objects
/// (a collection's members become features) and null geometries.
///
/// Memory: arcs are kept as packed numbers while reading (never as a JSON tree); objects are small.
///
/// ```swift
/// let features = try TopoJSONReader(path: "sogne.topojson").features()
/// ```
public final class TopoJSONReader {
    private let scanner: JSONScanner
    private(set) var arcs: [[Double]] = []
    private(set) var scale: (Double, Double)?
    private(set) var translate = (0.0, 0.0)
    private var objects: [JSONMember] = []
    private var droppedThird = false

    /// Notes about things accepted (third coordinates dropped).
    public private(set) var notes: [String] = []

    public init(source: any ByteSource, limits: GeoJSONLimits = GeoJSONLimits()) {
        scanner = JSONScanner(source: source, limits: limits)
    }

    public convenience init(path: String, limits: GeoJSONLimits = GeoJSONLimits()) throws(GeoJSONError) {
        let source: FileByteSource
        do { source = try FileByteSource(path: path) } catch {
            throw GeoJSONError(.io(operation: error.operation, errno: error.errno), at: SourcePosition(offset: 0, line: 1, column: 1))
        }
        self.init(source: source, limits: limits)
    }

    public convenience init(bytes: [UInt8]) { self.init(source: MemoryByteSource(bytes)) }

    /// Every feature of every object (or of the object named `object`), in file order.
    /// - Throws: ``GeoJSONError`` naming the member that is wrong, e.g. `objects.sogne.geometries[3].arcs[0][2]`.
    public func features(object name: String? = nil) throws(GeoJSONError) -> [GeoJSONFeature] {
        try readDocument()
        var out: [GeoJSONFeature] = []
        let wanted = name.map { n in objects.filter { $0.key == n } } ?? objects
        if let name, wanted.isEmpty {
            throw invalid("objects", "no object named '\(name)'; the file has \(objects.map(\.key).joined(separator: ", "))")
        }
        for member in wanted {
            try collect(member.value, path: "objects.\(member.key)", into: &out)
        }
        if droppedThird { notes.append("positions with a third value: kept x and y only") }
        return out
    }

    func invalid(_ path: String, _ message: String) -> GeoJSONError {
        GeoJSONError(.invalidGeoJSON(path: path, message: message), at: scanner.here)
    }

    private func readDocument() throws(GeoJSONError) {
        _ = try scanner.skipByteOrderMark()
        try scanner.expect(UInt8(ascii: "{"), "a TopoJSON object ('{')")
        var type: String?
        if try scanner.skipWhitespace() != UInt8(ascii: "}") {
            while true {
                let key = try scanner.parseKey()
                switch key {
                case "arcs": try readArcs()
                case "type": type = try scanner.parseValue(depth: 1).stringValue
                case "transform": try readTransform(try scanner.parseValue(depth: 1))
                case "objects":
                    guard case let .object(members) = try scanner.parseValue(depth: 1) else { throw invalid("objects", "expected an object") }
                    objects = members
                default: _ = try scanner.parseValue(depth: 1)
                }
                let next = try scanner.skipWhitespace()
                if next == UInt8(ascii: ",") { scanner.advance(); continue }
                if next == UInt8(ascii: "}") { break }
                throw scanner.unexpected(next, "',' or '}' in the topology")
            }
        }
        scanner.advance()
        guard try scanner.atEnd() else { throw scanner.error(.trailingData) }
        guard type == "Topology" else { throw invalid("type", "expected \"Topology\", found \(type.map { "\"\($0)\"" } ?? "nothing")") }
    }

    private func readTransform(_ value: JSONValue) throws(GeoJSONError) {
        func pair(_ key: String) throws(GeoJSONError) -> (Double, Double)? {
            guard let v = value.object?.first(where: { $0.key == key })?.value else { return nil }
            guard case let .array(items) = v, items.count == 2, let a = items[0].doubleValue, let b = items[1].doubleValue else {
                throw invalid("transform.\(key)", "expected two numbers")
            }
            return (a, b)
        }
        scale = try pair("scale")
        translate = try pair("translate") ?? (0, 0)
    }

    /// Reads `arcs` as packed x,y numbers per arc, without building a JSON tree.
    private func readArcs() throws(GeoJSONError) {
        try scanner.expect(UInt8(ascii: "["), "an array of arcs")
        if try scanner.skipWhitespace() == UInt8(ascii: "]") { scanner.advance(); return }
        while true {
            let index = arcs.count
            guard case let .array(positions) = try scanner.parseValue(depth: 2) else { throw invalid("arcs[\(index)]", "expected an array of positions") }
            var packed: [Double] = []
            packed.reserveCapacity(positions.count * 2)
            for (i, p) in positions.enumerated() {
                guard case let .array(numbers) = p, numbers.count >= 2, let x = numbers[0].doubleValue, let y = numbers[1].doubleValue,
                      x.isFinite, y.isFinite else {
                    throw invalid("arcs[\(index)][\(i)]", "expected a position of two or more numbers")
                }
                if numbers.count > 2 { droppedThird = true }
                packed.append(x); packed.append(y)
            }
            arcs.append(packed)
            let next = try scanner.skipWhitespace()
            if next == UInt8(ascii: ",") { scanner.advance(); continue }
            if next == UInt8(ascii: "]") { scanner.advance(); return }
            throw scanner.unexpected(next, "',' or ']' in arcs")
        }
    }
}

extension JSONValue {
    /// The members, when this is an object.
    var object: [JSONMember]? {
        if case let .object(members) = self { return members }
        return nil
    }
}
