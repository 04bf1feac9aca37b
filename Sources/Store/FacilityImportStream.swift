import CSQLite
import Facilities
import GeoTypes

/// The stored features and the proximity index of a bulk facility import, made as the rows stream
/// in instead of by walks over the table before the commit (``OverblikStore/refreshFacilityFeatures()``,
/// ``OverblikStore/refreshProximityIndex()``).
///
/// Used only where the two give the same bytes: the import fills an empty facility layer of a
/// store without rooms (so no facility has listed rooms and no old feature survives), with the
/// per-row triggers set aside. Each chunk's features are encoded from the values its rows are
/// stored with (``Facility/withStoredValues(scratch:_:)``) on a thread of its own
/// (``FeatureWorker``) while the writer inserts the chunk's rows, and inserted for the rows that
/// were inserted after the next chunk's rows; the inserted rows go to the builder's collector on
/// that thread too, which packs the index there while the writer fills the R*Tree.
/// The set-aside trigger's stale list is not replayed.
/// Features are written here only while the ids come nearly in SQLite's order (a file sorted by
/// id, or numbered ids): once they do not, the remaining rows are listed stale for the walk, which
/// inserts in key order.
/// ``finish()`` records the encoding's version and the ASCII flags the walk records, and stores
/// the collected index. All of it in the import's transaction: a failure rolls it back with the rows.
final class FacilityImportStream: PointLayerCompanion {
    private let store: OverblikStore
    private let encoder: (any FacilityFeatureEncoding)?
    /// Inserts one stored feature, and a full group of them (``groupRows``).
    private let insert: RowBinder?
    private let groupInsert: RowBinder?
    private let proximity: (collector: any ProximityIndexCollecting, version: String)?
    private let worker = FeatureWorker()
    /// A chunk being written, or whose features wait to be inserted.
    private struct Chunk {
        var facilities: [Facility]
        /// Its features, encoded on the worker's thread (nil once the walk takes over).
        var features: FeatureWorker.Job<EncodedFeatures>?
        /// Each row's outcome, once the chunk is written, and the rowids of the inserted ones.
        var outcomes: [PointRowOutcome]?
        var rowIDs: [Int64] = []
    }
    /// The chunk being written and the one before it, oldest first.
    private var chunks: [Chunk] = []
    private var packed: FeatureWorker.Job<[[UInt8]]>?
    /// Chunks written so far (every fourth, about 32 MB of the store, starts the file's writeback).
    /// Whether every id written so far is ASCII text.
    private var ascii = true
    /// The last id whose feature was written, how many were, and how many came before the id
    /// written just before them (in SQLite's byte order).
    private var previousID: [UInt8] = []
    private var written = 0, descents = 0
    /// Set when the ids stopped coming nearly in order: the rows from this rowid on are left to
    /// the walk before the commit (inserted in random order, 590-byte features cost more than the walk).
    private var leftToWalkFrom: Int64?

    /// A stream for a batch into `store`'s facilities, or nil when the walks must do it (neither an
    /// encoder nor an index builder, rows or rooms already there); call after the batch's triggers
    /// are set aside. Clears what features and stale marks the store holds (they belong to no facility).
    init?(store: OverblikStore) throws {
        guard store.featureEncoder != nil || store.proximityIndexBuilder != nil else { return nil }
        let database = store.database
        guard try database.scalar("SELECT NOT EXISTS (SELECT 1 FROM facilities) AND NOT EXISTS (SELECT 1 FROM rooms)")?.int == 1 else {
            return nil
        }
        self.store = store
        encoder = store.featureEncoder
        if encoder != nil {
            try database.execute("DELETE FROM facility_features")
            try database.execute("DELETE FROM facility_features_stale")
            insert = RowBinder(try database.prepare("INSERT INTO facility_features (id, body) VALUES (?, ?)"))
            let group = "INSERT OR IGNORE INTO facility_features (id, body) VALUES " + Array(repeating: "(?,?)", count: Self.groupRows).joined(separator: ",")
            groupInsert = try database.firesTriggers(group) ? nil : RowBinder(try database.prepare(group))
        } else {
            insert = nil
            groupInsert = nil
        }
        proximity = store.proximityIndexBuilder.map { ($0.collector(), $0.version) }
    }

    /// Whether the stored features are written here (else the walk before the commit encodes them).
    var writesFeatures: Bool { encoder != nil }

    /// Takes the rows of a chunk before the writer inserts them: their features are encoded meanwhile.
    func begin(_ facilities: [Facility]) {
        var features: FeatureWorker.Job<EncodedFeatures>?
        if let encoder, leftToWalkFrom == nil { features = worker.run { EncodedFeatures.encode(facilities, with: encoder) } }
        chunks.append(Chunk(facilities: facilities, features: features))
    }

