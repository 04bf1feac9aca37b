import Facilities
import GeoTypes
import Geometry
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
struct PointLayerImport<Row: Identifiable> where Row.ID == String {
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
        /// Ids already in the layer (refused without replace), the first few, and how many in all.
        var existing: [String] = []
        var existingTotal = 0
    }

    /// Reads every row with `read` (which calls its argument once per mapped row, in file order)
    /// and writes it through the writer `makeWriter` gives (called once, with the number of rows
    /// when the file fits one chunk, else `Int.max`). Call inside the write transaction.
    func run(districts: [StoredDistrict], read: ((Row, RecordPosition) throws -> Void) throws -> Void,
             makeWriter: @escaping (Int) throws -> PointLayerWriter<Row>) throws -> Outcome {
        var outcome = Outcome()
        let locator = districts.isEmpty ? nil : Overblik.locator(for: districts)
        var writer: PointLayerWriter<Row>?
        var rows: [Row] = [], positions: [RecordPosition] = []
        rows.reserveCapacity(Self.chunkSize)
        positions.reserveCapacity(Self.chunkSize)

        func flush(final: Bool) throws {
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
            for (row, position) in zip(rows, positions) {
                switch try out.add(row) {
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
            rows.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
        }

        try read { row, position in
            rows.append(row)
            positions.append(position)
            if rows.count == Self.chunkSize { try flush(final: false) }
        }
        try flush(final: true)
        try writer?.finish()
        return outcome
    }

    /// The problems of the repeated ids, each naming the first row with that id (read again with `read`).
    func repeatProblems(_ outcome: Outcome, read: ((Row, RecordPosition) throws -> Void) throws -> Void) throws -> [ImportProblem] {
        guard !outcome.repeats.isEmpty else { return [] }
        let wanted = Set(outcome.repeats.map(\.id))
        var first: [String: RecordPosition] = [:]
        try read { row, position in
            if wanted.contains(row.id), first[row.id] == nil, clip.map({ (try? $0.contains(row[keyPath: location])) == true }) ?? true {
                first[row.id] = position
            }
        }
        return outcome.repeats.map { id, position in
            let earlier = first[id].map(\.description) ?? "an earlier row"
            return ImportProblem(position, field: idField, value: id, expected: "expected a unique \(idField); \(earlier) has the same")
        }
    }
}
