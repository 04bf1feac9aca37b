import CGEOS

/// A GEOS prepared geometry: an indexed form of a geometry for many fast predicate calls.
///
/// Holds its base ``Geometry`` (and so the context) alive, as GEOS requires.
///
/// ```swift
/// let parish = try Geometry(multiPolygon: shape, context: context).prepared()
/// let inside = try parish.contains(x: 555_917, y: 6_323_195)
/// ```
public final class PreparedGeometry {
    /// The geometry this was prepared from.
    public let base: Geometry
    let handle: OpaquePointer

    /// Prepares `base`.
    /// - Throws: ``GeometryError/geos(operation:message:)`` when GEOS fails.
    public init(_ base: Geometry) throws(GeometryError) {
        base.context.begin()
        self.handle = try base.context.check(GEOSPrepare_r(base.context.handle, base.handle), "prepare")
        self.base = base
    }

    deinit {
        GEOSPreparedGeom_destroy_r(base.context.handle, handle)
    }

    private var context: GeometryContext { base.context }

    /// Whether `other` lies inside (interior, not only the boundary).
    public func contains(_ other: Geometry) throws(GeometryError) -> Bool {
        context.begin()
        return try context.checkPredicate(GEOSPreparedContains_r(context.handle, handle, other.handle), "preparedContains")
    }

    /// Whether `other` shares at least one point (boundary included).
    public func intersects(_ other: Geometry) throws(GeometryError) -> Bool {
        context.begin()
        return try context.checkPredicate(GEOSPreparedIntersects_r(context.handle, handle, other.handle), "preparedIntersects")
    }

    /// Whether the point (x, y) lies in the interior. Creates one temporary GEOS point.
    /// - Complexity: O(log n) after preparation for a polygon of n vertices, plus a point allocation.
    public func contains(x: Double, y: Double) throws(GeometryError) -> Bool {
        context.begin()
        let point = try context.check(GEOSGeom_createPointFromXY_r(context.handle, x, y), "createPoint")
        defer { GEOSGeom_destroy_r(context.handle, point) }
        return try context.checkPredicate(GEOSPreparedContains_r(context.handle, handle, point), "preparedContains")
    }

    /// Whether the point (x, y) lies in the interior or on the boundary.
    public func intersects(x: Double, y: Double) throws(GeometryError) -> Bool {
        context.begin()
        let point = try context.check(GEOSGeom_createPointFromXY_r(context.handle, x, y), "createPoint")
        defer { GEOSGeom_destroy_r(context.handle, point) }
        return try context.checkPredicate(GEOSPreparedIntersects_r(context.handle, handle, point), "preparedIntersects")
    }
}
