import Dispatch
import Facilities
import GeoJSON
import Store

/// How the unfiltered facilities export splits its work (tests force small chunks and threads).
struct FacilityExportPlan: Sendable {
    /// Facilities per chunk (and per id range read by one reader).
    var rowsPerChunk = 2048
    /// Chunks a reader may be ahead of the writer (bounds memory: about this many chunks in flight).
    var aheadLimit = 3
    /// Reader threads when ranges can be read apart (1 or 2).
    var readers = 2
    /// Below this many facilities everything runs on the calling thread.
    var threadsFrom = 20_000
    /// Whether the stored, pre-encoded features are read when they are current (tests turn it off
    /// to compare both ways).
    var storedFeatures = true
}

/// Moves a value to another thread that then owns it (the value is not shared).
private final class Handover<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension Overblik {
    /// Whether the facilities export can take the row-encoding path for these options.
    static func exportsRows(_ options: ExportOptions, time: TimeCondition?) -> Bool {
        options.filter.isEmpty && time == nil && FacilityRowEncoder.supports(options)
    }

    /// The facilities layer without filters, encoded from raw rows: on the calling thread for
    /// small stores; otherwise by reader threads with their own connections (two id ranges at a
    /// time when ranges join rooms exactly, else one reader), while this thread writes the chunks
    /// in order. The bytes are those of the one-by-one path.
    func exportFacilityRows<S: ByteSink>(to writer: GeoJSONWriter<S>, options: ExportOptions,
                                         plan: FacilityExportPlan = FacilityExportPlan()) throws -> Int {
        let context = try encodingContext(options: options)
        let sequence = writer.format == .textSequence
        if try store.facilityKey(after: nil, skipping: max(0, plan.threadsFrom - 1)) != nil,
           let written = try exportFacilityRowsInThreads(to: writer, context: context, sequence: sequence, plan: plan) {
            return written
        }
        var encoder = FacilityRowEncoder(context: context)
        let chunk = GeoJSONChunk(options: writer.options, sequence: sequence, firstIndex: writer.featuresWritten)
        var position = 0
        func flushIfFull() throws {
            if chunk.byteCount >= 1 << 20 {
                try writer.append(chunk)
                chunk.reset(firstIndex: writer.featuresWritten)
            }
        }
        // One read transaction, so that the stored features are read on the snapshot they were checked on.
        let store = try self.store
        let reading = (try? store.beginReading()) != nil
        defer { if reading { store.endReading() } }
        if plan.storedFeatures, try store.facilityFeaturesAreCurrent(version: FacilityFeatureEncoder.version) {
            try store.forEachFacilityFeature(from: nil, to: nil) { feature, rooms in
                try encoder.encode(stored: feature, rooms: rooms, position: position, into: chunk, of: store)
                position += 1
                try flushIfFull()
            }
        } else {
            try store.forEachFacilityRecord(from: nil, to: nil) { record, rooms in
                try encoder.encode(record, rooms: rooms, position: position, into: chunk)
                position += 1
                try flushIfFull()
            }
        }
        try writer.append(chunk)
        return position
    }

    /// The threaded export; nil when it cannot start (in-memory store, or the readers could not get
    /// one snapshot), and then nothing was written.
    private func exportFacilityRowsInThreads<S: ByteSink>(to writer: GeoJSONWriter<S>, context: FacilityEncodingContext,
                                                          sequence: Bool, plan: FacilityExportPlan) throws -> Int? {
        guard var readers = try openReaders(max(1, plan.readers)) else { return nil }
        // The readers share one snapshot: what one of them sees of the stored features holds for all.
        let stored = try plan.storedFeatures && readers[0].facilityFeaturesAreCurrent(version: FacilityFeatureEncoder.version)
        // Ranges when they join rooms exactly: always with current stored features (their ids are
        // ASCII), else when a scan of the ids says so.
        let ranged = try readers.count > 1 && (stored || readers[0].facilityRangesJoinExactly())
        if !ranged {
            for reader in readers.dropFirst() { reader.endReading() }
            readers.removeLast(readers.count - 1)
        }
        let pipeline = FeatureChunkPipeline(rowsPerChunk: plan.rowsPerChunk, aheadLimit: plan.aheadLimit,
                                     options: writer.options, sequence: sequence, base: writer.featuresWritten)
        for reader in readers {
            let handover = Handover(reader)
            pipeline.readerStarting()
            DispatchQueue.global().async {
                defer { pipeline.readerFinished() }
                do {
                    if ranged {
                        try Self.readRanges(handover.value, stored: stored, context: context, pipeline: pipeline)
                    } else {
                        try Self.readAll(handover.value, stored: stored, context: context, pipeline: pipeline)
                    }
                } catch {
                    pipeline.fail(error)
                }
                handover.value.endReading()
            }
        }
        var written = 0
        do {
            while let chunk = try pipeline.next() {
                try writer.append(chunk)
                written += chunk.count
                pipeline.written(chunk)
            }
        } catch {
            pipeline.fail(error)
            pipeline.waitForReaders()
            throw error
        }
        pipeline.waitForReaders()
        return written
    }

