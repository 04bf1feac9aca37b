import GeoTypes

/// Turns parsed JSON values into GeoJSON features and geometries. A failure carries the path of
/// the offending member, built outwards only when something fails (the success path builds no strings).
struct GeoJSONDecoding {
    /// Set once a position with more than two numbers was seen.
    var droppedThirdCoordinate = false

    /// A problem and its path relative to the value being decoded (e.g. `.coordinates[0][2]`).
    struct Failure: Error {
        var path: String
        var message: String
    }

    /// Runs `body`, prefixing a failure's path with `prefix` (e.g. ".geometry").
    @inline(__always)
    private func under<T>(_ prefix: StaticString, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        do { return try body() } catch { throw Failure(path: "\(prefix)" + error.path, message: error.message) }
    }

    /// Runs `body` for array element `index`, prefixing a failure's path with `[index]`.
    @inline(__always)
    private func at<T>(_ index: Int, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        do { return try body() } catch { throw Failure(path: "[\(index)]" + error.path, message: error.message) }
    }

    /// Decodes a Feature object.
    mutating func feature(_ value: JSONValue) throws(Failure) -> GeoJSONFeature {
        guard case let .object(members) = value else {
            throw Failure(path: "", message: "expected a Feature object, found \(value.typeName)")
        }
        var type: JSONValue?, idValue: JSONValue?, geometryValue: JSONValue?, propertiesValue: JSONValue?
        for member in members {
            switch member.key {
            case "type": type = member.value
            case "id": idValue = member.value
            case "geometry": geometryValue = member.value
            case "properties": propertiesValue = member.value
            default: break
            }
        }
        guard let type else { throw Failure(path: "", message: "missing member \"type\"") }
        guard type.stringValue == "Feature" else {
            throw Failure(path: ".type", message: "expected \"Feature\", found \(Self.show(type))")
        }
        var id: FeatureID?
        switch idValue {
        case nil, .null?: id = nil
        case let .integer(i)?: id = .integer(i)
        case let .number(d)?: id = .string(String(d))
        case let .string(s)?: id = .string(s)
        case let other?: throw Failure(path: ".id", message: "expected a string or number, found \(other.typeName)")
        }
        guard let geometryValue else { throw Failure(path: "", message: "missing member \"geometry\" (use null for none)") }
        let geometry = geometryValue == .null ? nil : try under(".geometry") { () throws(Failure) in try self.geometry(geometryValue) }
        var properties: [JSONMember] = []
        switch propertiesValue {
        case nil, .null?: break
        case let .object(p)?: properties = p
        case let other?: throw Failure(path: ".properties", message: "expected an object or null, found \(other.typeName)")
        }
        return GeoJSONFeature(id: id, geometry: geometry, properties: properties)
    }

    /// Decodes a geometry object.
    mutating func geometry(_ value: JSONValue) throws(Failure) -> GeoJSONGeometry {
        guard case let .object(members) = value else { throw Failure(path: "", message: "expected a geometry object, found \(value.typeName)") }
        var typeValue: JSONValue?, coordinates: JSONValue?, geometries: JSONValue?
        for member in members {
            switch member.key {
            case "type": typeValue = member.value
            case "coordinates": coordinates = member.value
            case "geometries": geometries = member.value
            default: break
            }
        }
        guard let type = typeValue?.stringValue else { throw Failure(path: "", message: "missing string member \"type\"") }
        if type == "GeometryCollection" {
            guard case let .array(items)? = geometries else {
                throw Failure(path: "", message: "GeometryCollection needs a \"geometries\" array")
            }
            var parts: [GeoJSONGeometry] = []
            for (i, item) in items.enumerated() {
                parts.append(try under(".geometries") { () throws(Failure) in try at(i) { () throws(Failure) in try geometry(item) } })
            }
            return .geometryCollection(parts)
        }
        guard Self.geometryTypes.contains(type) else { throw Failure(path: ".type", message: "unknown geometry type \"\(type)\"") }
        guard let coordinates else { throw Failure(path: "", message: "\(type) needs a \"coordinates\" member") }
        return try under(".coordinates") { () throws(Failure) in
            switch type {
            case "Point": return .point(try position(coordinates))
            case "MultiPoint": return .multiPoint(try positions(coordinates))
            case "LineString": return .lineString(try line(coordinates))
            case "MultiLineString":
                var lines: [[Coordinate]] = []
                for (i, v) in try array(coordinates).enumerated() { lines.append(try at(i) { () throws(Failure) in try line(v) }) }
                return .multiLineString(lines)
            case "Polygon": return .polygon(try polygon(coordinates))
            default:
                var polygons: [[[Coordinate]]] = []
                for (i, v) in try array(coordinates).enumerated() { polygons.append(try at(i) { () throws(Failure) in try polygon(v) }) }
                return .multiPolygon(polygons)
            }
        }
    }

    static let geometryTypes: Set<String> = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]

    private func array(_ value: JSONValue) throws(Failure) -> [JSONValue] {
        guard case let .array(items) = value else { throw Failure(path: "", message: "expected an array, found \(value.typeName)") }
        return items
    }

    private mutating func position(_ value: JSONValue) throws(Failure) -> Coordinate {
        let items = try array(value)
        guard items.count >= 2 else { throw Failure(path: "", message: "a position needs at least 2 numbers, found \(items.count)") }
        guard let x = items[0].doubleValue else { throw Failure(path: "[0]", message: "expected a number, found \(items[0].typeName)") }
        guard let y = items[1].doubleValue else { throw Failure(path: "[1]", message: "expected a number, found \(items[1].typeName)") }
        if items.count > 2 {
            for (i, extra) in items.enumerated().dropFirst(2) where extra.doubleValue == nil {
                throw Failure(path: "[\(i)]", message: "expected a number, found \(extra.typeName)")
            }
            droppedThirdCoordinate = true
        }
        return Coordinate(lon: x, lat: y)
    }

    private mutating func positions(_ value: JSONValue) throws(Failure) -> [Coordinate] {
        let items = try array(value)
        var result: [Coordinate] = []
        result.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { result.append(try at(i) { () throws(Failure) in try position(item) }) }
        return result
    }

    private mutating func line(_ value: JSONValue) throws(Failure) -> [Coordinate] {
        let points = try positions(value)
        guard points.count >= 2 else { throw Failure(path: "", message: "a LineString needs at least 2 positions, found \(points.count)") }
        return points
    }

    private mutating func polygon(_ value: JSONValue) throws(Failure) -> [[Coordinate]] {
        var rings: [[Coordinate]] = []
        for (i, item) in try array(value).enumerated() {
            let ring = try at(i) { () throws(Failure) in try positions(item) }
            guard ring.count >= 4 else {
                throw Failure(path: "[\(i)]", message: "a linear ring needs at least 4 positions, found \(ring.count)")
            }
            guard ring.first == ring.last else {
                throw Failure(path: "[\(i)]", message: "linear ring is not closed (first position differs from last)")
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
