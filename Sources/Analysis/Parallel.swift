import Dispatch

/// Splits index ranges across threads. Work functions get a disjoint range and return a value per
/// chunk; nothing is shared while they run.
enum Parallel {
    /// Splits `0 ..< count` into `chunks` contiguous ranges of nearly equal size.
    static func ranges(count: Int, chunks: Int) -> [Range<Int>] {
        let k = max(1, min(chunks, count))
        return (0 ..< k).map { c in (count * c / k) ..< (count * (c + 1) / k) }
    }

    /// Runs `body` on each range (concurrently when there is more than one) and returns the results
    /// in range order.
    static func map<T: Sendable>(_ ranges: [Range<Int>], _ body: @Sendable (Range<Int>) -> T) -> [T] {
        if ranges.count <= 1 { return ranges.map(body) }
        let slots = ResultSlots<T>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { c in
            slots.set(c, body(ranges[c]))
        }
        return slots.values()
    }
}

/// One slot per chunk, each written by exactly one chunk, read after all chunks finished.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }
    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
    // Each index is written by one thread only; `concurrentPerform` returns after all writes.
    func set(_ index: Int, _ value: T) { storage[index] = value }
    func values() -> [T] { (0 ..< count).map { storage[$0]! } }
}
