/// A monotone radix heap of (key, node) pairs for Dijkstra's search with non-negative keys, popping
/// in the order of (key, node), as ``QuaternaryHeap`` does, so that a search settles nodes in the
/// same order with either.
///
/// A non-negative double's bit pattern, read as an unsigned integer, orders as the double does. An
/// entry lives in bucket 0 when its key equals the last key popped (`last`), else in bucket b, the
/// position of the highest bit where it differs from `last` (1...64): every key of bucket b is
/// below every key of a higher bucket. Popping takes bucket 0, or else empties the lowest bucket
/// that has entries: its least key becomes `last`, and its entries move to lower buckets (each
/// entry moves at most 64 times in all). Among the entries of bucket 0 (all keyed `last`) the
/// least node comes first. Keys inserted must be at least the last key popped, as in Dijkstra.
///
/// Each bucket keeps its least key and where that entry is, and a bit mask says which buckets have
/// entries: emptying a bucket needs no search for its least key, and ``peekFirst()`` names the
/// entry popped next (unless a smaller key is inserted first) in constant time, so that a search
/// can fetch that node's arcs into the cache while it relaxes the current node's.
///
/// An entry may carry a search's payload for its node (a source label, a second cost, the node's
/// first arc), so that a search settling the node reads them from the entry instead of from the
/// node's record.
struct RadixHeap {
    struct Entry {
        var key: UInt64
        var other: Double
        var node: UInt32
        var origin: Int32
        var first: UInt32
    }

    /// Buckets 0...64, each a growable buffer (pointer, count, capacity) kept outside Swift arrays
    /// so that the hot paths do no copy-on-write or bounds checks, with its least key and that
    /// entry's index (buckets 1...64).
    private let storage: Storage
    private var last: UInt64 = 0
    private(set) var count = 0

    final class Storage {
        let base: UnsafeMutablePointer<UnsafeMutablePointer<Entry>>
        let counts: UnsafeMutablePointer<Int>, capacities: UnsafeMutablePointer<Int>
        let least: UnsafeMutablePointer<UInt64>, leastAt: UnsafeMutablePointer<Int>
        /// Bit b - 1 set: bucket b (1...64) has entries.
        var occupied: UInt64 = 0

        init(capacity: Int) {
            base = .allocate(capacity: 65)
            counts = .allocate(capacity: 65)
            capacities = .allocate(capacity: 65)
            least = .allocate(capacity: 65)
            leastAt = .allocate(capacity: 65)
            for b in 0...64 {
                let c = b == 0 ? 16 : max(16, capacity >> 4)
                (base + b).initialize(to: .allocate(capacity: c))
                (counts + b).initialize(to: 0)
                (capacities + b).initialize(to: c)
                (least + b).initialize(to: .max)
                (leastAt + b).initialize(to: 0)
            }
        }

        deinit {
            for b in 0...64 { base[b].deallocate() }
            base.deallocate()
            counts.deallocate()
            capacities.deallocate()
            least.deallocate()
            leastAt.deallocate()
        }

        @inline(__always)
        func append(_ e: Entry, to b: Int) {
            let c = counts[b]
            if c == capacities[b] {
                let grown = UnsafeMutablePointer<Entry>.allocate(capacity: c * 2)
                grown.update(from: base[b], count: c)
                base[b].deallocate()
                base[b] = grown
                capacities[b] = c * 2
            }
            base[b][c] = e
            counts[b] = c + 1
            guard b > 0 else { return }
            if e.key < least[b] { least[b] = e.key; leastAt[b] = c }
            occupied |= 1 << UInt64(b - 1)
        }
    }

    init(capacity: Int = 1024) {
        storage = Storage(capacity: capacity)
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    private static func bucket(_ key: UInt64, _ last: UInt64) -> Int {
        key == last ? 0 : 64 - (key ^ last).leadingZeroBitCount
    }

    /// Adds an entry; `key` must be non-negative and at least the last key popped.
    @inline(__always)
    mutating func insert(key: Double, node: UInt32, origin: Int32 = -1, other: Double = 0, first: UInt32 = .max) {
        let bits = key == 0 ? 0 : key.bitPattern
        storage.append(Entry(key: bits, other: other, node: node, origin: origin, first: first), to: Self.bucket(bits, last))
        count += 1
    }

    /// The `first` of the entry ``popMin(ties:)`` would return now (of one of them on a tie of keys),
    /// `.max` when empty. A hint: an insert may come before the pop.
    @inline(__always)
    func peekFirst() -> UInt32 {
        let s = storage
        if s.counts[0] > 0 { return s.base[0][0].first }
        guard s.occupied != 0 else { return .max }
        let b = s.occupied.trailingZeroBitCount + 1
        return s.base[b][s.leastAt[b]].first
    }

    /// Removes and returns the entry of least (key, node) (nil when empty); with `ties`, of least
    /// (key, ties[node]) (a search on renumbered nodes breaks ties by the original ids).
    /// - Complexity: amortised O(64) per entry for the moves, plus the size of bucket 0.
    @inline(__always)
    mutating func popMin(ties: UnsafePointer<UInt32>? = nil)
        -> (key: Double, node: UInt32, origin: Int32, other: Double, first: UInt32)? {
        guard count > 0 else { return nil }
        let s = storage
        if s.counts[0] == 0 {
            let b = s.occupied.trailingZeroBitCount + 1
            let entries = s.base[b], n = s.counts[b], least = s.least[b]
            last = least
            s.counts[b] = 0
            s.least[b] = .max
            s.occupied &= ~(1 << UInt64(b - 1))
            // Every entry moves to a lower bucket (they share the bits above b with `last`).
            for i in 0..<n { s.append(entries[i], to: Self.bucket(entries[i].key, least)) }
        }
        let zero = s.base[0], n = s.counts[0]
        var pick = 0
        if n > 1 {
            if let ties {
                for i in 1..<n where ties[Int(zero[i].node)] < ties[Int(zero[pick].node)] { pick = i }
            } else {
                for i in 1..<n where zero[i].node < zero[pick].node { pick = i }
            }
        }
        let entry = zero[pick]
        zero[pick] = zero[n - 1]
        s.counts[0] = n - 1
        count -= 1
        return (Double(bitPattern: last), entry.node, entry.origin, entry.other, entry.first)
    }
}
