import CGEOS

/// A GEOS geometry handle, owned and destroyed with this object.
///
/// Keeps its ``GeometryContext`` alive and must be used on the thread that owns that context.
/// Build one from value types (``Polygon``, ``MultiPolygon``, points), from WKB (the store's
/// exchange format with SpatiaLite's `ST_GeomFromWKB` / `ST_AsBinary`) or from WKT.
public final class Geometry {
    /// The context every operation on this geometry runs in.
    public let context: GeometryContext
    let handle: OpaquePointer

    /// Takes ownership of a GEOS geometry created in `context`.
    init(owning handle: OpaquePointer, context: GeometryContext) {
        self.handle = handle
        self.context = context
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, handle)
    }

    // MARK: - From values

    /// Creates a GEOS polygon from a value polygon.
    /// - Throws: ``GeometryError/geos(operation:message:)`` when GEOS rejects a ring.
    public convenience init<V>(polygon: Polygon<V>, context: GeometryContext) throws(GeometryError) {
        self.init(owning: try Self.makePolygon(polygon, context), context: context)
    }

    /// Creates a GEOS MultiPolygon from value polygons.
    public convenience init<V>(multiPolygon: MultiPolygon<V>, context: GeometryContext) throws(GeometryError) {
        var parts: [OpaquePointer?] = []
        do {
            for polygon in multiPolygon.polygons { parts.append(try Self.makePolygon(polygon, context)) }
        } catch {
            for part in parts { GEOSGeom_destroy_r(context.handle, part) }
            throw error
        }
        context.begin()
        let handle = try context.check(parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(GEOS_MULTIPOLYGON.rawValue), $0.baseAddress, UInt32($0.count))
        }, "createCollection(MultiPolygon)")
        self.init(owning: handle, context: context)
    }

    /// Creates a GEOS Point.
    public convenience init<V: PolygonVertex>(point: V, context: GeometryContext) throws(GeometryError) {
        context.begin()
        let handle = try context.check(GEOSGeom_createPointFromXY_r(context.handle, point.x, point.y), "createPoint")
        self.init(owning: handle, context: context)
    }

    /// Creates a GEOS MultiPoint (the input of ``voronoiCells(sites:clippedTo:)`` and convex hulls).
    public convenience init<V: PolygonVertex>(multiPoint points: [V], context: GeometryContext) throws(GeometryError) {
        var parts: [OpaquePointer?] = []
        context.begin()
        for p in points {
            guard let g = GEOSGeom_createPointFromXY_r(context.handle, p.x, p.y) else {
                for part in parts { GEOSGeom_destroy_r(context.handle, part) }
                throw context.failure("createPoint")
            }
            parts.append(g)
        }
        let handle = try context.check(parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(GEOS_MULTIPOINT.rawValue), $0.baseAddress, UInt32($0.count))
        }, "createCollection(MultiPoint)")
        self.init(owning: handle, context: context)
    }

    /// Creates a GEOS LineString (an open path).
    public convenience init<V: PolygonVertex>(lineString points: [V], context: GeometryContext) throws(GeometryError) {
        let sequence = try Self.makeSequence(points, context)
        context.begin()
        let handle = try context.check(GEOSGeom_createLineString_r(context.handle, sequence), "createLineString")
        self.init(owning: handle, context: context)
    }

    // MARK: - WKB / WKT

    /// Parses standard (ISO/OGC) WKB, as written by SpatiaLite's `ST_AsBinary` or PostGIS.
    /// - Throws: ``GeometryError/geos(operation:message:)`` with GEOS's parse message.
    /// - Complexity: O(size).
    public convenience init(wkb: [UInt8], context: GeometryContext) throws(GeometryError) {
        context.begin()
        let reader = try context.check(GEOSWKBReader_create_r(context.handle), "WKBReader_create")
        defer { GEOSWKBReader_destroy_r(context.handle, reader) }
        let handle = try context.check(wkb.withUnsafeBufferPointer {
            GEOSWKBReader_read_r(context.handle, reader, $0.baseAddress, $0.count)
        }, "WKB read (\(wkb.count) bytes)")
        self.init(owning: handle, context: context)
    }

    /// Parses WKT such as `POLYGON((0 0, 1 0, 1 1, 0 0))`.
    public convenience init(wkt: String, context: GeometryContext) throws(GeometryError) {
        context.begin()
        let reader = try context.check(GEOSWKTReader_create_r(context.handle), "WKTReader_create")
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        let handle = try context.check(GEOSWKTReader_read_r(context.handle, reader, wkt), "WKT read")
        self.init(owning: handle, context: context)
    }

    /// This geometry as 2-D little-endian WKB (for SpatiaLite's `ST_GeomFromWKB(?, srid)`).
    public func wkb() throws(GeometryError) -> [UInt8] {
        context.begin()
        let writer = try context.check(GEOSWKBWriter_create_r(context.handle), "WKBWriter_create")
        defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
        GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)
        GEOSWKBWriter_setByteOrder_r(context.handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        var size = 0
        let bytes = try context.check(GEOSWKBWriter_write_r(context.handle, writer, handle, &size), "WKB write")
        defer { GEOSFree_r(context.handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    /// This geometry as WKT (full precision, trimmed trailing zeros).
    public func wkt() throws(GeometryError) -> String {
        context.begin()
        let writer = try context.check(GEOSWKTWriter_create_r(context.handle), "WKTWriter_create")
        defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
        let text = try context.check(GEOSWKTWriter_write_r(context.handle, writer, handle), "WKT write")
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    // MARK: - Building blocks

    static func makeSequence<V: PolygonVertex>(_ points: [V], _ context: GeometryContext) throws(GeometryError) -> OpaquePointer {
        var buffer: [Double] = []
        buffer.reserveCapacity(points.count * 2)
        for p in points { buffer.append(p.x); buffer.append(p.y) }
        context.begin()
        return try context.check(buffer.withUnsafeBufferPointer {
            GEOSCoordSeq_copyFromBuffer_r(context.handle, $0.baseAddress, UInt32(points.count), 0, 0)
        }, "CoordSeq_copyFromBuffer")
    }

    static func makeRing<V: PolygonVertex>(_ ring: [V], _ context: GeometryContext, index: Int) throws(GeometryError) -> OpaquePointer {
        let sequence = try makeSequence(ring, context)
        // createLinearRing takes ownership of the sequence, also on failure.
        return try context.check(GEOSGeom_createLinearRing_r(context.handle, sequence), "createLinearRing(ring \(index))")
    }

    static func makePolygon<V>(_ polygon: Polygon<V>, _ context: GeometryContext) throws(GeometryError) -> OpaquePointer {
        let shell = try makeRing(polygon.exterior, context, index: 0)
        var holes: [OpaquePointer?] = []
        for (i, hole) in polygon.holes.enumerated() {
            do {
                holes.append(try makeRing(hole, context, index: i + 1))
            } catch {
                GEOSGeom_destroy_r(context.handle, shell)
                for h in holes { GEOSGeom_destroy_r(context.handle, h) }
                throw error
            }
        }
        context.begin()
        return try context.check(holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(context.handle, shell, $0.baseAddress, UInt32($0.count))
        }, "createPolygon")
    }
}
