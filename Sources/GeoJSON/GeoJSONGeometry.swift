public import GeoTypes

/// A GeoJSON geometry (RFC 7946 section 3.1). Positions are ``Coordinate`` values (x = lon, y = lat).
///
/// The reader does not range-check positions: a legacy file in EPSG:25832 (with a `crs` member)
/// reads as eastings/northings in `lon`/`lat`, and the caller decides; see ``GeoJSONReader/declaredCRS``.
public indirect enum GeoJSONGeometry: Hashable, Sendable {
    case point(Coordinate)
    case multiPoint([Coordinate])
    case lineString([Coordinate])
    case multiLineString([[Coordinate]])
    /// Rings: the exterior first, then holes; each closed with at least four positions.
    case polygon([[Coordinate]])
    case multiPolygon([[[Coordinate]]])
    case geometryCollection([GeoJSONGeometry])

    /// The GeoJSON type name ("Point", "MultiPolygon", ...).
    public var typeName: String {
        switch self {
        case .point: return "Point"
        case .multiPoint: return "MultiPoint"
        case .lineString: return "LineString"
        case .multiLineString: return "MultiLineString"
        case .polygon: return "Polygon"
        case .multiPolygon: return "MultiPolygon"
        case .geometryCollection: return "GeometryCollection"
        }
    }

    /// Calls `body` for every position.
    public func forEachPosition(_ body: (Coordinate) -> Void) {
        switch self {
        case let .point(p): body(p)
        case let .multiPoint(ps), let .lineString(ps): ps.forEach(body)
        case let .multiLineString(lines), let .polygon(lines): lines.forEach { $0.forEach(body) }
        case let .multiPolygon(polygons): polygons.forEach { $0.forEach { $0.forEach(body) } }
        case let .geometryCollection(geometries): geometries.forEach { $0.forEachPosition(body) }
        }
    }

    /// [west, south, east, north] over all positions, nil when there are none.
    public var bbox: [Double]? {
        var w = Double.infinity, s = Double.infinity, e = -Double.infinity, n = -Double.infinity
        forEachPosition { p in
            w = min(w, p.lon); e = max(e, p.lon); s = min(s, p.lat); n = max(n, p.lat)
        }
        return w.isFinite ? [w, s, e, n] : nil
    }
}

/// A feature id: RFC 7946 allows a string or a number.
public enum FeatureID: Hashable, Sendable, CustomStringConvertible {
    case integer(Int64)
    case string(String)

    public var description: String {
        switch self {
        case let .integer(i): return String(i)
        case let .string(s): return s
        }
    }
}

/// A GeoJSON feature: an optional id, an optional geometry (null is allowed) and properties.
public struct GeoJSONFeature: Hashable, Sendable {
    /// The feature id, when the file had one.
    public var id: FeatureID?
    /// The geometry; nil for `"geometry": null`.
    public var geometry: GeoJSONGeometry?
    /// Properties in file order; empty when the file had `null` or `{}`.
    public var properties: [JSONMember]

    public init(id: FeatureID? = nil, geometry: GeoJSONGeometry?, properties: [JSONMember] = []) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    /// The value of property `key`, if present.
    public subscript(property key: String) -> JSONValue? {
        properties.first { $0.key == key }?.value
    }
}
