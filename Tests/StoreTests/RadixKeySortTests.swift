import Testing
import GeoTypes
import TestSupport
@testable import Store

/// The R*Tree bulk load's radix sort orders keys exactly as a comparison sort does.
@Suite("Radix sort of R*Tree keys")
struct RadixKeySortTests {
    /// Keys as the sorter makes them: a 32-bit value drawn from `distinct` values (many ties), then the position.
    static func keys(count: Int, distinct: UInt64, seed: UInt64, spread: Bool) -> [UInt64] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { position in
            let raw = UInt64.random(in: 0..<distinct, using: &g)
            // Spread values over all four bytes, or keep the high bytes shared (skipped passes).
            let value = spread ? (raw &* 0x9E37_79B9) & 0xFFFF_FFFF : 0x8000_0000 | raw
            return value << 32 | UInt64(position)
        }
    }

    @Test("radix-sorted keys equal the standard library's sort, with ties, shared high bytes and small and large sizes",
          arguments: [(0, 7 as UInt64, true), (511, 3, true), (512, 3, false), (513, 1, true), (4_096, 1_000, false),
                      (100_000, 50_000, true), (100_000, 2, false), (300_000, 1 << 32, true)])
    func equalsComparisonSort(count: Int, distinct: UInt64, spread: Bool) {
        let original = Self.keys(count: count, distinct: distinct, seed: UInt64(count) &+ distinct, spread: spread)
        var radix = original
        RadixSort.byUpperHalf(&radix)
        #expect(radix == original.sorted())
    }

    @Test("entries sorted by value keep the order of arrival among equal values")
    func entriesStable() {
        var g = SeededGenerator(seed: 42)
        var entries = (0..<5_000).map { i in
            OverblikStore.RTreeEntry(id: Int64(i), minX: Float(Int.random(in: -20...20, using: &g)), maxX: 0,
                                     minY: -0.0, maxY: Float(i % 3 == 0 ? -0.0 : 0.0))
        }
        let expected = entries.enumerated().sorted { a, b in
            a.element.minX != b.element.minX ? a.element.minX < b.element.minX : a.offset < b.offset
        }.map(\.element.id)
        RTreeEntrySorter.sort(&entries) { $0.minX + $0.maxX }
        #expect(entries.map(\.id) == expected)
    }
}

/// The packed R*Tree's row map gives its pairs back by rowid, from memory or merged from spilled runs.
@Suite("R*Tree row map in bounded memory")
struct RowLeafPairsTests {
    @Test("pairs noted in any order come back by ascending rowid, whatever the run length",
          arguments: [1, 7, 1_000, 1 << 20])
    func byRowID(runLength: Int) throws {
        var g = SeededGenerator(seed: UInt64(runLength))
        let rowIDs = (1...5_000).map { Int64($0) * 3 + (Int64($0) % 5 == 0 ? 4_000_000_000 : 0) }.shuffled(using: &g)
        let pairs = RowLeafPairs(runLength: runLength)
        for (n, rowID) in rowIDs.enumerated() { try pairs.append(rowID: rowID, leaf: Int64(n % 97)) }
        var back: [(Int64, Int64)] = []
        try pairs.drain { back.append(($0, $1)) }
        let leafOf = Dictionary(uniqueKeysWithValues: rowIDs.enumerated().map { ($1, Int64($0 % 97)) })
        #expect(pairs.count == 5_000)
        #expect(back.map(\.0) == rowIDs.sorted())
        #expect(back.allSatisfy { leafOf[$0.0] == $0.1 })
    }
}
