import GeoTypes

/// GeoJSON pieces written straight into the buffer (one mutating call per feature keeps the hot
/// path free of per-byte property access through the writer object).
extension OutputBuffer {
    /// What precedes a feature in the output.
    enum FeatureHeader { case collectionStart, separator, recordSeparator }

    /// Writes one feature and returns its bbox when `bbox` is asked for.
    mutating func feature(_ feature: GeoJSONFeature, geometry: GeoJSONGeometry?, header: FeatureHeader, bbox: Bool) -> [Double]? {
        let box = featureHead(id: feature.id, geometry: geometry, header: header, bbox: bbox)
        properties(feature.properties)
        featureTail(header: header)
        return box
    }

    /// Writes a feature up to and including `"properties":`; returns its bbox when `bbox` is asked for.
    mutating func featureHead(id: FeatureID?, geometry: GeoJSONGeometry?, header: FeatureHeader, bbox: Bool) -> [Double]? {
        switch header {
        case .collectionStart: ascii("{\"type\":\"FeatureCollection\",\"features\":[\n")
        case .separator: ascii(",\n")
        case .recordSeparator: byte(0x1E)
        }
        ascii("{\"type\":\"Feature\"")
        if let id {
            ascii(",\"id\":")
            switch id {
            case let .integer(i): integer(i)
            case let .string(s): string(s)
            }
        }
        ascii(",\"geometry\":")
        if let geometry { self.geometry(geometry) } else { ascii("null") }
        var box: [Double]?
        if bbox, let b = geometry?.bbox {
            ascii(",\"bbox\":")
            self.bbox(b)
            box = b
        }
        ascii(",\"properties\":")
        return box
    }

    /// Closes a feature begun with ``featureHead(id:geometry:header:bbox:)`` after its properties.
    mutating func featureTail(header: FeatureHeader) {
        byte(UInt8(ascii: "}"))
        if header == .recordSeparator { byte(0x0A) }
    }

    mutating func bbox(_ box: [Double]) {
        byte(UInt8(ascii: "["))
        for (i, v) in box.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            fixed(v)
        }
        byte(UInt8(ascii: "]"))
    }

    @inline(__always)
    mutating func position(_ c: Coordinate) {
        byte(UInt8(ascii: "["))
        fixed(c.lon)
        byte(UInt8(ascii: ","))
        fixed(c.lat)
        byte(UInt8(ascii: "]"))
    }

    mutating func positions(_ positions: [Coordinate]) {
        byte(UInt8(ascii: "["))
        for (i, p) in positions.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            position(p)
        }
        byte(UInt8(ascii: "]"))
    }

    mutating func rings(_ rings: [[Coordinate]]) {
        byte(UInt8(ascii: "["))
        for (i, ring) in rings.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            positions(ring)
        }
        byte(UInt8(ascii: "]"))
    }

    mutating func geometry(_ geometry: GeoJSONGeometry) {
        ascii("{\"type\":\"")
        switch geometry {
        case .point: ascii("Point")
        case .multiPoint: ascii("MultiPoint")
        case .lineString: ascii("LineString")
        case .multiLineString: ascii("MultiLineString")
        case .polygon: ascii("Polygon")
        case .multiPolygon: ascii("MultiPolygon")
        case .geometryCollection: ascii("GeometryCollection")
        }
        if case let .geometryCollection(parts) = geometry {
            ascii("\",\"geometries\":[")
            for (i, part) in parts.enumerated() {
                if i > 0 { byte(UInt8(ascii: ",")) }
                self.geometry(part)
            }
            ascii("]}")
            return
        }
        ascii("\",\"coordinates\":")
        switch geometry {
        case let .point(p): position(p)
        case let .multiPoint(ps), let .lineString(ps): positions(ps)
        case let .multiLineString(lines), let .polygon(lines): rings(lines)
        case let .multiPolygon(polygons):
            byte(UInt8(ascii: "["))
            for (i, polygon) in polygons.enumerated() {
                if i > 0 { byte(UInt8(ascii: ",")) }
                rings(polygon)
            }
            byte(UInt8(ascii: "]"))
        case .geometryCollection: break
        }
        byte(UInt8(ascii: "}"))
    }

    /// Flat properties: primitives as they are, nested arrays/objects as strings of compact JSON.
    mutating func properties(_ properties: [JSONMember]) {
        byte(UInt8(ascii: "{"))
        for (i, member) in properties.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            string(member.key)
            byte(UInt8(ascii: ":"))
            switch member.value {
            case .array, .object:
                var nested = OutputBuffer(precision: precision, capacity: 256)
                nested.json(member.value)
                string(String(decoding: nested.bytes, as: UTF8.self))
            default:
                json(member.value)
            }
        }
        byte(UInt8(ascii: "}"))
    }
}
