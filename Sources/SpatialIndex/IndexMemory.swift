#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GeoTypes

extension GeodesicIndex {
    /// One tree node: its ECEF box and the OR of its points' attribute masks (32 bytes).
    struct Node {
        var box: Box
        var mask: UInt64
    }

    /// All arrays of the index in one allocation: nodes, ECEF positions, attribute masks and records.
    ///
    /// Why one block: a query touches ~20 nodes and a few leaves scattered over tens of megabytes, so at
    /// 1M points most of its time is memory latency, and with 4 KiB pages a large part of that is
    /// address translation (the TLB covers a few MiB). The block is aligned to 2 MiB and advised for
    /// transparent huge pages (`madvise(MADV_HUGEPAGE)`, honoured when the kernel allows it, harmless
    /// when not), which makes one translation cover 2 MiB.
    ///
    /// Nodes sit at 64-byte-aligned slots, node j at slot j + 1, so the siblings 2i+1 and 2i+2 (always
    /// examined together) share one cache line. Immutable after construction, hence `@unchecked Sendable`.
    final class Memory: @unchecked Sendable {
        /// Node 0 (slot 1); `nodeCount` nodes.
        let nodes: UnsafeMutablePointer<Node>
        /// Per point in tree order.
        let points: UnsafeMutablePointer<ECEFPoint>
        let masks: UnsafeMutablePointer<UInt64>
        let records: UnsafeMutablePointer<Record>
        let count: Int
        let nodeCount: Int
        /// Bytes allocated.
        let byteCount: Int
        /// For an index whose data parts are read on first use: set once, before the index is
        /// handed out (``PackedLoader/finishPaged(source:)``).
        var pager: Pager?
        private let base: UnsafeMutableRawPointer

        /// Allocates uninitialised room for `count` points and `nodeCount` nodes (trivial types, so
        /// the caller initialises by assignment).
        init(count: Int, nodeCount: Int, hugePages: Bool = true) {
            self.count = count
            self.nodeCount = nodeCount
            func rounded(_ n: Int) -> Int { (n + 63) & ~63 }
            let nodeBytes = rounded((nodeCount + 1) * MemoryLayout<Node>.stride)
            let pointBytes = rounded(count * MemoryLayout<ECEFPoint>.stride)
            let maskBytes = rounded(count * MemoryLayout<UInt64>.stride)
            let recordBytes = rounded(count * MemoryLayout<Record>.stride)
            let total = max(64, nodeBytes + pointBytes + maskBytes + recordBytes)
            byteCount = total
            base = Self.allocate(total, hugePages: hugePages)
            nodes = (base).bindMemory(to: Node.self, capacity: nodeCount + 1) + 1
            nodes[-1] = Node(box: Box(), mask: 0)
            points = (base + nodeBytes).bindMemory(to: ECEFPoint.self, capacity: count)
            masks = (base + nodeBytes + pointBytes).bindMemory(to: UInt64.self, capacity: count)
            records = (base + nodeBytes + pointBytes + maskBytes).bindMemory(to: Record.self, capacity: count)
        }

        deinit {
            free(base)
        }

        /// 64-byte-aligned memory; blocks of 2 MiB and more are 2 MiB-aligned and advised for huge pages.
        private static func allocate(_ bytes: Int, hugePages: Bool) -> UnsafeMutableRawPointer {
            let huge = 2 << 20
            var pointer: UnsafeMutableRawPointer?
            let alignment = bytes >= huge ? huge : 64
            guard posix_memalign(&pointer, alignment, bytes) == 0, let pointer else {
                fatalError("GeodesicIndex: cannot allocate \(bytes) bytes")
            }
            #if os(Linux)
            if hugePages && bytes >= huge { _ = madvise(pointer, bytes, MADV_HUGEPAGE) }
            #endif
            return pointer
        }
    }
}
