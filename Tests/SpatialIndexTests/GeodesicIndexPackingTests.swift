import GeoTypes
import SpatialIndex
import Testing
import TestSupport

/// Packing the index into blobs and loading it back gives the same index; damaged blobs give none.
@Suite("GeodesicIndex packing")
struct GeodesicIndexPackingTests {
    static func masks(_ count: Int, seed: UInt64) -> [UInt64] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in rng.next() & 0b111 }
    }

    static func load(_ parts: [[UInt8]]) -> GeodesicIndex? {
        guard let header = parts.first, var loader = header.withUnsafeBytes({ GeodesicIndex.PackedLoader(header: $0) }) else { return nil }
        for part in parts.dropFirst() {
            guard part.withUnsafeBytes({ loader.add($0) }) else { return nil }
        }
        return loader.finish()
    }

    /// The same neighbours with bit-identical distances.
    static func identical(_ a: [Neighbor], _ b: [Neighbor]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.rank == $1.rank && $0.distance == $1.distance }
    }

    @Test("a loaded index answers exactly as the one that was packed", arguments: [0, 1, 31, 33, 1_500])
    func roundTrip(count: Int) throws {
        let points = Scenario.aalborgClusters.points(count: count, seed: 11)
        let masks = Self.masks(count, seed: 12)
        let index = GeodesicIndex(points: points, attributes: masks)
        let loaded = try #require(Self.load(index.packed(pointsPerPart: 7)))
        #expect(loaded.count == count)
        #expect(loaded.packed(pointsPerPart: 7) == index.packed(pointsPerPart: 7))
        var rng = SeededGenerator(seed: 13)
        for _ in 0..<30 {
            let q = Scenario.aalborgClusters.point(&rng)
            for required: UInt64 in [0, 1, 3] {
                #expect(Self.identical(loaded.nearest(to: q, k: 9, requiring: required), index.nearest(to: q, k: 9, requiring: required)))
                #expect(Self.identical(loaded.nearest(to: q, k: 4, within: 3_000, requiring: required) { $0 % 3 != 0 },
                             index.nearest(to: q, k: 4, within: 3_000, requiring: required) { $0 % 3 != 0 }))
            }
        }
    }

    @Test("damaged blobs are refused, never read", arguments: [
        "short header", "wrong magic", "wrong count", "truncated part", "missing part", "extra part", "rank out of range",
    ])
    func damaged(_ damage: String) {
        let points = Scenario.aalborgClusters.points(count: 200, seed: 21)
        var parts = GeodesicIndex(points: points).packed(pointsPerPart: 64)
        switch damage {
        case "short header": parts[0] = Array(parts[0].prefix(20))
        case "wrong magic": parts[0][0] ^= 0xFF
        case "wrong count": parts[0][8] &+= 1
        case "truncated part": parts[2].removeLast()
        case "missing part": parts.removeLast()
        case "extra part": parts.append(parts[1])
        default:
            // The last rank of the first part: 0xFFFFFFFF.
            let n = parts[1].count
            for i in (n - 4)..<n { parts[1][i] = 0xFF }
        }
        #expect(Self.load(parts) == nil, "\(damage)")
    }

    /// The parts of `parts` served one at a time, counting reads; `damaged` parts are served wrong.
    final class PartServer {
        let parts: [[UInt8]]
        var reads: [Int] = []
        var damaged: Set<Int> = []
        init(_ parts: [[UInt8]]) { self.parts = parts }

        func serve(_ part: Int, _ fill: (UnsafeRawBufferPointer) -> Bool) -> Bool {
            reads.append(part)
            var bytes = parts[part + 1]
            if damaged.contains(part) { for i in (bytes.count - 4)..<bytes.count { bytes[i] = 0xFF } }
            return bytes.withUnsafeBytes(fill)
        }

        func paged() -> GeodesicIndex? {
            parts[0].withUnsafeBytes { GeodesicIndex.PackedLoader(header: $0) }?.finishPaged { [self] in serve($0, $1) }
        }
    }

    @Test("a paged index reads the parts its searches reach, once each, and answers exactly as the whole one",
          arguments: [1, 33, 1_500])
    func paged(count: Int) throws {
        let points = Scenario.aalborgClusters.points(count: count, seed: 14)
        let masks = Self.masks(count, seed: 15)
        let index = GeodesicIndex(points: points, attributes: masks)
        let server = PartServer(index.packed(pointsPerPart: 32))
        let paged = try #require(server.paged())
        #expect(server.reads.isEmpty, "nothing is read before a search")
        var rng = SeededGenerator(seed: 16)
        let first = Scenario.aalborgClusters.point(&rng)
        #expect(Self.identical(paged.nearest(to: first, k: 3), index.nearest(to: first, k: 3)))
        if count > 1_000 { #expect(server.reads.count < (server.parts.count - 1) / 4, "one query reads a few parts: \(server.reads)") }
        for _ in 0..<30 {
            let q = Scenario.aalborgClusters.point(&rng)
            for required: UInt64 in [0, 1, 3] {
                #expect(Self.identical(paged.nearest(to: q, k: 9, requiring: required), index.nearest(to: q, k: 9, requiring: required)))
                #expect(Self.identical(paged.within(radius: 800, of: q, requiring: required), index.within(radius: 800, of: q, requiring: required)))
            }
        }
        let queries = (0..<50).map { _ in Scenario.aalborgClusters.point(&rng) }
        #expect(paged.nearestNeighbors(to: queries) { _ in true }.ranks == index.nearestNeighbors(to: queries) { _ in true }.ranks)
        #expect(Set(server.reads).count == server.reads.count, "no part is read twice")
        #expect(!paged.hasUnreadablePart)
    }

    @Test("a paged index with a part that does not fit says so and never reports that part's points")
    func pagedDamage() throws {
        let points = Scenario.aalborgClusters.points(count: 400, seed: 17)
        let index = GeodesicIndex(points: points)
        let server = PartServer(index.packed(pointsPerPart: 50))
        server.damaged = [0, 3]
        let paged = try #require(server.paged())
        var rng = SeededGenerator(seed: 18)
        for _ in 0..<20 {
            let q = Scenario.aalborgClusters.point(&rng)
            let got = paged.nearest(to: q, k: 400)
            #expect(got.count <= 300, "the points of the two damaged parts are never reported")
        }
        #expect(paged.hasUnreadablePart)
        #expect(Set(server.reads) == Set(0..<8))
    }
}
