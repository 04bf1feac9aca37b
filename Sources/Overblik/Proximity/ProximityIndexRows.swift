import Analysis
import Facilities
import GeoTypes
import SpatialIndex
import Store

/// The rows of a stored proximity index (see ``ProximityIndexCodec``) as they are given, and the
/// one packing of them: from the store's walk in id order (``ProximityIndexCodec/build(from:)``),
/// or from a bulk import's new facilities in file order, sorted here by the bytes of their ids
/// (SQLite's order of text) before they are ranked.
final class ProximityIndexRows: ProximityIndexCollecting {
    /// Whether the rows come in any order (else in the store's id order, checked as they come).
    private let sorting: Bool
    private var ids: [String] = []
    private var points: [Coordinate] = []
    private var masks: [UInt64] = []
    private var ranks: [(rowID: Int64, idHash: UInt32, rooms: UInt32)] = []
    private var previous: String?
    /// Whether Swift's string order and SQLite's byte order agree, strictly, on the ids so far.
    private var consistent = true

    init(sorting: Bool) {
        self.sorting = sorting
    }

    func add(_ row: ProximityRow) {
        let id = row.facility.id
        if sorting {
            ids.append(id)
        } else {
            // Rank order is Swift's string order (the engine sorts by it); rows come in SQLite's byte
            // order. Both must agree, strictly, for the stored ranks to be the engine's.
            if let previous, !Self.ordered(previous, id) { consistent = false }
            previous = id
        }
        // A facility without listed rooms is its own room (``Facility/implicitRoom``), which has no
        // accessibility of its own and the facility's disabilitySuited: the mask of no rooms.
        points.append(row.facility.location)
        masks.append(AttributeMask.of(row.facility, rooms: row.rooms))
        ranks.append((row.rowID, ProximityIndexCodec.hash(id), UInt32(row.rooms.count)))
    }

    func finish() -> [[UInt8]] { finish(joined: true) }

    /// The blobs; `joined`: whether the rooms were joined to their facilities exactly (see
    /// ``OverblikStore/forEachProximityRow(_:)``), else the header says "not usable".
    func finish(joined: Bool) -> [[UInt8]] {
        typealias Codec = ProximityIndexCodec
        if sorting { sortByID() }
        guard consistent, joined else { return [Codec.header(usable: false, count: 0, indexParts: 0, rankParts: 0)] }
        let index = GeodesicIndex(points: points, attributes: masks)
        (points, masks) = ([], [])
        var indexParts = index.packed(pointsPerPart: Codec.pointsPerPart)
        let indexHeader = indexParts.removeFirst()
        var parts = [Codec.header(usable: true, count: index.count, indexParts: indexParts.count,
                                  rankParts: (index.count + Codec.ranksPerPart - 1) / Codec.ranksPerPart) + indexHeader]
        parts += indexParts
        var start = 0
        while start < ranks.count {
            let end = min(ranks.count, start + Codec.ranksPerPart)
            var part: [UInt8] = []
            part.reserveCapacity((end - start) * Codec.bytesPerRank)
            for rank in ranks[start..<end] {
                Codec.append(UInt64(bitPattern: rank.rowID), to: &part)
                Codec.append(rank.idHash, to: &part)
                Codec.append(rank.rooms, to: &part)
            }
            parts.append(part)
            start = end
        }
        return parts
    }

    /// Whether `a` comes strictly before `b` both in Swift's string order and in byte order.
    private static func ordered(_ a: String, _ b: String) -> Bool {
        a < b && a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Puts the rows in the byte order of their ids and checks that Swift's order agrees.
    private func sortByID() {
        // The first 8 bytes as a big-endian key (zero-padded: a tie is decided on the whole id).
        func key(_ id: String) -> UInt64 {
            var k: UInt64 = 0, n = 0
            for b in id.utf8.prefix(8) {
                k = k << 8 | UInt64(b)
                n += 1
            }
            return n == 0 ? 0 : k << (8 * UInt64(8 - n))
        }
        var keys = ids.indices.map { (key: key(ids[$0]), index: $0) }
        keys.sort { a, b in a.key != b.key ? a.key < b.key : ids[a.index].utf8.lexicographicallyPrecedes(ids[b.index].utf8) }
        for k in keys.indices.dropFirst() where !Self.ordered(ids[keys[k - 1].index], ids[keys[k].index]) {
            consistent = false
            break
        }
        points = keys.map { points[$0.index] }
        masks = keys.map { masks[$0.index] }
        ranks = keys.map { ranks[$0.index] }
        ids = []
    }
}
