import GeoTypes
/// The leaf of every row of a packed R*Tree (``OverblikStore``'s `bulkLoadRTree`), noted in the
/// order the leaves are made and given back in rowid order, in bounded memory: runs of at most
/// `runLength` pairs are radix-sorted and, when there are more, spilled to a temporary file and
/// merged (``SpilledRuns``). So the `%_rowid` table is appended in rowid order whatever the number
/// of rows, with 16 bytes a pair of memory for one run at most, not 4 bytes for every row.
final class RowLeafPairs {
    let runLength: Int
    private var run: [UInt64] = []
    private let runs = SpilledRuns<UInt64>(what: "the R*Tree's row map")
    /// How many pairs were appended.
    private(set) var count = 0

    init(runLength: Int) {
        self.runLength = max(1, runLength)
    }

    /// Whether rows numbered `lowest`...`highest` can be noted here (rowids and leaves in 32 bits).
    static func canHold(lowest: Int64, highest: Int64) -> Bool { lowest >= 0 && highest <= Int64(UInt32.max) }

    /// Notes that row `rowID` lies in leaf `leaf` (both within 32 bits; a rowid once only).
    func append(rowID: Int64, leaf: Int64) throws {
        precondition(rowID >= 0 && rowID <= Int64(UInt32.max) && leaf >= 0 && leaf <= Int64(UInt32.max))
        count += 1
        run.append(UInt64(rowID) << 32 | UInt64(leaf))
        if run.count == runLength { try spill() }
    }

    /// Sorts the run by rowid (the upper halves, all distinct: their order is the pairs' whole order).
    private func spill() throws {
        RadixSort.byUpperHalf(&run)
        try runs.write { put in for pair in run { try put(pair) } }
        run.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every pair, by ascending rowid.
    func drain(_ body: (_ rowID: Int64, _ leaf: Int64) throws -> Void) throws {
        defer { run = [] }
        if runs.isEmpty {
            RadixSort.byUpperHalf(&run)
            for pair in run { try body(Int64(pair >> 32), Int64(pair & 0xFFFF_FFFF)) }
            return
        }
        if !run.isEmpty { try spill() }
        try runs.merge(by: <) { pair in try body(Int64(pair >> 32), Int64(pair & 0xFFFF_FFFF)) }
    }
}
