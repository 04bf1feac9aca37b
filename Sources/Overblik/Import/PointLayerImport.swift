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

    var location: KeyPath<Row, Coordinate>
    var code: WritableKeyPath<Row, String?>
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

        func flush(_ chunk: Chunk, final: Bool) throws {
            var (rows, positions) = (chunk.rows, chunk.positions)
            if let clip {
                var keptRows: [Row] = [], keptPositions: [RecordPosition] = []
                for (row, position) in zip(rows, positions) {
                    if try clip.contains(row[keyPath: location]) {
                        keptRows.append(row); keptPositions.append(position)
                    } else {
                        outcome.outsideArea += 1
                    }
                }
                (rows, positions) = (keptRows, keptPositions)
            }
            if let locator {
                let found = locator.locateAll(rows.map { $0[keyPath: location] })
                for i in rows.indices {
                    if let d = found[i] { rows[i][keyPath: code] = districts[d].district.code } else {
                        rows[i][keyPath: code] = nil
                        outcome.outsideDistricts.append(rows[i].id)
                    }
                }
            } else {
                for i in rows.indices { rows[i][keyPath: code] = nil }
            }
            let out = try writer ?? makeWriter(final ? rows.count : Int.max)
            writer = out
            for (i, result) in try out.add(rows).enumerated() {
                let (row, position) = (rows[i], positions[i])
                switch result {
                case .inserted: outcome.imported += 1
                case .replaced: outcome.imported += 1; outcome.replaced += 1
                case .existing:
                    outcome.existingTotal += 1
                    if outcome.existing.count < 100 { outcome.existing.append(row.id) }
                case .duplicateInBatch:
                    outcome.repeatTotal += 1
                    if outcome.repeats.count < ImportError.reportLimit { outcome.repeats.append((row.id, position)) }
                }
            }
        }

        // One thread reads, maps and validates the next chunk while this one writes the last.
        let handoff = ChunkHandoff<Chunk>(capacity: 2)
        ProducerThread {
            var chunk = Chunk()
            do {
                try read { row, position in
                    chunk.rows.append(row)
                    chunk.positions.append(position)
                    if chunk.rows.count == Self.chunkSize {
                        try handoff.put(chunk)
                        chunk = Chunk()
                    }
                }
                chunk.final = true
                try handoff.put(chunk)
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

    /// Rows read together, with their positions; `final` on the last.
    struct Chunk: Sendable {
        var rows: [Row] = []
        var positions: [RecordPosition] = []
        var final = false

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
            guard wanted.contains(row.id), clip.map({ (try? $0.contains(row[keyPath: location])) == true }) ?? true else { return }
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
