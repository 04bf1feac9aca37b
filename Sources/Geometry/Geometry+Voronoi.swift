import CGEOS

extension Geometry {
    /// The Voronoi cell of every site, clipped to `clip`, in the order of `sites`.
    ///
    /// Each cell is the part of `clip` nearer to its site than to any other. Duplicate sites share
    /// one cell; a site outside `clip` may get an empty cell (no polygons).
    ///
    /// - Parameters:
    ///   - sites: the generating points, in the plane of `clip`.
    ///   - clip: the area the cells are cut to (e.g. the municipality); its envelope also bounds the
    ///     diagram.
    /// - Returns: one ``MultiPolygon`` per site.
    /// - Throws: ``GeometryError/emptyInput(operation:)`` for no sites; GEOS errors otherwise.
    /// - Complexity: O(n log n) for the diagram plus one intersection per cell and a grid lookup per site.
    public static func voronoiCells<V: PolygonVertex>(sites: [V], clippedTo clip: Geometry) throws(GeometryError) -> [MultiPolygon<V>] {
        guard !sites.isEmpty else { throw .emptyInput(operation: "voronoiCells") }
        let context = clip.context
        let points = try Geometry(multiPoint: sites, context: context)
        context.begin()
        let diagram = try points.result(GEOSVoronoiDiagram_r(context.handle, points.handle, clip.handle, 0, 0), "voronoiDiagram")
        let cellCount = GEOSGetNumGeometries_r(context.handle, diagram.handle)
        guard cellCount >= 0 else { throw context.failure("getNumGeometries") }
        var cells: [(polygon: Polygon<V>, clipped: MultiPolygon<V>)] = []
        for i in 0..<cellCount {
            let cell = try context.check(GEOSGetGeometryN_r(context.handle, diagram.handle, i), "getGeometryN(\(i))")
            let raw = try diagram.polygonValue(of: cell, as: V.self)
            context.begin()
            let clipped = try diagram.result(GEOSIntersection_r(context.handle, cell, clip.handle), "intersection(cell \(i))")
            cells.append((raw, MultiPolygon(try clipped.polygons(as: V.self))))
        }
        // GEOS 3.11 does not keep input order: find the unclipped cell holding each site with a
        // point locator over the cells (O(n) instead of testing every cell for every site).
        let empty = MultiPolygon<V>([])
        let locator = PointLocator(districts: cells.map { MultiPolygon([$0.polygon]) })
        return sites.map { site in
            let hit = locator.locate(site) ?? cells.firstIndex {
                RingMath.pointInRing(site.x, site.y, $0.polygon.exterior) || RingMath.onBoundary(site.x, site.y, $0.polygon.exterior)
            }
            return hit.map { cells[$0].clipped } ?? empty
        }
    }
}
