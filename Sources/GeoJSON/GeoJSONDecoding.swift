import GeoTypes

/// Turns parsed JSON values into GeoJSON features and geometries, naming the path of any problem.
struct GeoJSONDecoding {
    /// Reported once each: a third coordinate was dropped, etc.
    var droppedThirdCoordinate = false

    struct Failure: Error {
        var path: String
        var message: String
    }

    mutating func feature(_ value: JSONValue, path: String) throws(Failure) -> GeoJSONFeature {
        guard case let .object(members) = value else {
            throw Failure(path: path, message: "expected a Feature object, found \(value.typeName)")
        }
        let object = JSONValue.object(members)
        guard let type = object["type"] else { throw Failure(path: path, message: "missing member \"type\"") }
        guard type.stringValue == "Feature" else {
            throw Failure(path: "\(path).type", message: "expected \"Feature\", found \(Self.show(type))")
        }
        var id: FeatureID?
        switch object["id"] {
        case nil, .null?: id = nil
        case let .integer(i)?: id = .integer(i)
        case let .number(d)?: id = .string(String(d))
        case let .string(s)?: id = .string(s)
        case let other?: throw Failure(path: "\(path).id", message: "expected a string or number, found \(other.typeName)")
        }
        guard let geometryValue = object["geometry"] else {
            throw Failure(path: path, message: "missing member \"geometry\" (use null for none)")
        }
        let geometry = geometryValue == .null ? nil : try self.geometry(geometryValue, path: "\(path).geometry")
        var properties: [JSONMember] = []
        switch object["properties"] {
        case nil, .null?: break
        case let .object(p)?: properties = p
        case let other?: throw Failure(path: "\(path).properties", message: "expected an object or null, found \(other.typeName)")
        }
        return GeoJSONFeature(id: id, geometry: geometry, properties: properties)
    }

    mutating func geometry(_ value: JSONValue, path: String) throws(Failure) -> GeoJSONGeometry {
        guard case .object = value else { throw Failure(path: path, message: "expected a geometry object, found \(value.typeName)") }
        guard let type = value["type"]?.stringValue else { throw Failure(path: path, message: "missing string member \"type\"") }
        if type == "GeometryCollection" {
            guard case let .array(items)? = value["geometries"] else {
                throw Failure(path: path, message: "GeometryCollection needs a \"geometries\" array")
            }
            var parts: [GeoJSONGeometry] = []
            for (i, item) in items.enumerated() { parts.append(try geometry(item, path: "\(path).geometries[\(i)]")) }
            return .geometryCollection(parts)
        }
        guard let coordinates = value["coordinates"] else {
            guard Self.geometryTypes.contains(type) else {
                throw Failure(path: "\(path).type", message: "unknown geometry type \"\(type)\"")
            }
            throw Failure(path: path, message: "\(type) needs a \"coordinates\" member")
        }
        let p = "\(path).coordinates"
        switch type {
        case "Point": return .point(try position(coordinates, path: p))
        case "MultiPoint": return .multiPoint(try positions(coordinates, path: p))
        case "LineString": return .lineString(try line(coordinates, path: p))
        case "MultiLineString":
            return .multiLineString(try array(coordinates, path: p).enumerated().map { (i, v) throws(Failure) in try line(v, path: "\(p)[\(i)]") })
        case "Polygon": return .polygon(try polygon(coordinates, path: p))
        case "MultiPolygon":
            return .multiPolygon(try array(coordinates, path: p).enumerated().map { (i, v) throws(Failure) in try polygon(v, path: "\(p)[\(i)]") })
        default:
            throw Failure(path: "\(path).type", message: "unknown geometry type \"\(type)\"")
        }
    }

    static let geometryTypes: Set<String> = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                                             "MultiPolygon", "GeometryCollection"]

    private func array(_ value: JSONValue, path: String) throws(Failure) -> [JSONValue] {
        guard case let .array(items) = value else { throw Failure(path: path, message: "expected an array, found \(value.typeName)") }
        return items
    }

    private mutating func position(_ value: JSONValue, path: String) throws(Failure) -> Coordinate {
        let items = try array(value, path: path)
        guard items.count >= 2 else { throw Failure(path: path, message: "a position needs at least 2 numbers, found \(items.count)") }
        guard let x = items[0].doubleValue else { throw Failure(path: "\(path)[0]", message: "expected a number, found \(items[0].typeName)") }
        guard let y = items[1].doubleValue else { throw Failure(path: "\(path)[1]", message: "expected a number, found \(items[1].typeName)") }
        if items.count > 2 {
            for (i, extra) in items.enumerated().dropFirst(2) where extra.doubleValue == nil {
                throw Failure(path: "\(path)[\(i)]", message: "expected a number, found \(extra.typeName)")
            }
            droppedThirdCoordinate = true
        }
        return Coordinate(lon: x, lat: y)
    }

    private mutating func positions(_ value: JSONValue, path: String) throws(Failure) -> [Coordinate] {
        var result: [Coordinate] = []
        for (i, item) in try array(value, path: path).enumerated() { result.append(try position(item, path: "\(path)[\(i)]")) }
        return result
    }

    private mutating func line(_ value: JSONValue, path: String) throws(Failure) -> [Coordinate] {
        let points = try positions(value, path: path)
        guard points.count >= 2 else { throw Failure(path: path, message: "a LineString needs at least 2 positions, found \(points.count)") }
        return points
    }

    private mutating func polygon(_ value: JSONValue, path: String) throws(Failure) -> [[Coordinate]] {
        var rings: [[Coordinate]] = []
        for (i, item) in try array(value, path: path).enumerated() {
            let ring = try positions(item, path: "\(path)[\(i)]")
            guard ring.count >= 4 else {
                throw Failure(path: "\(path)[\(i)]", message: "a linear ring needs at least 4 positions, found \(ring.count)")
            }
            guard ring.first == ring.last else {
                throw Failure(path: "\(path)[\(i)]", message: "linear ring is not closed (first position differs from last)")
            }
            rings.append(ring)
        }
        return rings
    }

    static func show(_ value: JSONValue) -> String {
        if let s = value.stringValue { return "\"\(s)\"" }
        return value.typeName
    }
}
