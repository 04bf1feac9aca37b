import Foundation
import GeoJSON
import Store

/// Hands encoded chunks of the facilities layer from reader threads to the thread that writes them,
/// in output order, with bounded memory: a reader may be at most ``aheadLimit`` chunks ahead of the
/// writer, and chunk buffers are recycled.
///
/// In ranged mode the readers claim chunks (consecutive id ranges of ``rowsPerChunk`` facilities)
/// one at a time; the range bounds are found as they are claimed, with the claiming reader's own
/// connection (all readers read the same snapshot).
final class FeatureChunkPipeline: @unchecked Sendable {
    /// A claimed chunk: its index and id range.
    struct Job {
        var index: Int
        var lower: FacilityKey?
        var upper: FacilityKey?
    }

    /// The store changed between the readers' snapshots' checks (should not happen; reported as such).
    struct StoreChanged: Error, CustomStringConvertible {
        var description: String { "the facilities changed while they were being exported" }
    }

    let rowsPerChunk: Int
    let aheadLimit: Int
    let options: GeoJSONWriterOptions
    let sequence: Bool
    /// Output position of the first feature (the writer may have written features before).
    let base: Int

    private let condition = NSCondition()
    // Everything below is guarded by `condition`.
    private var lowerBounds: [FacilityKey?] = [nil]
    private var nextClaim = 0
    private var lastChunk: Int?
    private var ready: [Int: GeoJSONChunk] = [:]
    private var nextToWrite = 0
    private var pool: [GeoJSONChunk] = []
    private var failure: (any Error)?
    private var runningReaders = 0

    init(rowsPerChunk: Int, aheadLimit: Int, options: GeoJSONWriterOptions, sequence: Bool, base: Int) {
        self.rowsPerChunk = rowsPerChunk
        self.aheadLimit = aheadLimit
        self.options = options
        self.sequence = sequence
        self.base = base
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    /// Registers a reader about to start (before its thread runs).
    func readerStarting() { locked { runningReaders += 1 } }

    /// Marks a reader as done (after its last chunk or its failure).
    func readerFinished() {
        locked {
            runningReaders -= 1
            condition.broadcast()
        }
    }

    /// Records the first failure and wakes everyone, so that all threads stop.
    func fail(_ error: any Error) {
        locked {
            if failure == nil { failure = error }
            condition.broadcast()
        }
    }

    /// Waits until chunk `index` may be encoded (not too far ahead of the writer); false on failure.
    private func waitForRoom(_ index: Int) -> Bool {
        while failure == nil && index >= nextToWrite + aheadLimit { condition.wait() }
        return failure == nil
    }

    /// Claims the next id range (ranged mode), finding its upper bound with `reader`; nil when none is left.
    func claim(using reader: OverblikStore) throws -> Job? {
        condition.lock()
        defer { condition.unlock() }
        var index = nextClaim
        while failure == nil && lastChunk.map({ index <= $0 }) ?? true && index >= nextToWrite + aheadLimit {
            condition.wait()
            index = nextClaim
        }
        if failure != nil { return nil }
        if let lastChunk, index > lastChunk { return nil }
        if lowerBounds.count == index + 1 {
            let upper = try reader.facilityKey(after: lowerBounds[index], skipping: rowsPerChunk)
            lowerBounds.append(upper)
            if upper == nil { lastChunk = index }
        }
        nextClaim += 1
        return Job(index: index, lower: lowerBounds[index], upper: lowerBounds[index + 1])
    }

    /// An empty chunk buffer for chunk `index`, once it may be encoded; nil on failure.
    func buffer(for index: Int) -> GeoJSONChunk? {
        locked {
            guard waitForRoom(index) else { return nil }
            let first = base + index * rowsPerChunk
            if let chunk = pool.popLast() {
                chunk.reset(firstIndex: first)
                return chunk
            }
            return GeoJSONChunk(options: options, sequence: sequence, firstIndex: first, capacity: 1 << 21)
        }
    }

    /// Publishes encoded chunk `index`; `last` marks the final chunk (single-reader mode).
    func complete(_ index: Int, _ chunk: GeoJSONChunk, last: Bool = false) {
        locked {
            ready[index] = chunk
            if last { lastChunk = index }
            condition.broadcast()
        }
    }

    /// The next chunk to write, waiting for it; nil when all are written.
    /// - Throws: the first failure of a reader.
    func next() throws -> GeoJSONChunk? {
        try locked {
            while true {
                if let failure { throw failure }
                if let chunk = ready.removeValue(forKey: nextToWrite) { return chunk }
                if let lastChunk, nextToWrite > lastChunk { return nil }
                if runningReaders == 0 { throw failure ?? StoreChanged() }
                condition.wait()
            }
        }
    }

    /// Returns a written chunk's buffer and lets the readers move on.
    func written(_ chunk: GeoJSONChunk) {
        locked {
            nextToWrite += 1
            pool.append(chunk)
            condition.broadcast()
        }
    }

    /// Waits until every reader has finished.
    func waitForReaders() {
        locked {
            while runningReaders > 0 { condition.wait() }
        }
    }
}
