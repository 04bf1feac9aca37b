import GeoTypes

/// Why stored network bytes could not be read back.
public struct RoadNetworkDecodingError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "stored road network: \(message)" }
}

extension RoadNetwork {
    /// The version of ``encoded()``'s layout.
    public static let byteFormat: UInt32 = 1

    /// The network as little-endian bytes: a header (magic "OVRN", format, mode, node and segment
    /// counts), then the node coordinates (2 × Float64) and the segment arrays (2 × UInt32 ends,
    /// Float64 metres, Float64 m/s, UInt8 directions). The CSR arrays are derived on load.
    /// About 16 bytes a node and 25 a segment.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = Array("OVRN".utf8)
        out.reserveCapacity(24 + nodeCount * 16 + segmentCount * 25)
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        put(Self.byteFormat)
        put(UInt32(TravelMode.allCases.firstIndex(of: mode)!))
        put(UInt32(nodeCount)); put(UInt32(segmentCount))
        for c in coordinates { put(c.lon.bitPattern); put(c.lat.bitPattern) }
        for v in segmentFrom { put(v) }
        for v in segmentTo { put(v) }
        for v in segmentMetres { put(v.bitPattern) }
        for v in segmentSpeed { put(v.bitPattern) }
        out += segmentDirections
        return out
    }

    /// Reads bytes written by ``encoded()``.
    /// - Throws: ``RoadNetworkDecodingError`` for a wrong magic, format, size or node id.
    public init(decoding bytes: [UInt8]) throws(RoadNetworkDecodingError) {
        var at = 0
        func fail(_ m: String) -> RoadNetworkDecodingError { RoadNetworkDecodingError(message: m) }
        func get<T: FixedWidthInteger>(_: T.Type) -> T {
            var v: T = 0
            withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: bytes[at..<at + MemoryLayout<T>.size]) }
            at += MemoryLayout<T>.size
            return T(littleEndian: v)
        }
        guard bytes.count >= 20, Array(bytes[0..<4]) == Array("OVRN".utf8) else { throw fail("not a road network (bad magic)") }
        at = 4
        guard get(UInt32.self) == Self.byteFormat else { throw fail("format is not \(Self.byteFormat)") }
        let modeIndex = Int(get(UInt32.self))
        guard modeIndex < TravelMode.allCases.count else { throw fail("unknown mode \(modeIndex)") }
        let n = Int(get(UInt32.self)), m = Int(get(UInt32.self))
        guard bytes.count == 20 + n * 16 + m * 25 else { throw fail("\(bytes.count) bytes; expected \(20 + n * 16 + m * 25)") }
        let coordinates = (0..<n).map { _ in
            Coordinate(lon: Double(bitPattern: get(UInt64.self)), lat: Double(bitPattern: get(UInt64.self)))
        }
        let from = (0..<m).map { _ in get(UInt32.self) }, to = (0..<m).map { _ in get(UInt32.self) }
        guard (from + to).allSatisfy({ Int($0) < n }) else { throw fail("segment end beyond \(n) nodes") }
        let metres = (0..<m).map { _ in Double(bitPattern: get(UInt64.self)) }
        let speed = (0..<m).map { _ in Double(bitPattern: get(UInt64.self)) }
        let directions = Array(bytes[at..<at + m])
        self.init(mode: TravelMode.allCases[modeIndex], coordinates: coordinates, segmentFrom: from, segmentTo: to,
                  segmentMetres: metres, segmentSpeed: speed, segmentDirections: directions)
    }
}
