public import GeoTypes

/// Polygon rings as plain coordinates: polygons → rings (exterior first, then holes) → closed rings.
public typealias MultiPolygonRings = [[[Coordinate]]]

/// Minimal well-known-binary codec for the shapes the store keeps (little-endian, 2-D).
package enum WKB {
    package static func encode(multiPolygon: MultiPolygonRings) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(9 + multiPolygon.reduce(0) { $0 + $1.reduce(9) { $0 + 4 + $1.count * 16 } })
        out.append(1)
        appendUInt32(6, to: &out)
        appendUInt32(UInt32(multiPolygon.count), to: &out)
        for polygon in multiPolygon {
            out.append(1)
            appendUInt32(3, to: &out)
            appendUInt32(UInt32(polygon.count), to: &out)
            for ring in polygon {
                appendUInt32(UInt32(ring.count), to: &out)
                for c in ring {
                    appendDouble(c.lon, to: &out)
                    appendDouble(c.lat, to: &out)
                }
            }
        }
        return out
    }

    /// Decodes Polygon or MultiPolygon WKB into rings; nil for anything else or a truncated blob.
    package static func decodeMultiPolygon(_ bytes: [UInt8]) -> MultiPolygonRings? {
        var reader = Reader(bytes: bytes)
        guard let type = reader.header() else { return nil }
        switch type {
        case 3: return reader.polygon().map { [$0] }
        case 6:
            guard let count = reader.uint32() else { return nil }
            var polygons: MultiPolygonRings = []
            for _ in 0..<count {
                guard reader.header() == 3, let polygon = reader.polygon() else { return nil }
                polygons.append(polygon)
            }
            return polygons
        default: return nil
        }
    }

    private static func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendDouble(_ value: Double, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var littleEndian = true

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func header() -> UInt32? {
            guard offset < bytes.count else { return nil }
            littleEndian = bytes[offset] == 1
            offset += 1
            return uint32()
        }

        mutating func uint32() -> UInt32? {
            guard offset + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for i in 0..<4 { value |= UInt32(bytes[offset + i]) << (8 * i) }
            offset += 4
            return littleEndian ? value : value.byteSwapped
        }

        mutating func double() -> Double? {
            guard offset + 8 <= bytes.count else { return nil }
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * i) }
            offset += 8
            return Double(bitPattern: littleEndian ? value : value.byteSwapped)
        }

        mutating func polygon() -> [[Coordinate]]? {
            guard let ringCount = uint32() else { return nil }
            var rings: [[Coordinate]] = []
            for _ in 0..<ringCount {
                guard let n = uint32(), Int(n) * 16 <= bytes.count - offset else { return nil }
                var ring: [Coordinate] = []
                ring.reserveCapacity(Int(n))
                for _ in 0..<n {
                    guard let x = double(), let y = double() else { return nil }
                    ring.append(Coordinate(lon: x, lat: y))
                }
                rings.append(ring)
            }
            return rings
        }
    }
}
