/// A min-heap of (key, node) pairs with four children per node, ordered by key then node: the
/// priority queue of the road searches. Shallower than a binary heap (fewer cache misses when
/// sifting down), and cheaper than a min-max heap, which Dijkstra does not need. Stale entries are
/// skipped by the caller (lazy deletion), so there is no decrease-key.
struct QuaternaryHeap {
    private var keys: [Double] = []
    private var nodes: [UInt32] = []

    var isEmpty: Bool { keys.isEmpty }

    @inline(__always)
    private static func less(_ k1: Double, _ n1: UInt32, _ k2: Double, _ n2: UInt32) -> Bool {
        k1 < k2 || (k1 == k2 && n1 < n2)
    }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    /// Adds an entry. - Complexity: O(log₄ n).
    mutating func insert(key: Double, node: UInt32) {
        keys.append(key)
        nodes.append(node)
        var i = keys.count - 1
        keys.withUnsafeMutableBufferPointer { k in
        nodes.withUnsafeMutableBufferPointer { n in
            while i > 0 {
                let parent = (i - 1) >> 2
                guard Self.less(key, node, k[parent], n[parent]) else { break }
                k[i] = k[parent]; n[i] = n[parent]
                i = parent
            }
            k[i] = key; n[i] = node
        }}
    }

    /// Removes and returns the smallest entry (nil when empty). - Complexity: O(log₄ n).
    mutating func popMin() -> (key: Double, node: UInt32)? {
        guard let lastKey = keys.popLast(), let lastNode = nodes.popLast() else { return nil }
        if keys.isEmpty { return (lastKey, lastNode) }
        let top = (keys[0], nodes[0])
        let count = keys.count
        keys.withUnsafeMutableBufferPointer { k in
        nodes.withUnsafeMutableBufferPointer { n in
            var i = 0
            while true {
                let first = 4 * i + 1
                if first >= count { break }
                var best = first
                let end = min(first + 4, count)
                var c = first + 1
                while c < end {
                    if Self.less(k[c], n[c], k[best], n[best]) { best = c }
                    c += 1
                }
                guard Self.less(k[best], n[best], lastKey, lastNode) else { break }
                k[i] = k[best]; n[i] = n[best]
                i = best
            }
            k[i] = lastKey; n[i] = lastNode
        }}
        return top
    }
}
