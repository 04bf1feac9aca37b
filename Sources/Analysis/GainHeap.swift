/// A binary max-heap of (gain, candidate) for lazy greedy selection.
///
/// Ordered by gain descending, then by candidate index ascending, so that ties resolve to the lowest
/// index deterministically.
struct GainHeap {
    struct Entry {
        var gain: Double
        var candidate: Int32
        @inline(__always) func ranksAbove(_ o: Entry) -> Bool {
            gain > o.gain || (gain == o.gain && candidate < o.candidate)
        }
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var top: Entry? { entries.first }

    init(_ items: [Entry]) {
        entries = items
        if entries.count > 1 {
            for i in stride(from: entries.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        }
    }

    mutating func push(_ e: Entry) {
        entries.append(e)
        var i = entries.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard entries[i].ranksAbove(entries[parent]) else { break }
            entries.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Entry? {
        guard !entries.isEmpty else { return nil }
        let first = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let n = entries.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < n, entries[l].ranksAbove(entries[best]) { best = l }
            if r < n, entries[r].ranksAbove(entries[best]) { best = r }
            if best == i { return }
            entries.swapAt(i, best)
            i = best
        }
    }
}