    /// Takes the rowid of a facility just inserted.
    func inserted(rowID: Int64) {
        if !chunks.isEmpty { chunks[chunks.count - 1].rowIDs.append(rowID) }
    }

    /// Takes the outcomes of the chunk's rows once they are written: the inserted rows go to the
    /// proximity index's collector on the worker's thread, and the features of the chunk before
    /// (encoded meanwhile) are inserted.
    func written(_ outcomes: [PointRowOutcome]) throws {
        guard let last = chunks.indices.last, chunks[last].outcomes == nil else { return }
        chunks[last].outcomes = outcomes
        if let collector = proximity?.collector {
            let (facilities, rowIDs) = (chunks[last].facilities, chunks[last].rowIDs)
            _ = worker.run { Self.collect(facilities, outcomes: outcomes, rowIDs: rowIDs, into: collector) }
        }
        while chunks.count > 1 { try insertOldestFeatures() }
    }

    /// Gives the inserted ones of `facilities` to `collector`, with their positions as stored.
    private static func collect(_ facilities: [Facility], outcomes: [PointRowOutcome], rowIDs: [Int64],
                                into collector: any ProximityIndexCollecting) {
        var inserted = 0
        for (facility, outcome) in zip(facilities, outcomes) where outcome == .inserted {
            var stored = facility
            if facility.location.lon == 0 || facility.location.lat == 0 {
                stored.location = Coordinate(lon: Facility.stored(facility.location.lon), lat: Facility.stored(facility.location.lat))
            }
            collector.add(ProximityRow(rowID: rowIDs[inserted], facility: stored, rooms: []))
            inserted += 1
        }
    }

    /// Inserts the features of the oldest chunk's inserted rows, or, once the ids stop coming
    /// nearly in order, notes where the walk takes over.
    private func insertOldestFeatures() throws {
        let chunk = chunks.removeFirst()
        guard let features = chunk.features?.wait(), let outcomes = chunk.outcomes, leftToWalkFrom == nil else { return }
        try features.bytes.withUnsafeBytes { all in
            // The bodies to insert, in order, up to where the ids stop coming nearly in order.
            var bodies: [(raw: UnsafeRawBufferPointer, idLength: Int)] = []
            bodies.reserveCapacity(outcomes.count)
            var inserted = 0
            for (i, outcome) in outcomes.enumerated() where outcome == .inserted {
                let rowID = chunk.rowIDs[inserted]
                inserted += 1
                let raw = UnsafeRawBufferPointer(rebasing: all[(i == 0 ? 0 : features.ends[i - 1])..<features.ends[i]])
                guard let body = FacilityFeatureBody(raw) else { preconditionFailure("a feature just encoded does not read back") }
                let id = body.id
                if id.lexicographicallyPrecedes(previousID) {
                    descents += 1
                    if descents > 16 && descents > written / 64 {
                        leftToWalkFrom = rowID
                        break
                    }
                }
                previousID.removeAll(keepingCapacity: true)
                previousID.append(contentsOf: id)
                written += 1
                if ascii { ascii = OverblikStore.isASCII(id) }
                bodies.append((raw, id.count))
            }
            try insert(bodies)
        }
        if leftToWalkFrom != nil {
            worker.drain()
            chunks.removeAll()
        }
    }

    /// Inserts stored features `bodies`, bound without a copy (each body holds its id right after
    /// its header): full groups in one statement each, the rest one by one.
    private func insert(_ bodies: [(raw: UnsafeRawBufferPointer, idLength: Int)]) throws {
        guard let single = insert else { return }
        let database = store.database
        var start = 0
        while start < bodies.count {
            let group = bodies.count - start >= Self.groupRows ? groupInsert : nil
            let binder = group ?? single
            let end = start + (group == nil ? 1 : Self.groupRows)
            binder.start()
            for (k, (raw, idLength)) in bodies[start..<end].enumerated() {
                binder.base = Int32(2 * k)
                try binder.bindInPlace(1, UnsafeRawBufferPointer(start: raw.baseAddress! + FacilityFeatureBody.headerSize, count: idLength), text: true)
                try binder.bindInPlace(2, raw, text: false)
            }
            let statement = binder.statement
            let rc = sqlite3_step(statement.handle)
            if rc != SQLITE_DONE {
                sqlite3_reset(statement.handle)
                try database.check(rc, "insert stored features", sql: statement.sql)
            }
            // The group ignores conflicts (so SQLite keeps no statement journal), but there can be none:
            // the table was emptied and the facilities' ids are unique.
            guard sqlite3_changes(database.handle) == Int32(end - start) else {
                throw DatabaseError(code: SQLITE_CONSTRAINT, message: "a stored feature was not written", sql: statement.sql,
                                    operation: "insert stored features", path: database.path)
            }
            start = end
        }
    }

