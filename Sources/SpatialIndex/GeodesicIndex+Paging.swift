import GeoTypes
import Synchronization

extension GeodesicIndex {
    /// Reads a data part of a packed index on demand: given the part's number, calls its argument
    /// with the part's bytes and returns what that call returned (false when the part is missing).
    public typealias PartSource = (_ part: Int, _ fill: (UnsafeRawBufferPointer) -> Bool) -> Bool

    /// Fills the data parts of an index loaded with ``PackedLoader/finishPaged(source:)`` the first
    /// time a search reaches one of their leaves, so that a single query reads the tree and a few
    /// parts instead of every point.
    ///
    /// A part that cannot be read, or does not fit (size, ranks out of range), is filled with points
    /// at infinity and no attributes, which no search ever reports, and ``failed`` becomes true: the
    /// caller then throws the answers of that index away. The state sits behind a lock; the source is
    /// called under it.
    final class Pager: @unchecked Sendable {
        private struct State {
            var loaded: [Bool]
            var remaining: Int
            var failed = false
        }

        private let memory: Memory
        private let pointsPerPart: Int
        private let source: PartSource
        private let state: Mutex<State>

        init(memory: Memory, pointsPerPart: Int, partCount: Int, source: @escaping PartSource) {
            self.memory = memory
            self.pointsPerPart = pointsPerPart
            self.source = source
            state = Mutex(State(loaded: [Bool](repeating: false, count: partCount), remaining: partCount))
        }

        /// Whether a part failed to load (its points were replaced by points no search reports).
        var failed: Bool { state.withLock { $0.failed } }

        /// Makes sure the points of tree positions `lo..<hi` are in memory.
        @inline(__always)
        func ensure(_ lo: Int, _ hi: Int) {
            guard hi > lo else { return }
            state.withLock { s in
                guard s.remaining > 0 else { return }
                for part in (lo / pointsPerPart)...((hi - 1) / pointsPerPart) where !s.loaded[part] { load(part, &s) }
            }
        }

        /// Loads every part not yet in memory (for the batch searches, which scan all points).
        func ensureAll() {
            state.withLock { s in
                for part in s.loaded.indices where !s.loaded[part] { load(part, &s) }
            }
        }

        private func load(_ part: Int, _ s: inout State) {
            let start = part * pointsPerPart
            let end = min(memory.count, start + pointsPerPart)
            if !source(part, { PackedLoader.fill(memory, start: start, end: end, from: $0) }) {
                s.failed = true
                for i in start..<end {
                    memory.points[i] = ECEFPoint(x: .infinity, y: .infinity, z: .infinity)
                    memory.masks[i] = 0
                    memory.records[i] = Record(lon: 0, lat: 0, rank: 0)
                }
            }
            s.loaded[part] = true
            s.remaining -= 1
        }
    }

    /// Whether a part of an index loaded with ``PackedLoader/finishPaged(source:)`` could not be read
    /// or did not fit; answers given since then must not be used. Always false for other indexes.
    public var hasUnreadablePart: Bool { memory.pager?.failed ?? false }
}

extension GeodesicIndex.PackedLoader {
    /// The index with its data parts still to be read: each is read through `source` when a search
    /// first reaches it. The header must have been read; no part may have been added.
    ///
    /// Meant for a process that answers a few questions from a large stored index: its memory then
    /// holds the tree and the parts those questions touched. See ``GeodesicIndex/hasUnreadablePart``.
    public func finishPaged(source: @escaping GeodesicIndex.PartSource) -> GeodesicIndex? {
        guard partsRead == 0 else { return nil }
        memory.pager = GeodesicIndex.Pager(memory: memory, pointsPerPart: pointsPerPart, partCount: partCount, source: source)
        return GeodesicIndex(memory: memory, count: count, depth: depth)
    }
}
