/// A min-heap of (key, node) pairs with four children per node, ordered by key then node: the
/// priority queue of the road searches. Shallower than a binary heap, and cheaper than a min-max
/// heap, which Dijkstra does not need. Stale entries are skipped by the caller (lazy deletion), so
/// there is no decrease-key.
///
/// The entries (16 bytes each) live in one buffer aligned to 64 bytes and shifted by three slots,
/// so that the four children of every node share one cache line: sifting down reads one line per
/// level. The buffer is owned by a handle (``Buffer``, freed in its deinit) and entered through
/// its pointer only; the count lives in this struct, so the hot paths touch no class storage.
struct QuaternaryHeap {
    struct Entry {
        var key: Double
        var node: UInt32
    }

    /// The entries' memory: slot i of the heap is `base[i + 3]`; the children of i are slots
    /// 4i+1...4i+4.
    final class Buffer {
        let base: UnsafeMutablePointer<Entry>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = UnsafeMutableRawPointer.allocate(byteCount: (capacity + 3) * MemoryLayout<Entry>.stride, alignment: 64)
                .bindMemory(to: Entry.self, capacity: capacity + 3)
        }

        deinit { base.deallocate() }
    }

    private var buffer: Buffer
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    init(capacity: Int = 1024) {
        buffer = Buffer(capacity: max(16, capacity))
    }

    @inline(__always)
    private static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.key < b.key || (a.key == b.key && a.node < b.node)
    }

    mutating func removeAll() { count = 0 }

    /// Adds an entry. - Complexity: O(log₄ n) (amortised: the buffer doubles when full).
    mutating func insert(key: Double, node: UInt32) {
        if count == buffer.capacity {
            let grown = Buffer(capacity: buffer.capacity * 2)
            (grown.base + 3).update(from: buffer.base + 3, count: count)
            buffer = grown
        }
        let slots = buffer.base + 3
        let entry = Entry(key: key, node: node)
        var i = count
        count += 1
        while i > 0 {
            let parent = (i - 1) >> 2
            guard Self.less(entry, slots[parent]) else { break }
            slots[i] = slots[parent]
            i = parent
        }
        slots[i] = entry
    }

    /// Removes and returns the smallest entry (nil when empty). - Complexity: O(log₄ n).
    mutating func popMin() -> (key: Double, node: UInt32)? {
        guard count > 0 else { return nil }
        let slots = buffer.base + 3
        let top = slots[0]
        count -= 1
        if count == 0 { return (top.key, top.node) }
        let last = slots[count]
        var i = 0
        while true {
            let first = 4 * i + 1
            if first >= count { break }
            var best = first
            let end = min(first + 4, count)
            var c = first + 1
            while c < end {
                if Self.less(slots[c], slots[best]) { best = c }
                c += 1
            }
            guard Self.less(slots[best], last) else { break }
            slots[i] = slots[best]
            i = best
        }
        slots[i] = last
        return (top.key, top.node)
    }
}
