import Dispatch

/// Runs work items on background threads as they are submitted and returns their results in
/// submission order: the caller reads the next chunk of input while earlier chunks are computed.
///
/// ```swift
/// let pipeline = ChunkPipeline<NearestNeighbors>()
/// try store.forEachPopulationChunk { chunk in
///     let (lons, lats) = (chunk.lon, chunk.lat)
///     pipeline.submit { index.nearestNeighbors(lons: lons, lats: lats) }
/// }
/// let answers = pipeline.results()      // waits for every item
/// ```
public final class ChunkPipeline<Result: Sendable>: @unchecked Sendable {
    // `slots` is guarded by `lock`; items write their own slot, `results()` reads after the group is done.
    private var slots: [Result?] = []
    private let lock = DispatchSemaphore(value: 1)
    private let group = DispatchGroup()
    /// Items in flight at most (bounds the memory held by submitted inputs).
    private let gate: DispatchSemaphore

    /// - Parameter concurrency: work items running at once, at most (default 1: one thread computes
    ///   while the caller reads).
    public init(concurrency: Int = 1) {
        gate = DispatchSemaphore(value: max(1, concurrency))
    }

    /// Starts `work` on a background thread; blocks while `concurrency` items are already running.
    public func submit(_ work: @escaping @Sendable () -> Result) {
        gate.wait()
        lock.wait()
        let slot = slots.count
        slots.append(nil)
        lock.signal()
        DispatchQueue.global().async(group: group) {
            let value = work()
            self.lock.wait()
            self.slots[slot] = value
            self.lock.signal()
            self.gate.signal()
        }
    }

    /// Waits for every submitted item and returns the results in submission order.
    public func results() -> [Result] {
        group.wait()
        lock.wait()
        defer { lock.signal() }
        return slots.map { $0! }
    }
}
