import TestSupport
import Testing
import GeoTypes
import Geometry

@Suite("Point locator")
struct PointLocatorTests {
    @Test("Synthetic districts with a hole and an island agree with GEOS on random points")
    func syntheticAgreesWithGEOS() throws {
        let a = MultiPolygon([try Polygon(exterior: xy([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]),
                                          holes: [xy([(3, 3), (3, 6), (6, 6), (6, 3), (3, 3)])]),
                              try Polygon(exterior: xy([(20, 20), (25, 20), (22, 24), (20, 20)]))])
        let b = MultiPolygon([try Polygon(exterior: xy([(10, 0), (18, 0), (14, 12), (10, 10), (10, 0)]))])
        let c = MultiPolygon([try Polygon(exterior: xy([(3, 3), (6, 3), (6, 6), (3, 6), (3, 3)]))])  // fills a's hole
        let districts = [a, b, c]
        try assertAgreesWithGEOS(districts, envelope: Envelope(minX: -2, minY: -2, maxX: 27, maxY: 27), count: 20_000, gridSize: 8)
        let locator = PointLocator(districts: districts)
        #expect(locator.locate(PlanarXY(x: 4, y: 4)) == 2)
        #expect(locator.locate(PlanarXY(x: 1, y: 1)) == 0)
        #expect(locator.locate(PlanarXY(x: 22, y: 21)) == 0)
        #expect(locator.locate(PlanarXY(x: 15, y: 3)) == 1)
        #expect(locator.locate(PlanarXY(x: 30, y: 30)) == nil)
    }

    @Test("Overlapping districts resolve to the lowest index", arguments: [4, 64])
    func overlapsGoToTheFirst(gridSize: Int) throws {
        let big = MultiPolygon([try Polygon(exterior: xy([(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)]))])
        let small = MultiPolygon([try Polygon(exterior: xy([(40, 40), (60, 40), (60, 60), (40, 60), (40, 40)]))])
        #expect(PointLocator(districts: [small, big], gridSize: gridSize).locate(PlanarXY(x: 50, y: 50)) == 0)
        #expect(PointLocator(districts: [big, small], gridSize: gridSize).locate(PlanarXY(x: 50, y: 50)) == 0)
        #expect(PointLocator(districts: [small, big], gridSize: gridSize).locate(PlanarXY(x: 10, y: 50)) == 1)
    }

    @Test("All 57 Aalborg parishes are valid polygons", .enabled(if: ParishFixture.available, "../shared/data is not beside the project"))
    func parishesAreValid() throws {
        let parishes = try ParishFixture.load()
        #expect(parishes.count == 57)
        let context = try GeometryContext()
        for parish in parishes {
            let problems = context.problems(of: parish.shape)
            #expect(problems.isEmpty, "\(parish.name) (\(parish.code)): \(problems)")
        }
    }

    @Test("Parish areas from GEOS match the area_km2 column within 2 percent", .enabled(if: ParishFixture.available, "../shared/data is not beside the project"))
    func parishAreas() throws {
        let parishes = try ParishFixture.load()
        let context = try GeometryContext()
        var total = 0.0
        for parish in parishes {
            let metres = MultiPolygon(try parish.shape.polygons.map { p in
                try Polygon(exterior: p.exterior.map(ParishFixture.localMetres), holes: p.holes.map { $0.map(ParishFixture.localMetres) })
            })
            let area = try Geometry(multiPolygon: metres, context: context).area()
            #expect(abs(area - metres.area) < 1, "GEOS and Swift shoelace agree for \(parish.name)")
            total += area
        }
        #expect(abs(total / 1e6 - 1137.3) / 1137.3 < 0.02, "municipality area \(total / 1e6) km²")
    }

    @Test("Random points over the municipality land in the same parish as a brute-force GEOS contains", .enabled(if: ParishFixture.available, "../shared/data is not beside the project"))
    func parishesAgreeWithGEOS() throws {
        let parishes = try ParishFixture.load()
        let shapes = parishes.map(\.shape)
        let envelope = shapes.compactMap(\.envelope).reduce(shapes[0].envelope!) { $0.union($1) }
        let hits = try assertAgreesWithGEOS(shapes, envelope: envelope, count: 20_000, gridSize: nil)
        #expect(hits > 5_000, "many random points in the envelope fall on land (the fjord takes the rest)")
    }

    /// Compares the locator with prepared GEOS contains over random points; returns how many were inside some district.
    @discardableResult
    func assertAgreesWithGEOS<V: PolygonVertex>(_ districts: [MultiPolygon<V>], envelope: Envelope, count: Int,
                                                gridSize: Int?) throws -> Int {
        let context = try GeometryContext()
        let prepared = try districts.map { try Geometry(multiPolygon: $0, context: context).prepared() }
        let locator = PointLocator(districts: districts, gridSize: gridSize)
        var generator = SeededGenerator(seed: 20_140_213)
        var inside = 0, mismatches: [String] = []
        let points = (0..<count).map { _ in
            PlanarXY(x: Double.random(in: envelope.minX...envelope.maxX, using: &generator),
                     y: Double.random(in: envelope.minY...envelope.maxY, using: &generator))
        }
        let found = locator.locateAll(points)
        for (point, got) in zip(points, found) {
            let expected = try prepared.firstIndex { try $0.contains(x: point.x, y: point.y) }
            if expected != nil { inside += 1 }
            if got != expected { mismatches.append("\(point): locator \(String(describing: got)), GEOS \(String(describing: expected))") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3))")
        return inside
    }
}
