import GeoTypes
import Geometry
import Testing
import TestSupport

/// Valid but hostile polygons (issue 14, item 3): the locator's memory stays linear in the edges,
/// nothing overflows, and the answers still agree with GEOS.
@Suite("Point locator on hostile polygons")
struct HostilePolygonTests {
    /// A sawtooth: `teeth` tall thin teeth along x (every edge spans the whole height).
    static func sawtooth(teeth: Int, transposed: Bool = false) throws -> MultiPolygon<PlanarXY> {
        var ring: [PlanarXY] = []
        let width = 1_000.0
        for i in 0..<teeth {
            let x = width * Double(i) / Double(teeth)
            ring.append(PlanarXY(x: x, y: 0))
            ring.append(PlanarXY(x: x + width / Double(teeth) / 2, y: 1_000))
        }
        ring += [PlanarXY(x: width, y: 0), PlanarXY(x: width, y: -10), PlanarXY(x: 0, y: -10), ring[0]]
        // Counter-clockwise exterior is not needed for the locator; GEOS accepts either.
        if transposed { ring = ring.map { PlanarXY(x: $0.y, y: $0.x) } }
        return MultiPolygon([try Polygon(exterior: ring)])
    }

    /// Two interleaved combs: teeth from the bottom and from the left, in one area each.
    static func doubleComb(teeth: Int) throws -> [MultiPolygon<PlanarXY>] {
        [try sawtooth(teeth: teeth), try sawtooth(teeth: teeth, transposed: true)]
    }

    @Test("edge entries stay within 8 per edge for sawtooths and combs", arguments: [1_000, 20_000])
    func memoryIsLinear(teeth: Int) throws {
        for districts in [[try Self.sawtooth(teeth: teeth)], [try Self.sawtooth(teeth: teeth, transposed: true)],
                          try Self.doubleComb(teeth: teeth)] {
            let storage = PointLocator(districts: districts).storage
            #expect(storage.edgeEntries <= 8 * storage.edges, "\(storage)")
            #expect(storage.candidates <= 8 * storage.edges + storage.gridCells, "\(storage)")
        }
    }

    @Test("sawtooth, transposed sawtooth and double comb agree with GEOS on random points", arguments: [50, 2_000])
    func agreesWithGEOS(teeth: Int) throws {
        let envelope = Envelope(minX: -20, minY: -20, maxX: 1_020, maxY: 1_020)
        for districts in [[try Self.sawtooth(teeth: teeth)], [try Self.sawtooth(teeth: teeth, transposed: true)],
                          try Self.doubleComb(teeth: teeth)] {
            let inside = try PointLocatorTests().assertAgreesWithGEOS(districts, envelope: envelope, count: 4_000, gridSize: nil)
            #expect(inside > 100)
        }
    }

    @Test("a sawtooth of 300 000 teeth (600 000 edges spanning everything) builds without overflow in bounded memory")
    func hugeSawtooth() throws {
        let locator = PointLocator(districts: [try Self.sawtooth(teeth: 300_000)])
        let storage = locator.storage
        #expect(storage.edges > 600_000)
        #expect(storage.edgeEntries <= 8 * storage.edges)
        // Inside the solid base, outside below it, and inside a tooth near its foot.
        #expect(locator.locate(PlanarXY(x: 500, y: -5)) == 0)
        #expect(locator.locate(PlanarXY(x: 500, y: -50)) == nil)
        #expect(locator.locate(PlanarXY(x: 1_000.0 / 300_000 * 0.25, y: 0.01)) == 0)
    }
}
