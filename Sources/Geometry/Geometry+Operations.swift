import CGEOS

extension Geometry {
    /// Wraps a newly created GEOS result, checking it for null.
    func result(_ produced: OpaquePointer?, _ operation: @autoclosure () -> String) throws(GeometryError) -> Geometry {
        Geometry(owning: try context.check(produced, operation()), context: context)
    }

    /// The GEOS type name, e.g. "Polygon" or "MultiPolygon".
    public var typeName: String {
        guard let name = GEOSGeomType_r(context.handle, handle) else { return "unknown" }
        defer { GEOSFree_r(context.handle, name) }
        return String(cString: name)
    }

    /// Whether the geometry has no points.
    public func isEmpty() throws(GeometryError) -> Bool {
        context.begin()
        return try context.checkPredicate(GEOSisEmpty_r(context.handle, handle), "isEmpty")
    }

    /// A deep copy in the same context.
    public func clone() throws(GeometryError) -> Geometry {
        context.begin()
        return try result(GEOSGeom_clone_r(context.handle, handle), "clone")
    }

    /// Planar area in squared units of the coordinates (m² for EPSG:25832).
    public func area() throws(GeometryError) -> Double {
        var value = 0.0
        context.begin()
        try context.checkStatus(GEOSArea_r(context.handle, handle, &value), "area")
        return value
    }

    /// Planar length (perimeter for polygons) in the unit of the coordinates.
    public func length() throws(GeometryError) -> Double {
        var value = 0.0
        context.begin()
        try context.checkStatus(GEOSLength_r(context.handle, handle, &value), "length")
        return value
    }

    /// The area within `distance` of this geometry (round joins and caps).
    /// - Parameters:
    ///   - distance: buffer width in the unit of the coordinates (metres in EPSG:25832); negative shrinks.
    ///   - quadrantSegments: segments per quarter circle (8 gives a 32-gon circle).
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws(GeometryError) -> Geometry {
        context.begin()
        return try result(GEOSBuffer_r(context.handle, handle, distance, Int32(quadrantSegments)), "buffer(\(distance))")
    }

    /// The union of all parts of this geometry (dissolves overlaps, e.g. of a MultiPolygon of circles).
    public func unaryUnion() throws(GeometryError) -> Geometry {
        context.begin()
        return try result(GEOSUnaryUnion_r(context.handle, handle), "unaryUnion")
    }

    /// The point set union of two geometries.
    public func union(_ other: Geometry) throws(GeometryError) -> Geometry {
        context.begin()
        return try result(GEOSUnion_r(context.handle, handle, other.handle), "union")
    }

    /// The part shared by both geometries.
    public func intersection(_ other: Geometry) throws(GeometryError) -> Geometry {
        context.begin()
        return try result(GEOSIntersection_r(context.handle, handle, other.handle), "intersection")
    }

    /// The part of this geometry not in `other`.
    public func difference(_ other: Geometry) throws(GeometryError) -> Geometry {
        context.begin()
        return try result(GEOSDifference_r(context.handle, handle, other.handle), "difference")
    }

    /// The smallest convex polygon containing the geometry.
    public func convexHull() throws(GeometryError) -> Geometry {
        context.begin()
        return try result(GEOSConvexHull_r(context.handle, handle), "convexHull")
    }

    /// The bounding rectangle; nil for an empty geometry.
    public func envelope() throws(GeometryError) -> Envelope? {
        if try isEmpty() { return nil }
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        context.begin()
        try context.checkStatus(GEOSGeom_getExtent_r(context.handle, handle, &minX, &minY, &maxX, &maxY), "getExtent")
        return Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    /// Whether the geometry is valid in the OGC sense (see ``validityReason()`` for why not).
    public func isValid() throws(GeometryError) -> Bool {
        context.begin()
        return try context.checkPredicate(GEOSisValid_r(context.handle, handle), "isValid")
    }

    /// GEOS's explanation: "Valid Geometry" or e.g. "Self-intersection[4 5]".
    public func validityReason() throws(GeometryError) -> String {
        context.begin()
        let text = try context.check(GEOSisValidReason_r(context.handle, handle), "isValidReason")
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    /// A valid version of this geometry (GEOS "structure" method, dropping collapsed parts).
    public func makeValid() throws(GeometryError) -> Geometry {
        context.begin()
        let params = try context.check(GEOSMakeValidParams_create_r(context.handle), "MakeValidParams_create")
        defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
        _ = GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE)
        _ = GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, 0)
        return try result(GEOSMakeValidWithParams_r(context.handle, handle, params), "makeValid")
    }

    /// Whether `other` lies in this geometry's interior or boundary without touching only the boundary.
    /// For many tests against one geometry, use ``prepared()`` instead.
    public func contains(_ other: Geometry) throws(GeometryError) -> Bool {
        context.begin()
        return try context.checkPredicate(GEOSContains_r(context.handle, handle, other.handle), "contains")
    }

    /// Whether the geometries share at least one point.
    public func intersects(_ other: Geometry) throws(GeometryError) -> Bool {
        context.begin()
        return try context.checkPredicate(GEOSIntersects_r(context.handle, handle, other.handle), "intersects")
    }

    /// Whether the geometries are equal as point sets.
    public func topologicallyEquals(_ other: Geometry) throws(GeometryError) -> Bool {
        context.begin()
        return try context.checkPredicate(GEOSEquals_r(context.handle, handle, other.handle), "equals")
    }

    /// A prepared version for many predicate calls (keeps this geometry alive).
    public func prepared() throws(GeometryError) -> PreparedGeometry {
        try PreparedGeometry(self)
    }

    /// The union of many geometries in one pass (collects them into a collection, then unary union).
    /// - Throws: ``GeometryError/emptyInput(operation:)`` for an empty list.
    public static func unaryUnion(of geometries: [Geometry], context: GeometryContext) throws(GeometryError) -> Geometry {
        guard !geometries.isEmpty else { throw .emptyInput(operation: "unaryUnion(of:)") }
        var clones: [OpaquePointer?] = []
        context.begin()
        for g in geometries {
            guard let copy = GEOSGeom_clone_r(context.handle, g.handle) else {
                for c in clones { GEOSGeom_destroy_r(context.handle, c) }
                throw context.failure("clone")
            }
            clones.append(copy)
        }
        let collection = try context.check(clones.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), $0.baseAddress, UInt32($0.count))
        }, "createCollection")
        return try Geometry(owning: collection, context: context).unaryUnion()
    }
}
