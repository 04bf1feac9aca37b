/// A point of a shapefile in the file's own coordinate system (see ``ShapefileReader/prj``),
/// e.g. metres in EPSG:25832.
public struct ShapePoint: Hashable, Sendable, CustomStringConvertible {
    /// Easting (or longitude) in the file's system.
    public var x: Double
    /// Northing (or latitude) in the file's system.
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(x), \(y))" }
}

/// One polygon of a shapefile polygon shape: an exterior ring and its holes, each closed.
public struct ShapePolygon: Hashable, Sendable {
    /// Outer ring as stored (shapefiles store it clockwise).
    public var exterior: [ShapePoint]
    /// Holes as stored (counter-clockwise).
    public var holes: [[ShapePoint]]

    public init(exterior: [ShapePoint], holes: [[ShapePoint]] = []) {
        self.exterior = exterior
        self.holes = holes
    }
}

/// The ESRI shape types this reader understands. Z and M variants read as 2-D.
public enum ShapeType: Int32, Hashable, Sendable {
    case null = 0, point = 1, polyLine = 3, polygon = 5, multiPoint = 8
    case pointZ = 11, polyLineZ = 13, polygonZ = 15, multiPointZ = 18
    case pointM = 21, polyLineM = 23, polygonM = 25, multiPointM = 28

    /// The 2-D family: `.pointZ` → `.point`, and so on.
    public var base: ShapeType {
        switch self {
        case .pointZ, .pointM: return .point
        case .polyLineZ, .polyLineM: return .polyLine
        case .polygonZ, .polygonM: return .polygon
        case .multiPointZ, .multiPointM: return .multiPoint
        default: return self
        }
    }
}

/// The geometry of one shapefile record (never empty: empty shapes are reported as nil).
public enum ShapeGeometry: Hashable, Sendable {
    case point(ShapePoint)
    case multiPoint([ShapePoint])
    /// Parts of a PolyLine.
    case polyLine([[ShapePoint]])
    /// Rings grouped into polygons: each clockwise ring starts a polygon, counter-clockwise rings are
    /// holes of the polygon that contains them.
    case polygon([ShapePolygon])
}

extension ShapeGeometry {
    /// Twice the signed area of a closed ring (positive = counter-clockwise).
    static func signedArea2(_ ring: [ShapePoint]) -> Double {
        guard ring.count > 2 else { return 0 }
        let x0 = ring[0].x, y0 = ring[0].y
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += (ring[i].x - x0) * (ring[i + 1].y - y0) - (ring[i + 1].x - x0) * (ring[i].y - y0)
        }
        return sum
    }

    static func contains(_ ring: [ShapePoint], _ p: ShapePoint) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// Groups rings by the shapefile rule: clockwise rings are exteriors, counter-clockwise rings are
    /// holes of the exterior containing them (the latest exterior when none does).
    static func groupRings(_ rings: [[ShapePoint]]) -> [ShapePolygon] {
        var polygons: [ShapePolygon] = []
        var holes: [[ShapePoint]] = []
        for ring in rings where ring.count >= 4 {
            if signedArea2(ring) <= 0 { polygons.append(ShapePolygon(exterior: ring)) } else { holes.append(ring) }
        }
        if polygons.isEmpty {  // all counter-clockwise: a writer that ignored the rule; treat each as exterior
            return holes.map { ShapePolygon(exterior: $0) }
        }
        for hole in holes {
            let owner = polygons.indices.last { contains(polygons[$0].exterior, hole[0]) } ?? polygons.count - 1
            polygons[owner].holes.append(hole)
        }
        return polygons
    }
}
