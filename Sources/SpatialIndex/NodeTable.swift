extension GeodesicIndex {
    /// One tree node: its ECEF box and the OR of its points' attribute masks (32 bytes).
    struct Node {
        var box: Box
        var mask: UInt64
    }

    /// The nodes of the implicit tree in 64-byte-aligned memory, node j at slot j + 1, so that the
    /// siblings 2i+1 and 2i+2 (always examined together) share one cache line: one memory access
    /// per level of descent instead of up to four (two boxes, two masks).
    ///
    /// Immutable after construction, hence `@unchecked Sendable`.
    final class NodeTable: @unchecked Sendable {
        /// Points at node 0 (slot 1).
        let nodes: UnsafeMutablePointer<Node>
        private let raw: UnsafeMutableRawPointer
        let count: Int

        init(boxes: [Box], masks: [UInt64]) {
            precondition(boxes.count == masks.count)
            count = boxes.count
            raw = UnsafeMutableRawPointer.allocate(byteCount: (count + 1) * MemoryLayout<Node>.stride, alignment: 64)
            let slots = raw.bindMemory(to: Node.self, capacity: count + 1)
            slots.initialize(to: Node(box: Box(), mask: 0))
            for j in 0..<count { (slots + j + 1).initialize(to: Node(box: boxes[j], mask: masks[j])) }
            nodes = slots + 1
        }

        deinit {
            raw.deallocate()
        }
    }
}