    /// Features per statement on the grouped path.
    private static let groupRows = 256

    /// Inserts the last chunk's features and starts packing the proximity index on the worker's
    /// thread: call after the last row, before the R*Tree is filled.
    func rowsDone() throws {
        while !chunks.isEmpty { try insertOldestFeatures() }
        if let proximity {
            let collector = proximity.collector
            packed = worker.run { collector.finish() }
        }
    }

    /// Records what ``OverblikStore/refreshFacilityFeatures()`` records after encoding everything
    /// (the encoding's version; whether the facility ids, and the rooms' facility ids: none, are
    /// ASCII) and stores the proximity index. Call after the batch's triggers are restored.
    func finish() throws {
        if let encoder {
            if let leftToWalkFrom {
                // What the set-aside trigger's replay does, for the rows not written here.
                try store.database.execute(
                    "INSERT INTO facility_features_stale (id) SELECT id FROM facilities WHERE rowid >= \(leftToWalkFrom) ORDER BY +id")
            }
            try store.setMeta(OverblikStore.featureVersionKey, encoder.version)
            try store.setMeta(OverblikStore.asciiFacilityIDsKey, ascii ? "1" : "0")
            try store.setMeta(OverblikStore.asciiRoomIDsKey, "1")
        }
        if let proximity {
            worker.drain()
            let parts = packed?.wait() ?? proximity.collector.finish()
            try store.replaceProximityIndex(with: parts, version: proximity.version)
        }
    }
}
extension Facility {
    /// Calls `body` with the column values this facility has once ``OverblikStore`` stored it, as
    /// ``FacilityRecord/values`` reads them back: the text columns' UTF-8 bytes (nil for NULL),
    /// numbers as SQLite returns them (a REAL column gives -0.0 back as 0.0). The bytes live in
    /// `scratch` and are valid during the call only.
    /// `value` as a REAL column gives it back (SQLite keeps -0.0 as the integer 0).
    static func stored(_ value: Double) -> Double { value == 0 ? 0 : value }

    func withStoredValues<T>(scratch: inout [UInt8], _ body: (FacilityValues) throws -> T) rethrows -> T {
        let a = accessibility
        scratch.removeAll(keepingCapacity: true)
        // Text k is scratch[bounds[2k]..<bounds[2k + 1]], NULL when bounds[2k] < 0; the texts are
        // copied one after the other (no array of them, no joined string).
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: 40) { bounds in
            var k = 0
            func put(_ text: String?) {
                if let text {
                    bounds[2 * k] = scratch.count
                    scratch.append(contentsOf: text.utf8)
                    bounds[2 * k + 1] = scratch.count
                } else {
                    bounds[2 * k] = -1
                }
                k += 1
            }
            // The text columns in the order of the bind in OverblikStore.bind(_:with:).
            put(id); put(name); put(kind.rawValue); put(address); put(owner.rawValue); put(openingHours)
            put(a.wheelchair.rawValue); put(a.toiletsWheelchair.rawValue); put(a.stepFree.rawValue); put(a.ramp.rawValue)
            put(a.elevator.rawValue); put(a.hearingLoop.rawValue); put(a.parkingAccessible.rawValue)
            // god_adgang: the list joined with "|", NULL when empty.
            if a.godAdgang.isEmpty {
                bounds[2 * k] = -1
            } else {
                bounds[2 * k] = scratch.count
                for (i, g) in a.godAdgang.enumerated() {
                    if i > 0 { scratch.append(UInt8(ascii: "|")) }
                    scratch.append(contentsOf: g.utf8)
                }
                bounds[2 * k + 1] = scratch.count
            }
            k += 1
            put(a.checked); put(contact.name); put(contact.phone); put(contact.email); put(contact.bookingURL); put(districtCode)
            scratch.append(0)  // so that the buffer has an address even when every text is empty
            return try scratch.withUnsafeBufferPointer { all in
                func t(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
                    bounds[2 * i] < 0 ? nil : UnsafeBufferPointer(rebasing: all[bounds[2 * i]..<bounds[2 * i + 1]])
                }
                return try body(FacilityValues(
                    id: t(0), name: t(1), kind: t(2), lon: Self.stored(location.lon), lat: Self.stored(location.lat), address: t(3),
                    owner: t(4), capacity: capacity.map(Int64.init), openingHours: t(5), wheelchair: t(6), toiletsWheelchair: t(7),
                    stepFree: t(8), ramp: t(9), elevator: t(10), hearingLoop: t(11), parkingAccessible: t(12), godAdgang: t(13),
                    checked: t(14), contactName: t(15), phone: t(16), email: t(17), bookingURL: t(18),
                    disabilitySuited: disabilitySuited ? 1 : 0, districtCode: t(19)))
            }
        }
    }
}
