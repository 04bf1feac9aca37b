#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPrefetch
import CSQLite

/// Orders the boxes of an R*Tree bulk load (``OverblikStore``'s `bulkLoadRTree`) by the centre of
/// their x extent in bounded memory: runs of at most `runLength` boxes are sorted in memory; when a
/// layer has more, each run is written to an anonymous temporary file (removed when closed) and the
/// runs are merged, reading a small buffer of each. Ties keep their order of arrival, as one sort
/// of all boxes would.
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
    private var file: UnsafeMutablePointer<FILE>?
    /// Runs written to the file, as (first entry, entry count).
    private var runs: [(start: Int, count: Int)] = []
    private static let stride = MemoryLayout<Entry>.stride

    /// How many entries were appended, and their smallest and largest ids.
    private(set) var count = 0
    private(set) var lowestID = Int64.max, highestID = Int64.min

    init(runLength: Int) {
        self.runLength = max(1, runLength)
    }

    deinit { if let file { fclose(file) } }

    private static func before(_ a: Entry, _ b: Entry) -> Bool { key(a.minX + a.maxX) < key(b.minX + b.maxX) }

    /// `value`'s bits as an unsigned number that orders as the value does (-0 before +0).
    private static func key(_ value: Float) -> UInt32 {
        let bits = value.bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    /// The order of `entries` by `value`, ties in their order: 64-bit keys (the value's ordered
    /// bits, then the entry's position, which the lower half holds) radix-sorted on the value's bits
    /// (``RadixKeySort``), many times faster than sorting the entries with a comparison closure.
    static func order(_ entries: [Entry], by value: (Entry) -> Float) -> [UInt64] {
        precondition(entries.count < Int(UInt32.max))
        var keys = entries.enumerated().map { UInt64(key(value($1))) << 32 | UInt64($0) }
        RadixKeySort.sortByUpperHalf(&keys)
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

    /// Sorts the run in memory and appends it to the temporary file.
    private func spill() throws {
        // The run is written in order a buffer at a time, gathered through its sorted keys (reads
        // that do not wait on each other, unlike following the permutation's cycles in place).
        let keys = Self.order(run) { $0.minX + $0.maxX }
        if file == nil {
            file = tmpfile()
            guard file != nil else { throw Self.failure("no temporary file for sorting the R*Tree's boxes (errno \(errno))") }
        }
        var buffer: [Entry] = []
        buffer.reserveCapacity(min(keys.count, RunReader.bufferLength))
        var next = 0
        while next < keys.count {
            let end = min(keys.count, next + RunReader.bufferLength)
            buffer.removeAll(keepingCapacity: true)
            Self.gather(run, keys[next..<end]) { buffer.append($0) }
            let written = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, Self.stride, $0.count, file) }
            guard written == buffer.count else { throw Self.failure("writing sorted boxes to a temporary file failed (errno \(errno))") }
            next = end
        }
        runs.append((runs.last.map { $0.start + $0.count } ?? 0, run.count))
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
        guard let file, fflush(file) == 0 else { throw Self.failure("flushing sorted boxes failed (errno \(errno))") }
        var readers = runs.map { RunReader(start: $0.start, count: $0.count) }
        for i in readers.indices { try readers[i].refill(from: file) }
        while true {
            var best = -1
            for i in readers.indices where readers[i].current != nil {
                if best < 0 || Self.before(readers[i].current!, readers[best].current!) { best = i }
            }
            guard best >= 0 else { return }
            try body(readers[best].current!)
            try readers[best].advance(in: file)
        }
    }

    private static func failure(_ message: String) -> DatabaseError {
        DatabaseError(code: SQLITE_IOERR, message: message, operation: "bulk load R*Tree")
    }

    /// One sorted run of the file, read a buffer at a time.
    private struct RunReader {
        var next: Int
        var remaining: Int
        var buffer: [Entry] = []
        var index = 0
        var current: Entry? { index < buffer.count ? buffer[index] : nil }
        static let bufferLength = 4_096

        init(start: Int, count: Int) { (next, remaining) = (start, count) }

        mutating func advance(in file: UnsafeMutablePointer<FILE>) throws {
            index += 1
            if index == buffer.count { try refill(from: file) }
        }

        mutating func refill(from file: UnsafeMutablePointer<FILE>) throws {
            let n = min(Self.bufferLength, remaining)
            buffer = [Entry](repeating: Entry(id: 0, minX: 0, maxX: 0, minY: 0, maxY: 0), count: n)
            index = 0
            guard n > 0 else { return }
            guard fseeko(file, off_t(next * RTreeEntrySorter.stride), SEEK_SET) == 0,
                  buffer.withUnsafeMutableBufferPointer({ fread($0.baseAddress, RTreeEntrySorter.stride, n, file) }) == n else {
                throw RTreeEntrySorter.failure("reading sorted boxes back failed (errno \(errno))")
            }
            next += n
            remaining -= n
        }
    }
}
