import GeoTypes

extension TopoJSONReader {
    /// Appends the features of one object: a GeometryCollection gives one feature per member.
    func collect(_ value: JSONValue, path: String, into out: inout [GeoJSONFeature]) throws(GeoJSONError) {
        guard let members = value.object else { throw invalid(path, "expected a geometry object") }
        let type = members.first { $0.key == "type" }?.value.stringValue
        if type == "GeometryCollection" {
            guard case let .array(items)? = members.first(where: { $0.key == "geometries" })?.value else {
                throw invalid(path + ".geometries", "expected an array of geometry objects")
            }
            for (i, item) in items.enumerated() { try collect(item, path: "\(path).geometries[\(i)]", into: &out) }
            return
        }
        var id: FeatureID?
        switch members.first(where: { $0.key == "id" })?.value {
        case let .integer(n)?: id = .integer(n)
        case let .string(s)?: id = .string(s)
        case let .number(d)? where d == d.rounded(): id = .integer(Int64(d))
        default: id = nil
        }
        let properties = members.first { $0.key == "properties" }?.value.object ?? []
        out.append(GeoJSONFeature(id: id, geometry: try geometry(type, members, path: path), properties: properties))
    }

    private func member(_ members: [JSONMember], _ key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    private func geometry(_ type: String?, _ members: [JSONMember], path: String) throws(GeoJSONError) -> GeoJSONGeometry? {
        let arcsValue = member(members, "arcs")
        let coordinates = member(members, "coordinates")
        switch type {
        case nil, "null"?: return nil
        case "Point"?: return .point(try position(coordinates, path: path + ".coordinates"))
        case "MultiPoint"?:
            return .multiPoint(try list(coordinates, path: path + ".coordinates") { v, p throws(GeoJSONError) in try position(v, path: p) })
        case "LineString"?: return .lineString(try line(arcsValue, path: path + ".arcs", ring: false))
        case "MultiLineString"?:
            return .multiLineString(try list(arcsValue, path: path + ".arcs") { v, p throws(GeoJSONError) in try line(v, path: p, ring: false) })
        case "Polygon"?: return .polygon(try polygon(arcsValue, path: path + ".arcs"))
        case "MultiPolygon"?:
            return .multiPolygon(try list(arcsValue, path: path + ".arcs") { v, p throws(GeoJSONError) in try polygon(v, path: p) })
        case let other?:
            throw invalid(path + ".type", "expected a TopoJSON geometry type, found \"\(other)\"")
        }
    }

    private func list<T>(_ value: JSONValue?, path: String, _ each: (JSONValue, String) throws(GeoJSONError) -> T) throws(GeoJSONError) -> [T] {
        guard case let .array(items)? = value else { throw invalid(path, "expected an array") }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { out.append(try each(item, "\(path)[\(i)]")) }
        return out
    }

    private func polygon(_ value: JSONValue?, path: String) throws(GeoJSONError) -> [[Coordinate]] {
        try list(value, path: path) { v, p throws(GeoJSONError) in try line(v, path: p, ring: true) }
    }

    /// A quantised position is transformed directly (positions of points are not delta-encoded).
    private func position(_ value: JSONValue?, path: String) throws(GeoJSONError) -> Coordinate {
        guard case let .array(numbers)? = value, numbers.count >= 2, let x = numbers[0].doubleValue, let y = numbers[1].doubleValue else {
            throw invalid(path, "expected a position of two or more numbers")
        }
        guard let (sx, sy) = scale else { return Coordinate(lon: x, lat: y) }
        return Coordinate(lon: x * sx + translate.0, lat: y * sy + translate.1)
    }

    /// Stitches arcs (index i, or ~i = -i-1 for arc i reversed) into one line or ring; the first
    /// position of every arc after the first repeats the last of the one before and is dropped.
    private func line(_ value: JSONValue?, path: String, ring: Bool) throws(GeoJSONError) -> [Coordinate] {
        guard case let .array(indices)? = value, !indices.isEmpty else { throw invalid(path, "expected a non-empty array of arc indices") }
        var out: [Coordinate] = []
        for (i, item) in indices.enumerated() {
            guard case let .integer(raw) = item else { throw invalid("\(path)[\(i)]", "expected an arc index (an integer)") }
            let reversed = raw < 0
            let index = reversed ? Int(~raw) : Int(raw)
            guard index < arcs.count else {
                throw invalid("\(path)[\(i)]", "arc \(raw) refers to arc \(index), but the topology has \(arcs.count) arcs")
            }
            var points = decode(arcs[index])
            if reversed { points.reverse() }
            out += out.isEmpty ? points[...] : points.dropFirst()
        }
        if ring {
            guard out.count >= 4, out.first == out.last else {
                throw invalid(path, "expected a closed ring of 4 or more positions, the arcs give \(out.count) and \(out.first == out.last ? "close" : "do not close")")
            }
        }
        return out
    }

    /// The positions of an arc: delta-decoded and transformed when the topology is quantised.
    private func decode(_ packed: [Double]) -> [Coordinate] {
        var out: [Coordinate] = []
        out.reserveCapacity(packed.count / 2)
        guard let (sx, sy) = scale else {
            for i in stride(from: 0, to: packed.count, by: 2) { out.append(Coordinate(lon: packed[i], lat: packed[i + 1])) }
            return out
        }
        var x = 0.0, y = 0.0
        for i in stride(from: 0, to: packed.count, by: 2) {
            x += packed[i]; y += packed[i + 1]
            out.append(Coordinate(lon: x * sx + translate.0, lat: y * sy + translate.1))
        }
        return out
    }
}
