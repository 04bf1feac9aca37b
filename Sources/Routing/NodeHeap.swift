/// A binary min-heap of (key, node) pairs in two parallel arrays, for Dijkstra with lazy deletion
/// (stale entries are skipped by the caller). Ties pop in node order.
///
/// swift-collections' `Heap` is a min-max heap; a plain binary heap on unboxed keys does less work
/// per operation here (measured by `overblik-bench roads`).
struct NodeHeap {
    private(set) var keys: [Double] = []
    private(set) var nodes: [UInt32] = []

    var isEmpty: Bool { keys.isEmpty }

    @inline(__always) private static func less(_ k1: Double, _ n1: UInt32, _ k2: Double, _ n2: UInt32) -> Bool {
        k1 < k2 || (k1 == k2 && n1 < n2)
    }

    /// Adds a pair. - Complexity: O(log n).
    mutating func push(_ key: Double, _ node: UInt32) {
        var i = keys.count
        keys.append(key)
        nodes.append(node)
        while i > 0 {
            let parent = (i - 1) >> 1
            guard Self.less(key, node, keys[parent], nodes[parent]) else { break }
            keys[i] = keys[parent]
            nodes[i] = nodes[parent]
            i = parent
        }
        keys[i] = key
        nodes[i] = node
    }

    /// Removes and returns the smallest pair. - Complexity: O(log n).
    mutating func pop() -> (key: Double, node: UInt32)? {
        guard let lastKey = keys.popLast(), let lastNode = nodes.popLast() else { return nil }
        guard !keys.isEmpty else { return (lastKey, lastNode) }
        let top = (keys[0], nodes[0])
        let n = keys.count
        var i = 0
        while true {
            let left = 2 * i + 1
            if left >= n { break }
            var child = left
            if left + 1 < n && Self.less(keys[left + 1], nodes[left + 1], keys[left], nodes[left]) { child = left + 1 }
            guard Self.less(keys[child], nodes[child], lastKey, lastNode) else { break }
            keys[i] = keys[child]
            nodes[i] = nodes[child]
            i = child
        }
        keys[i] = lastKey
        nodes[i] = lastNode
        return top
    }
}
