import GeoTypes
import CPrefetch

/// Orders the boxes of an R*Tree bulk load (``OverblikStore``'s `bulkLoadRTree`) by the centre of
/// their x extent in bounded memory: runs of at most `runLength` boxes are sorted in memory; when a
/// layer has more, each run is written to a temporary file and the runs are merged (``SpilledRuns``).
/// Ties keep their order of arrival, as one sort of all boxes would.
///
/// ```swift
/// let sorter = RTreeEntrySorter(runLength: 1 << 20)
/// for box in boxes { try sorter.append(box) }
/// try sorter.drain { box in ... }   // in x order
/// ```
final class RTreeEntrySorter {
    typealias Entry = OverblikStore.RTreeEntry
    let runLength: Int
    private var run: [Entry] = []
    private let runs = SpilledRuns<Entry>(what: "the R*Tree's boxes")

    /// How many entries were appended, and their smallest and largest ids.
    private(set) var count = 0
    private(set) var lowestID = Int64.max, highestID = Int64.min

    init(runLength: Int) {
        self.runLength = max(1, runLength)
    }

    private static func before(_ a: Entry, _ b: Entry) -> Bool { key(a.minX + a.maxX) < key(b.minX + b.maxX) }

    /// `value`'s bits as an unsigned number that orders as the value does (-0 before +0).
    private static func key(_ value: Float) -> UInt32 {
        let bits = value.bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    /// The order of `entries` by `value`, ties in their order: 64-bit keys (the value's ordered
    /// bits, then the entry's position, which the lower half holds) radix-sorted on the value's bits
    /// (`RadixSort` of GeoTypes), many times faster than sorting the entries with a comparison closure.
    static func order(_ entries: [Entry], by value: (Entry) -> Float) -> [UInt64] {
        precondition(entries.count < Int(UInt32.max))
        var keys = entries.enumerated().map { UInt64(key(value($1))) << 32 | UInt64($0) }
        RadixSort.byUpperHalf(&keys)
        return keys
    }

    /// The position an ``order(_:by:)`` key stands for.
    @inline(__always) static func position(_ key: UInt64) -> Int { Int(key & 0xFFFF_FFFF) }

    /// Calls `body` with `entries[position(k)]` for each key `k` of `keys[range]`, in turn: a
    /// gather through memory, the entry some keys ahead fetched into cache while the caller works.
    static func gather(_ entries: [Entry], _ keys: ArraySlice<UInt64>, _ body: (Entry) throws -> Void) rethrows {
        let ahead = 16
        try entries.withUnsafeBufferPointer { e in
            guard let base = e.baseAddress else { return }
            var i = keys.startIndex
            while i < keys.endIndex {
                if i + ahead < keys.endIndex { overblik_prefetch(base + position(keys[i + ahead])) }
                try body(e[position(keys[i])])
                i += 1
            }
        }
    }

    /// Sorts `entries` by `value`, ties in their order (a stable sort by `value`), in place.
    static func sort(_ entries: inout [Entry], by value: (Entry) -> Float) {
        var keys = order(entries, by: value)
        // entries[i] = old entries[position in keys[i]], in place, cycle by cycle (no second copy).
        let done = UInt64.max
        for start in keys.indices where keys[start] != done {
            let first = entries[start]
            var j = start
            while true {
                let source = position(keys[j])
                keys[j] = done
                if source == start { entries[j] = first; break }
                entries[j] = entries[source]
                j = source
            }
        }
    }

    func append(_ entry: Entry) throws {
        count += 1
        (lowestID, highestID) = (min(lowestID, entry.id), max(highestID, entry.id))
        run.append(entry)
        if run.count == runLength { try spill() }
    }

    /// Sorts the run in memory and appends it to the temporary file: written in order, gathered
    /// through its sorted keys (reads that do not wait on each other, unlike following the
    /// permutation's cycles in place).
    private func spill() throws {
        let keys = Self.order(run) { $0.minX + $0.maxX }
        try runs.write { put in try Self.gather(run, keys[...], put) }
        run.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every entry appended, in order of the centre of the x extent.
    func drain(_ body: (Entry) throws -> Void) throws {
        if runs.isEmpty {
            let keys = Self.order(run) { $0.minX + $0.maxX }
            try Self.gather(run, keys[...], body)
            run = []
            return
        }
        if !run.isEmpty { try spill() }
        run = []
        try runs.merge(by: Self.before, body)
    }
}
