import Testing
import TestSupport
@testable import Store

/// The point blob the store writes itself is byte for byte SpatiaLite's own.
@Suite("SpatiaLite point blobs")
struct SpatiaLiteBlobTests {
    @Test("a point blob equals MakePoint's for ordinary and extreme coordinates",
          arguments: [(9.9217123456789, 57.0488123456789), (0.0, 0.0), (-180.0, -90.0), (180.0, 90.0), (-0.0, 1e-300), (12.5, -33.25)])
    func sameAsMakePoint(_ x: Double, _ y: Double) throws {
        let database = try Database(path: ":memory:")
        var point = SpatiaLitePoint()
        point.set(x: x, y: y)
        let made = try database.scalar("SELECT MakePoint(?, ?, 4326)", [.real(x), .real(y)])?.bytes
        #expect(made == point.bytes)
        #expect(try database.scalar("SELECT ST_X(?) = ? AND ST_Y(?) = ? AND ST_SRID(?) = 4326",
                                    [.blob(point.bytes), .real(x), .blob(point.bytes), .real(y), .blob(point.bytes)])?.int == 1)
    }
}
