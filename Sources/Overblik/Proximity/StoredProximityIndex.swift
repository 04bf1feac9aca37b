import Analysis
import Facilities
import GeoTypes
import SpatialIndex
import Store

/// The proximity index of `near` as the store keeps it (table `proximity_index`), and the one
/// function that builds it, so that a cold `near` reads the index and then only the rows of the
/// facilities it looks at, instead of every facility.
///
/// The index is the ``GeodesicIndex`` a fresh ``ProximityEngine`` builds over the same facilities
/// (same points in the same id order, same attribute masks), packed; beside it, per rank, the
/// facility's rowid, a hash of its id and its number of listed rooms, which every lookup checks
/// against the row it reads (a `VACUUM` may renumber rowids without firing a trigger).
///
/// Parts: 0 the header (magic, flags, counts, then the index's header with its nodes); then the
/// index's data parts; then the per-rank parts (16 bytes a rank: rowid, id hash, room count).
/// A store whose ids Swift and SQLite would order or join differently (ids that are not in
/// Unicode normal form, or not text) gets a header marked "not usable": `near` then reads the
/// rows as before, and writers do not build it again until something changes.
struct ProximityIndexCodec: ProximityIndexBuilding {
    static let version = "overblik-proximity/2 " + GeodesicIndex.packedLayoutVersion
    static let pointsPerPart = 4_096
    static let ranksPerPart = 1_024
    static let magic: UInt32 = 0x5850_424F // "OBPX"
    static let headerSize = 24
    static let bytesPerRank = 16

    var version: String { Self.version }

    func build(from store: OverblikStore) throws -> [[UInt8]] {
        let rows = ProximityIndexRows(sorting: false)
        let joined = try store.forEachProximityRow(rows.add)
        return rows.finish(joined: joined)
    }

    func collector() -> any ProximityIndexCollecting { ProximityIndexRows(sorting: true) }

    static func header(usable: Bool, count: Int, indexParts: Int, rankParts: Int) -> [UInt8] {
        var out: [UInt8] = []
        append(magic, to: &out)
        append(UInt32(usable ? 1 : 0), to: &out)
        append(UInt64(count), to: &out)
        append(UInt32(indexParts), to: &out)
        append(UInt32(rankParts), to: &out)
        return out
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// FNV-1a over the id's UTF-8 bytes: enough to notice that a rowid now holds another facility.
    static func hash(_ id: String) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        for b in id.utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        return h
    }
}

/// A proximity index read from the store: the search tree, and per rank where the facility's row
/// is, read a part at a time as answers need it (a single query touches a few of them).
final class StoredProximityIndex {
    let index: GeodesicIndex
    /// `PRAGMA data_version` when it was read: while unchanged, no other connection has committed.
    let dataVersion: Int64
    private let indexParts: Int
    /// Per-rank parts read so far (rowid, id hash, listed room count; 16 bytes a rank).
    private var rankParts: [Int: [UInt8]] = [:]

    private init(index: GeodesicIndex, indexParts: Int, dataVersion: Int64) {
        self.index = index
        self.indexParts = indexParts
        self.dataVersion = dataVersion
    }

    /// Where the facility of `rank` is stored, as the index was built; nil when its part is
    /// missing or does not fit. Call in the read transaction the index was loaded or checked in.
    func entry(ofRank rank: Int, in store: OverblikStore) throws -> (rowID: Int64, idHash: UInt32, roomCount: Int)? {
        let per = ProximityIndexCodec.ranksPerPart, size = ProximityIndexCodec.bytesPerRank
        let number = rank / per
        if rankParts[number] == nil {
            let expected = min(per, index.count - number * per) * size
            var bytes: [UInt8]?
            guard try store.readProximityIndex(version: ProximityIndexCodec.version,
                                               parts: (1 + indexParts + number)..<(2 + indexParts + number), { _, raw in
                guard raw.count == expected else { return false }
                bytes = Array(raw)
                return true
            }), let bytes else { return nil }
            rankParts[number] = bytes
        }
        return rankParts[number]!.withUnsafeBytes { raw in
            let o = (rank % per) * size
            return (Int64(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self))),
                    UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o + 8, as: UInt32.self)),
                    Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o + 12, as: UInt32.self))))
        }
    }

    /// Reads the stored index's header and tree; its data parts are read when a search first
    /// reaches them (see ``GeodesicIndex/PackedLoader/finishPaged(source:)``; check
    /// ``GeodesicIndex/hasUnreadablePart`` after a search). Nil when it is missing, of another
    /// version, marked not usable, or a part is missing or of the wrong size (then nothing of it is
    /// used). Call inside a read transaction, and search only inside one on the same snapshot
    /// (``dataVersion`` unchanged).
    static func load(from store: OverblikStore) throws -> StoredProximityIndex? {
        let dataVersion = try store.dataVersion()
        guard let sizes = try store.proximityIndexPartSizes(version: ProximityIndexCodec.version), !sizes.isEmpty else { return nil }
        var loader: GeodesicIndex.PackedLoader?
        var count = 0, indexParts = 0, rankParts = 0
        guard try store.readProximityIndex(version: ProximityIndexCodec.version, parts: 0..<1, { _, raw in
            guard raw.count >= ProximityIndexCodec.headerSize,
                  raw.loadUnaligned(as: UInt32.self) == ProximityIndexCodec.magic.littleEndian,
                  UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) == 1,
                  let n = Int(exactly: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))) else { return false }
            count = n
            indexParts = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
            rankParts = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 20, as: UInt32.self)))
            loader = GeodesicIndex.PackedLoader(header: UnsafeRawBufferPointer(rebasing: raw[ProximityIndexCodec.headerSize...]))
            return loader?.partCount == indexParts && rankParts == (count + ProximityIndexCodec.ranksPerPart - 1) / ProximityIndexCodec.ranksPerPart
        }), let loader, loader.count == count else { return nil }
        // Every part must be there with its size (a write that stopped short never commits, but
        // another program may have deleted or changed parts).
        func expected(_ total: Int, _ per: Int, _ i: Int) -> Int { min(per, total - i * per) }
        let wanted = (0..<indexParts).map { expected(count, loader.pointsPerPart, $0) * GeodesicIndex.packedBytesPerPoint }
            + (0..<rankParts).map { expected(count, ProximityIndexCodec.ranksPerPart, $0) * ProximityIndexCodec.bytesPerRank }
        guard Array(sizes.dropFirst()) == wanted else { return nil }
        let index = loader.finishPaged { part, fill in
            (try? store.readProximityIndex(version: ProximityIndexCodec.version, parts: (1 + part)..<(2 + part)) { _, raw in fill(raw) }) ?? false
        }
        guard let index else { return nil }
        return StoredProximityIndex(index: index, indexParts: indexParts, dataVersion: dataVersion)
    }
}
