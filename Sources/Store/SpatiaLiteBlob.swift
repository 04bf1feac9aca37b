/// SpatiaLite's own geometry BLOB for a point, written directly instead of calling `MakePoint` per
/// row (a SQL function call and an allocation inside SpatiaLite for every inserted row).
///
/// Layout (SpatiaLite "BLOB-Geometry", little-endian): `0x00` start, `0x01` byte order, SRID as
/// Int32, the MBR as four Float64 (min x, min y, max x, max y), `0x7C`, the class (1 = POINT) as
/// Int32, x and y as Float64, `0xFE` end: 60 bytes. `SpatiaLiteBlobTests` checks it byte for byte
/// against `MakePoint(x, y, srid)`.
struct SpatiaLitePoint {
    static let size = 60
    /// The blob's bytes; rewritten in place by ``set(x:y:)``.
    private(set) var bytes: [UInt8]

    init(srid: Int32 = 4326) {
        bytes = [UInt8](repeating: 0, count: Self.size)
        bytes[1] = 0x01
        Self.put(UInt32(bitPattern: srid), into: &bytes, at: 2)
        bytes[38] = 0x7C
        Self.put(UInt32(1), into: &bytes, at: 39)
        bytes[59] = 0xFE
    }

    /// Sets the point (and its MBR, the point itself) to (`x`, `y`).
    mutating func set(x: Double, y: Double) {
        bytes.withUnsafeMutableBytes { raw in
            for offset in [6, 22, 43] {
                raw.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
                raw.storeBytes(of: y.bitPattern.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
            }
        }
    }

    /// The point's box as an R*Tree entry of row `id` (bounds rounded outwards to 32-bit floats).
    func box(id: Int64) -> OverblikStore.RTreeEntry {
        bytes.withUnsafeBytes { raw in
            let x = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 43, as: UInt64.self)))
            let y = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 51, as: UInt64.self)))
            return OverblikStore.RTreeEntry(id: id, minX: OverblikStore.down(x), maxX: OverblikStore.up(x),
                                            minY: OverblikStore.down(y), maxY: OverblikStore.up(y))
        }
    }

    private static func put(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self) }
    }
}
