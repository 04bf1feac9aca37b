import Facilities
import GeoTypes
import Geometry
import PostgresStore
import Store

/// Streams the rows of a point layer (facilities, settlements, population) into the store in
/// chunks, inside the import's one write transaction, so that memory stays flat whatever the
/// file's size: each chunk is clipped, given its districts by point-in-polygon and written; rows
/// are never all held at once.
///
/// The checks the whole-file path made still hold: an id repeated in the file is reported at each
/// repeat, naming the first occurrence (found by reading the file again, on that failure path only);
/// ids already in the layer are refused without `replace`. The caller throws on any problem inside
/// the transaction, so a failure in a late chunk leaves nothing written.
struct PointLayerImport<Row: Identifiable & Sendable> where Row.ID == String {
    /// Rows read before a chunk is written.
    static var chunkSize: Int { 8_192 }

    /// A row's location, and what sets its district code (closures: applying a key path instead
    /// took about 0.07 s of the reading thread per million facilities, by `perf`).
    var location: @Sendable (Row) -> Coordinate
    var code: @Sendable (inout Row, String?) -> Void
    var clip: ClipArea?
    /// The id field's name, for problems.
    var idField: String

    /// What the stream did.
    struct Outcome {
        var imported = 0
        var replaced = 0
        var outsideArea = 0
        var outsideDistricts: [String] = []
        /// Rows whose id repeats an earlier row of the file, in file order.
        var repeats: [(id: String, position: RecordPosition)] = []
        var repeatTotal = 0
        /// Ids the store found repeated across chunks when it completed the batch (their rows were
        /// counted as imported, and are not in `repeats`: ``repeatProblems(_:read:)`` finds them).
        var storeRepeats: Set<String> = []
        /// Ids already in the layer (refused without replace), the first few, and how many in all.
        var existing: [String] = []
        var existingTotal = 0
    }

    /// Reads every row with `read` (which calls its argument once per mapped row, in file order)
    /// and writes it through the writer `makeWriter` gives (called once, with the number of rows
    /// when the file fits one chunk, else `Int.max`). Call inside the write transaction.
    func run(districts: [StoredDistrict], read: @escaping ((Row, RecordPosition) throws -> Void) throws -> Void,
             makeWriter: @escaping (Int) throws -> PointLayerSink<Row>) throws -> Outcome {
        var outcome = Outcome()
        let locator = districts.isEmpty ? nil : Overblik.locator(for: districts)
        var writer: PointLayerSink<Row>?

        // On the reading thread, before the chunk is handed over: clipped, and given its districts.
        func prepare(_ chunk: inout Chunk) throws {
            if let clip {
                var keptRows: [Row] = [], keptPositions: [RecordPosition] = []
                keptRows.reserveCapacity(chunk.rows.count)
                keptPositions.reserveCapacity(chunk.rows.count)
                for (row, position) in zip(chunk.rows, chunk.positions) {
                    if try clip.contains(location(row)) {
                        keptRows.append(row); keptPositions.append(position)
                    } else {
                        chunk.outsideArea += 1
                    }
                }
                (chunk.rows, chunk.positions) = (keptRows, keptPositions)
            }
            if let locator {
                let found = locator.locateAll(chunk.rows.map(location))
                for i in chunk.rows.indices {
                    if let d = found[i] { code(&chunk.rows[i], districts[d].district.code) } else {
                        code(&chunk.rows[i], nil)
                        chunk.outsideDistricts.append(chunk.rows[i].id)
                    }
                }
            } else {
                for i in chunk.rows.indices { code(&chunk.rows[i], nil) }
            }
        }

        // On this thread: writes the chunk.
        func flush(_ chunk: Chunk, final: Bool) throws {
            outcome.outsideArea += chunk.outsideArea
            outcome.outsideDistricts += chunk.outsideDistricts
            let out = try writer ?? makeWriter(final ? chunk.rows.count : Int.max)
            writer = out
            for (i, result) in try out.add(chunk.rows).enumerated() {
                switch result {
                case .inserted: outcome.imported += 1
                case .replaced: outcome.imported += 1; outcome.replaced += 1
                case .existing:
                    outcome.existingTotal += 1
                    if outcome.existing.count < 100 { outcome.existing.append(chunk.rows[i].id) }
                case .duplicateInBatch:
                    outcome.repeatTotal += 1
                    if outcome.repeats.count < ImportError.reportLimit { outcome.repeats.append((chunk.rows[i].id, chunk.positions[i])) }
                }
            }
        }

        // One thread reads, maps, validates, clips and locates the next chunk while this one writes
        // the last. It also keeps the chunks it handed over alive a little longer (`handedOver`):
        // by the time it lets go of one, the writer has finished with it, so the rows (a few hundred
        // thousand strings) are freed on the thread that allocated them, not on the writing thread.
        let handoff = ChunkHandoff<Chunk>(capacity: 2)
        ProducerThread {
            var chunk = Chunk()
            var handedOver: [Chunk] = []
            func handOver() throws {
                try prepare(&chunk)
                try handoff.put(chunk)
                handedOver.append(chunk)
                if handedOver.count > Self.chunksKeptByReader { handedOver.removeFirst() }
            }
            do {
                try read { row, position in
                    chunk.rows.append(row)
                    chunk.positions.append(position)
                    if chunk.rows.count == Self.chunkSize {
                        try handOver()
                        chunk = Chunk()
                    }
                }
                chunk.final = true
                try handOver()
                handoff.finish(throwing: nil)
            } catch {
                handoff.finish(throwing: error)
            }
        }.start()
        do {
            while let chunk = try handoff.take() { try flush(chunk, final: chunk.final) }
            if let repeated = try writer?.finish(), repeated.total > 0 {
                outcome.storeRepeats = repeated.ids
                outcome.repeatTotal += repeated.total
                outcome.imported -= repeated.total
            }
        } catch {
            writer?.cancel()
            handoff.cancel()
            handoff.waitUntilFinished()
            throw error
        }
        return outcome
    }