    /// `count` reader connections in read transactions on one snapshot (no commit by anyone between
    /// the first and the last began); nil when the store is in memory, a connection cannot be
    /// opened, or no such snapshot was had (the caller then reads on its own connection).
    private func openReaders(_ count: Int) throws -> [OverblikStore]? {
        for _ in 0..<3 {
            let before = try store.dataVersion()
            var readers: [OverblikStore] = []
            for _ in 0..<count {
                guard let reader = try? store.openReader(), (try? reader.beginReading()) != nil else {
                    for reader in readers { reader.endReading() }
                    return nil
                }
                readers.append(reader)
            }
            if try store.dataVersion() == before { return readers }
            for reader in readers { reader.endReading() }
        }
        return nil
    }

    /// A reader of ranged mode: claims id ranges and encodes each into a chunk.
    private static func readRanges(_ reader: OverblikStore, stored: Bool, context: FacilityEncodingContext,
                                   pipeline: FeatureChunkPipeline) throws {
        var encoder = FacilityRowEncoder(context: context)
        let rows = pipeline.rowsPerChunk
        while let job = try pipeline.claim(using: reader) {
            guard let chunk = pipeline.buffer(for: job.index) else { return }
            var position = job.index * rows
            if stored {
                try reader.forEachFacilityFeature(from: job.lower, to: job.upper) { feature, rooms in
                    try encoder.encode(stored: feature, rooms: rooms, position: position, into: chunk, of: reader)
                    position += 1
                }
            } else {
                try reader.forEachFacilityRecord(from: job.lower, to: job.upper) { record, rooms in
                    try encoder.encode(record, rooms: rooms, position: position, into: chunk)
                    position += 1
                }
            }
            // Every range but the last holds exactly `rows` facilities of the snapshot.
            guard job.upper == nil ? chunk.count <= rows : chunk.count == rows else { throw FeatureChunkPipeline.StoreChanged() }
            pipeline.complete(job.index, chunk)
        }
    }

    /// The reader of single-reader mode: one walk over all facilities (rooms joined globally), cut
    /// into chunks of `rowsPerChunk` features.
    private static func readAll(_ reader: OverblikStore, stored: Bool, context: FacilityEncodingContext,
                                pipeline: FeatureChunkPipeline) throws {
        var encoder = FacilityRowEncoder(context: context)
        let rows = pipeline.rowsPerChunk
        var index = 0
        guard var chunk = pipeline.buffer(for: 0) else { return }
        var position = 0
        func nextChunkIfFull() throws {
            if chunk.count == rows {
                pipeline.complete(index, chunk)
                index += 1
                guard let next = pipeline.buffer(for: index) else { throw CancellationError() }
                chunk = next
            }
        }
        if stored {
            try reader.forEachFacilityFeature(from: nil, to: nil) { feature, rooms in
                try nextChunkIfFull()
                try encoder.encode(stored: feature, rooms: rooms, position: position, into: chunk, of: reader)
                position += 1
            }
        } else {
            try reader.forEachFacilityRecord(from: nil, to: nil) { record, rooms in
                try nextChunkIfFull()
                try encoder.encode(record, rooms: rooms, position: position, into: chunk)
                position += 1
            }
        }
        pipeline.complete(index, chunk, last: true)
    }

    /// The shared, immutable part of encoding: districts with rural flags, holidays, bookings.
    func encodingContext(options: ExportOptions) throws -> FacilityEncodingContext {
        let builder = try facilityBuilder(options: options)
        return FacilityEncodingContext(options: options, calendar: builder.calendar, bookings: builder.bookings,
                                       districts: builder.districts)
    }
}

extension FacilityRowEncoder {
    /// ``encode(_:rooms:position:into:)-(FacilityFeatureBody,_,_,_)`` of a feature stored in `store`.
    /// - Throws: ``StoreError/corruptFeature(path:detail:)`` when its parts are not of this build's
    ///   encoding, ``GeoJSONWriteError``.
    mutating func encode(stored feature: FacilityFeatureBody, rooms: [Room], position: Int, into chunk: GeoJSONChunk,
                         of store: OverblikStore) throws {
        guard try encode(feature, rooms: rooms, position: position, into: chunk) else {
            throw StoreError.corruptFeature(
                path: store.path, detail: "a facility_features row does not hold members of encoding \(FacilityFeatureEncoder.version)")
        }
    }
}
