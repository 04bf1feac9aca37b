import Foundation
import Testing
import Geometry

@Suite("Geometry operations through GEOS")
struct GeometryOperationTests {
    let context: GeometryContext
    init() throws { context = try GeometryContext() }

    func square(_ x0: Double, _ y0: Double, _ side: Double) throws -> Geometry {
        try Geometry(polygon: Polygon(exterior: xy([(x0, y0), (x0 + side, y0), (x0 + side, y0 + side),
                                                     (x0, y0 + side), (x0, y0)])), context: context)
    }

    @Test("A GEOS failure carries GEOS's own message")
    func errorsCarryTheGEOSMessage() {
        do {
            _ = try Geometry(wkt: "POLYGON((0 0, 1 0", context: context)
            Issue.record("bad WKT was accepted")
        } catch let GeometryError.geos(operation, message) {
            #expect(operation == "WKT read")
            #expect(!message.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("Garbage WKB is rejected with a typed error")
    func badWKB() {
        #expect(throws: GeometryError.self) { _ = try Geometry(wkb: [1, 3, 0, 0, 0, 9], context: context) }
    }

    @Test("WKB round-trips a polygon with a hole exactly, little-endian and 2-D")
    func wkbRoundTrip() throws {
        let polygon = try Polygon(exterior: xy([(555_917.03, 6_323_195.55), (556_000, 6_323_195.55), (556_000, 6_323_300),
                                                (555_917.03, 6_323_195.55)]),
                                  holes: [xy([(555_990, 6_323_210), (555_995, 6_323_220), (555_995, 6_323_210), (555_990, 6_323_210)])])
        let wkb = try Geometry(polygon: polygon, context: context).wkb()
        #expect(wkb[0] == 1, "NDR byte order")
        #expect(Array(wkb[1...4]) == [3, 0, 0, 0], "type 3 = Polygon, no Z")
        #expect(wkb.count == 1 + 4 + 4 + (4 + 4 * 16) + (4 + 4 * 16))
        let back = try Geometry(wkb: wkb, context: context).polygons(as: PlanarXY.self)
        #expect(back == [polygon])
    }

    @Test("Area, intersection, union and difference of two overlapping squares")
    func booleanOperations() throws {
        let a = try square(0, 0, 10), b = try square(5, 5, 10)
        #expect(try a.area() == 100)
        #expect(try a.intersection(b).area() == 25)
        #expect(try a.union(b).area() == 175)
        #expect(try a.difference(b).area() == 75)
        #expect(try a.length() == 40)
        #expect(try a.envelope() == Envelope(minX: 0, minY: 0, maxX: 10, maxY: 10))
    }

    @Test("Unary union dissolves overlapping circles into one polygon")
    func unaryUnionOfCircles() throws {
        let circles = try (0..<5).map { i in try Geometry(point: PlanarXY(x: Double(i) * 100, y: 0), context: context).buffer(80) }
        let union = try Geometry.unaryUnion(of: circles, context: context)
        let parts = try union.polygons(as: PlanarXY.self)
        #expect(parts.count == 1)
        let sum = try circles.reduce(0.0) { $0 + (try $1.area()) }
        #expect(try union.area() < sum)
        #expect(try union.area() > Double.pi * 80 * 80 * 3)
    }

    @Test("A buffer of a point approximates the circle area", arguments: [8, 32])
    func bufferArea(quadrantSegments: Int) throws {
        let circle = try Geometry(point: PlanarXY(x: 500_000, y: 6_300_000), context: context)
            .buffer(1_000, quadrantSegments: quadrantSegments)
        let exact = Double.pi * 1_000_000
        let n = Double(4 * quadrantSegments)
        let inscribed = n / 2 * 1_000_000 * sin(2 * Double.pi / n)
        #expect(abs(try circle.area() - inscribed) < 1, "a regular \(Int(n))-gon")
        #expect(try circle.area() < exact)
    }

    @Test("The convex hull of an L shape fills the notch")
    func convexHull() throws {
        let l = try Geometry(polygon: Polygon(exterior: xy([(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10), (0, 0)])),
                             context: context)
        #expect(try l.area() == 36)
        #expect(try l.convexHull().area() == 100 - 32)
    }

    @Test("makeValid turns a bow tie into two valid triangles")
    func makeValidBowTie() throws {
        let bowTie = try Geometry(wkt: "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))", context: context)
        #expect(try !bowTie.isValid())
        #expect(try bowTie.validityReason().contains("Self-intersection"))
        let fixed = try bowTie.makeValid()
        #expect(try fixed.isValid())
        #expect(try fixed.polygons(as: PlanarXY.self).count == 2)
        #expect(abs(try fixed.area() - 50) < 1e-9)
    }

    @Test("Prepared contains agrees with the unprepared predicate and excludes the boundary")
    func preparedContains() throws {
        let shape = try square(0, 0, 10)
        let prepared = try shape.prepared()
        #expect(try prepared.contains(x: 5, y: 5))
        #expect(try !prepared.contains(x: 10, y: 5))
        #expect(try prepared.intersects(x: 10, y: 5))
        #expect(try !prepared.contains(x: 11, y: 5))
        #expect(try shape.contains(Geometry(point: PlanarXY(x: 5, y: 5), context: context)))
    }

    @Test("Voronoi cells come back in site order, clipped to the square")
    func voronoiCells() throws {
        let clip = try square(0, 0, 10)
        let sites = xy([(7.5, 2.5), (2.5, 2.5), (2.5, 7.5), (7.5, 7.5), (2.5, 2.5)])
        let cells = try Geometry.voronoiCells(sites: sites, clippedTo: clip)
        #expect(cells.count == 5)
        for (site, cell) in zip(sites, cells) {
            #expect(abs(cell.area - 25) < 1e-9, "cell of \(site)")
            let envelope = try #require(cell.envelope)
            #expect(envelope.contains(x: site.x, y: site.y))
        }
        #expect(cells[1] == cells[4], "duplicate sites share a cell")
    }

    @Test("Polygons read back from GEOS convert to MultiPolygon values; lines do not")
    func conversionErrors() throws {
        let line = try Geometry(lineString: xy([(0, 0), (1, 1)]), context: context)
        #expect(throws: GeometryError.unexpectedType(operation: "multiPolygon()", expected: "a polygonal geometry",
                                                     found: "LineString")) {
            _ = try line.multiPolygon(as: PlanarXY.self)
        }
        #expect(try line.points(as: PlanarXY.self) == xy([(0, 0), (1, 1)]))
    }
}