    /// Chunks the reading thread keeps after handing them over: as many as the writer holds at
    /// once (two waiting, one being written, one whose derived data is being stored).
    static var chunksKeptByReader: Int { 4 }

    /// Rows read together, with their positions; `final` on the last. Clipped and located by the
    /// reading thread: `outsideArea` rows were left out, `outsideDistricts` lie in no district.
    struct Chunk: Sendable {
        var rows: [Row] = []
        var positions: [RecordPosition] = []
        var final = false
        var outsideArea = 0
        var outsideDistricts: [String] = []

        init() {
            rows.reserveCapacity(PointLayerImport.chunkSize)
            positions.reserveCapacity(PointLayerImport.chunkSize)
        }
    }

    /// The problems of the repeated ids, each naming the first row with that id (read again with `read`).
    /// The repeats the store found (``Outcome/storeRepeats``) are located in the same reading, with
    /// the ones found in a chunk, in file order.
    func repeatProblems(_ outcome: Outcome, read: ((Row, RecordPosition) throws -> Void) throws -> Void) throws -> [ImportProblem] {
        guard !outcome.repeats.isEmpty || !outcome.storeRepeats.isEmpty else { return [] }
        let wanted = Set(outcome.repeats.map(\.id)).union(outcome.storeRepeats)
        var first: [String: RecordPosition] = [:]
        var repeats = outcome.storeRepeats.isEmpty ? outcome.repeats : []
        try read { row, position in
            guard wanted.contains(row.id), clip.map({ (try? $0.contains(location(row))) == true }) ?? true else { return }
            if first[row.id] == nil {
                first[row.id] = position
            } else if !outcome.storeRepeats.isEmpty, repeats.count < ImportError.reportLimit {
                repeats.append((row.id, position))
            }
        }
        return repeats.map { id, position in
            let earlier = first[id].map(\.description) ?? "an earlier row"
            return ImportProblem(position, field: idField, value: id, expected: "expected a unique \(idField); \(earlier) has the same")
        }
    }
}
