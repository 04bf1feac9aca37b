import CGEOS

extension Geometry {
    /// Reads the vertices of a borrowed LineString / LinearRing / Point handle.
    func vertices<V: PolygonVertex>(of geometry: OpaquePointer, as _: V.Type) throws(GeometryError) -> [V] {
        context.begin()
        let sequence = try context.check(GEOSGeom_getCoordSeq_r(context.handle, geometry), "getCoordSeq")
        var size: UInt32 = 0
        try context.checkStatus(GEOSCoordSeq_getSize_r(context.handle, sequence, &size), "CoordSeq_getSize")
        var points: [V] = []
        points.reserveCapacity(Int(size))
        var x = 0.0, y = 0.0
        for i in 0..<size {
            try context.checkStatus(GEOSCoordSeq_getXY_r(context.handle, sequence, i, &x, &y), "CoordSeq_getXY")
            points.append(V(x: x, y: y))
        }
        return points
    }

    /// Reads a borrowed Polygon handle into a value.
    func polygonValue<V: PolygonVertex>(of geometry: OpaquePointer, as type: V.Type) throws(GeometryError) -> Polygon<V> {
        context.begin()
        let shell = try context.check(GEOSGetExteriorRing_r(context.handle, geometry), "getExteriorRing")
        let exterior = try vertices(of: shell, as: type)
        let count = GEOSGetNumInteriorRings_r(context.handle, geometry)
        guard count >= 0 else { throw context.failure("getNumInteriorRings") }
        var holes: [[V]] = []
        for i in 0..<count {
            let ring = try context.check(GEOSGetInteriorRingN_r(context.handle, geometry, i), "getInteriorRingN(\(i))")
            holes.append(try vertices(of: ring, as: type))
        }
        return Polygon(uncheckedExterior: exterior, holes: holes)
    }

    private func collectPolygons<V: PolygonVertex>(_ geometry: OpaquePointer, as type: V.Type,
                                                   into result: inout [Polygon<V>]) throws(GeometryError) {
        let typeID = GEOSGeomTypeId_r(context.handle, geometry)
        switch typeID {
        case Int32(GEOS_POLYGON.rawValue):
            if GEOSisEmpty_r(context.handle, geometry) == 0 {
                result.append(try polygonValue(of: geometry, as: type))
            }
        case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            let n = GEOSGetNumGeometries_r(context.handle, geometry)
            for i in 0..<max(n, 0) {
                let part = try context.check(GEOSGetGeometryN_r(context.handle, geometry, i), "getGeometryN(\(i))")
                try collectPolygons(part, as: type, into: &result)
            }
        case -1:
            throw context.failure("geomTypeId")
        default:
            break  // points and lines carry no area
        }
    }

    /// The polygonal parts of this geometry as values (points and lines in a collection are skipped).
    /// - Parameter type: the vertex type to build (e.g. `PlanarXY.self`).
    public func polygons<V: PolygonVertex>(as type: V.Type = PlanarXY.self) throws(GeometryError) -> [Polygon<V>] {
        var result: [Polygon<V>] = []
        try collectPolygons(handle, as: type, into: &result)
        return result
    }

    /// This geometry as a ``MultiPolygon`` value.
    /// - Throws: ``GeometryError/unexpectedType(operation:expected:found:)`` unless it is polygonal
    ///   (Polygon, MultiPolygon, or a collection of them).
    public func multiPolygon<V: PolygonVertex>(as type: V.Type = PlanarXY.self) throws(GeometryError) -> MultiPolygon<V> {
        let id = GEOSGeomTypeId_r(context.handle, handle)
        guard id == Int32(GEOS_POLYGON.rawValue) || id == Int32(GEOS_MULTIPOLYGON.rawValue)
            || id == Int32(GEOS_GEOMETRYCOLLECTION.rawValue) else {
            throw .unexpectedType(operation: "multiPolygon()", expected: "a polygonal geometry", found: typeName)
        }
        return MultiPolygon(try polygons(as: type))
    }

    /// The vertices of a Point, LineString or LinearRing, or the points of a MultiPoint.
    public func points<V: PolygonVertex>(as type: V.Type = PlanarXY.self) throws(GeometryError) -> [V] {
        let id = GEOSGeomTypeId_r(context.handle, handle)
        switch id {
        case Int32(GEOS_POINT.rawValue), Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            if GEOSisEmpty_r(context.handle, handle) == 1 { return [] }
            return try vertices(of: handle, as: type)
        case Int32(GEOS_MULTIPOINT.rawValue):
            var result: [V] = []
            for i in 0..<max(GEOSGetNumGeometries_r(context.handle, handle), 0) {
                let part = try context.check(GEOSGetGeometryN_r(context.handle, handle, i), "getGeometryN(\(i))")
                result += try vertices(of: part, as: type)
            }
            return result
        default:
            throw .unexpectedType(operation: "points()", expected: "a point or line geometry", found: typeName)
        }
    }
}
