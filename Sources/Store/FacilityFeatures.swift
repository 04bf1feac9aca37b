import CSQLite
public import Facilities

/// Encodes the stored, time-independent parts of a facility's feature (see ``FacilityFeatureBody``).
/// The Overblik facade installs one on its store (``OverblikStore/featureEncoder``); the store calls
/// it for stale facilities before each ``OverblikStore/write(_:)`` commits.
public protocol FacilityFeatureEncoding {
    /// Names the encoding. Stored features of another version are encoded again (and are not read
    /// until they are).
    var version: String { get }

    /// The parts of `record`'s feature with its listed `rooms` that depend on nothing else.
    func parts(of record: FacilityRecord, rooms: [Room]) -> FacilityFeatureParts

    /// The same parts from a row's column values (``FacilityValues``), read from the store or
    /// made from a facility about to be written (``Facility/withStoredValues(_:)``).
    func parts(of values: FacilityValues, rooms: [Room]) -> FacilityFeatureParts
}

/// What a ``FacilityFeatureEncoding`` makes of one facility: three runs of encoded members in
/// `bytes` (each `"key":value,...` without braces or leading comma, with its member count), a
/// marked span of `bytes` inside the first run, and a small tag, all opaque to the store.
public struct FacilityFeatureParts {
    public var bytes: [UInt8]
    public var segments: [(range: Range<Int>, members: Int)]
    public var mark: Range<Int>
    public var tag: UInt8

    public init(bytes: [UInt8], segments: [(range: Range<Int>, members: Int)], mark: Range<Int>, tag: UInt8) {
        self.bytes = bytes
        self.segments = segments
        self.mark = mark
        self.tag = tag
    }
}

/// One stored feature (`facility_features.body`), read in place: the facility's id, position,
/// district code and opening hours as stored, and the encoded parts.
///
/// Layout (little-endian): version byte 1; flags (1 district, 2 hours); tag; 3 member
/// counts; 2 bytes zero; lon and lat as Float64; UInt32 lengths of id, district, hours and the three
/// segments, then the mark's offset and length; then those six byte runs in that order.
public struct FacilityFeatureBody {
    static let layoutVersion: UInt8 = 1
    static let headerSize = 56
    private static let segmentCount = 3

    let raw: UnsafeRawBufferPointer
    /// Where each of the six runs starts, found once.
    private let starts: (Int, Int, Int, Int, Int, Int)

    /// Reads `raw` (not copied: valid as long as it is); nil when it is not a body of this layout.
    public init?(_ raw: UnsafeRawBufferPointer) {
        guard raw.count >= Self.headerSize, raw[0] == Self.layoutVersion else { return nil }
        func u32(_ offset: Int) -> Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
        let s0 = Self.headerSize, s1 = s0 + u32(24), s2 = s1 + u32(28), s3 = s2 + u32(32), s4 = s3 + u32(36), s5 = s4 + u32(40)
        guard s5 + u32(44) == raw.count, u32(48) + u32(52) <= u32(36) else { return nil }
        self.raw = raw
        starts = (s0, s1, s2, s3, s4, s5)
    }

    @inline(__always)
    private func u32(_ offset: Int) -> UInt32 {
        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    private func run(_ index: Int, from start: Int) -> UnsafeBufferPointer<UInt8> {
        let count = Int(u32(24 + 4 * index))
        return UnsafeBufferPointer(start: raw.baseAddress!.advanced(by: start).assumingMemoryBound(to: UInt8.self), count: count)
    }

    private var flags: UInt8 { raw[1] }
    public var tag: UInt8 { raw[2] }
    public var lon: Double { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))) }
    public var lat: Double { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))) }
    /// The id's bytes as stored.
    public var id: UnsafeBufferPointer<UInt8> { run(0, from: starts.0) }
    /// The district code as stored; nil for NULL.
    public var districtCode: UnsafeBufferPointer<UInt8>? { flags & 1 != 0 ? run(1, from: starts.1) : nil }
    /// The opening hours as stored; nil for NULL.
    public var openingHours: UnsafeBufferPointer<UInt8>? { flags & 2 != 0 ? run(2, from: starts.2) : nil }
    /// Encoded segment `index` (0..<3) and its member count.
    public func segment(_ index: Int) -> (bytes: UnsafeBufferPointer<UInt8>, members: Int) {
        let start = index == 0 ? starts.3 : index == 1 ? starts.4 : starts.5
        return (run(3 + index, from: start), Int(raw[3 + index]))
    }
    /// The marked span of segment 0.
    public var mark: UnsafeBufferPointer<UInt8> {
        let s = run(3, from: starts.3)
        return UnsafeBufferPointer(rebasing: s[Int(u32(48))..<(Int(u32(48)) + Int(u32(52)))])
    }

    /// The body of `record` with `parts`.
    static func encode(_ record: FacilityRecord, parts: FacilityFeatureParts) -> [UInt8] {
        encode(id: record.text(.id), districtCode: record.text(.districtCode), openingHours: record.text(.openingHours),
               lon: record.double(.lon), lat: record.double(.lat), parts: parts)
    }

    /// The body of the row with `values` with `parts`.
    static func encode(_ values: FacilityValues, parts: FacilityFeatureParts) -> [UInt8] {
        encode(id: values.id, districtCode: values.districtCode, openingHours: values.openingHours,
               lon: values.lon, lat: values.lat, parts: parts)
    }

    private static func encode(id: UnsafeBufferPointer<UInt8>?, districtCode district: UnsafeBufferPointer<UInt8>?,
                               openingHours hours: UnsafeBufferPointer<UInt8>?, lon: Double, lat: Double,
                               parts: FacilityFeatureParts) -> [UInt8] {
        let segments = parts.segments
        precondition(segments.count == segmentCount)
        let first = segments[0].range
        precondition(first.lowerBound <= parts.mark.lowerBound && parts.mark.upperBound <= first.upperBound)
        let id = id ?? UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var size = headerSize + id.count + (district?.count ?? 0) + (hours?.count ?? 0)
        for s in segments { size += s.range.count }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        let flags: UInt8 = (district != nil ? 1 : 0) | (hours != nil ? 2 : 0)
        out.append(layoutVersion)
        out.append(flags)
        out.append(parts.tag)
        for s in segments {
            precondition(s.members < 256)
            out.append(UInt8(s.members))
        }
        out.append(0)
        out.append(0)
        func put64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func put32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        put64(lon.bitPattern)
        put64(lat.bitPattern)
        put32(id.count)
        put32(district?.count ?? 0)
        put32(hours?.count ?? 0)
        for s in segments { put32(s.range.count) }
        put32(parts.mark.lowerBound - first.lowerBound)
        put32(parts.mark.count)
        out.append(contentsOf: id)
        if let district { out.append(contentsOf: district) }
        if let hours { out.append(contentsOf: hours) }
        parts.bytes.withUnsafeBufferPointer { all in
            for s in segments { out.append(contentsOf: UnsafeBufferPointer(rebasing: all[s.range])) }
        }
        return out
    }
}

extension OverblikStore {
    /// The `overblik_meta` key naming the encoding of the stored features.
    static let featureVersionKey = "facility_features_version"
    /// The `overblik_meta` keys saying ("1") that every facility id, and every room's facility id,
    /// was ASCII text when the stored features were last encoded. The first stays "0" from the
    /// encoding that met a non-ASCII id to the next full encoding; when the second turns from "0" to
    /// "1" everything is encoded again (features encoded meanwhile may have been joined to rooms by
    /// Unicode rather than byte order).
    static let asciiFacilityIDsKey = "facility_features_ascii_ids"
    static let asciiRoomIDsKey = "facility_features_ascii_room_ids"

    /// Whether the stored features can be read in place of the facilities for `version`: they were
    /// made by that encoding, nothing is listed as stale, and every facility id and every room's
    /// facility id was ASCII text when they were encoded (then walks over some facilities attach
    /// the same rooms as a walk over all, whatever the ids' order under Unicode rules, and id ranges
    /// join rooms exactly). Stores with other ids are exported from the rows.
    /// - Throws: ``DatabaseError``.
    public func facilityFeaturesAreCurrent(version: String) throws -> Bool {
        guard try meta(Self.featureVersionKey) == version,
              try meta(Self.asciiFacilityIDsKey) == "1", try meta(Self.asciiRoomIDsKey) == "1" else { return false }
        return try database.scalar("SELECT EXISTS (SELECT 1 FROM facility_features_stale)")?.int == 0
    }

    /// Whether ``refreshFacilityFeatures()`` has work: features of another encoding than the
    /// installed ``featureEncoder``'s, or stale ones.
    /// - Throws: ``DatabaseError``.
    public func facilityFeaturesNeedEncoding() throws -> Bool {
        guard let encoder = featureEncoder else { return false }
        return try meta(Self.featureVersionKey) != encoder.version
            || database.scalar("SELECT EXISTS (SELECT 1 FROM facility_features_stale)")?.int == 1
    }

    /// Encodes what is stale now if that can be done without waiting: not on a read-only file, and
    /// not while another connection holds the write lock (then nothing happens and readers keep
    /// exporting from the rows). Errors are not thrown: the caller's own work will meet any that matter.
    /// - Returns: whether the features were encoded.
    @discardableResult
    public func refreshFacilityFeaturesIfFree() -> Bool {
        guard (try? facilityFeaturesNeedEncoding()) == true, !database.isReadOnly else { return false }
        database.setBusyTimeout(milliseconds: 0)
        defer { database.setBusyTimeout(milliseconds: Database.busyTimeoutMilliseconds) }
        return (try? write {}) != nil
    }

    /// Encodes the stale facilities' features with ``featureEncoder`` (all of them when the stored
    /// ones were made by another encoding) and clears the stale list. Call inside ``write(_:)``,
    /// which does so itself before committing.
    /// - Returns: the number of features encoded.
    /// - Throws: ``DatabaseError``.
    @discardableResult
    public func refreshFacilityFeatures() throws -> Int {
        guard let encoder = featureEncoder, try facilityFeaturesNeedEncoding() else { return 0 }
        let roomIDsASCII = try allASCII("rooms", "facility_id")
        // All of them when they were made by another encoding (or never), or when rooms' facility
        // ids turn ASCII again; else the stale ones.
        let all = try meta(Self.featureVersionKey) != encoder.version || (roomIDsASCII && meta(Self.asciiRoomIDsKey) != "1")
        if all {
            try database.execute("DELETE FROM facility_features")
            try setMeta(Self.featureVersionKey, encoder.version)
        }
        let insert = try database.prepare("INSERT OR REPLACE INTO facility_features (id, body) VALUES (?1, ?2)")
        var encoded = 0
        // Whether ids are ASCII: the rooms' facility ids are checked whole (a scan of their index),
        // the facilities' ids as they are encoded here, on top of what held for the others (after a
        // deletion it may stay false until the next full encoding, which only costs the ranges).
        var ascii = try all || meta(Self.asciiFacilityIDsKey) == "1"
        // Rooms are not restricted to the stale facilities: the merge join then attaches exactly the
        // rooms a walk over everything attaches.
        try walkFacilityRecords(where: all ? "" : " WHERE id IN (SELECT id FROM facility_features_stale)", roomsWhere: "",
                                bind: { _ in }) { record, rooms in
            let body = FacilityFeatureBody.encode(record, parts: encoder.parts(of: record, rooms: rooms))
            if ascii {
                ascii = sqlite3_column_type(record.statement.handle, FacilityColumn.id.rawValue) == SQLITE_TEXT
                    && record.text(.id).map(Self.isASCII) == true
            }
            let handle = insert.handle
            sqlite3_reset(handle)
            try database.check(sqlite3_bind_value(handle, 1, sqlite3_column_value(record.statement.handle, FacilityColumn.id.rawValue)),
                               "bind", sql: insert.sql)
            try body.withUnsafeBytes { raw in
                try database.check(sqlite3_bind_blob(handle, 2, raw.baseAddress, Int32(raw.count), overblik_sqlite_transient()),
                                   "bind", sql: insert.sql)
            }
            let rc = sqlite3_step(handle)
            guard rc == SQLITE_DONE else { try database.check(rc, "step", sql: insert.sql); return }
            encoded += 1
        }
        try database.execute("DELETE FROM facility_features_stale")
        try setMeta(Self.asciiFacilityIDsKey, ascii ? "1" : "0")
        try setMeta(Self.asciiRoomIDsKey, roomIDsASCII ? "1" : "0")
        return encoded
    }

    /// Calls `body` for every stored feature whose facility id lies in `[lower, upper)` (nil:
    /// unbounded), in id order, with the facility's listed rooms joined as in
    /// ``forEachFacilityRecord(from:to:_:)``. Read only while ``facilityFeaturesAreCurrent(version:)``.
    /// The rooms carry their id, facility id, name and opening hours only (the rest is in the feature).
    /// - Throws: ``StoreError/corruptFeature(path:detail:)`` for a body this store cannot read,
    ///   ``DatabaseError``, whatever `body` throws.
    public func forEachFacilityFeature(from lower: FacilityKey?, to upper: FacilityKey?,
                                       _ body: (FacilityFeatureBody, [Room]) throws -> Void) throws {
        let features = try database.prepare("""
            SELECT body FROM facility_features\(Self.rangeClause(column: "id", lower: lower, upper: upper)) ORDER BY id
            """)
        try Self.bind(lower, upper, to: features)
        let rooms = try database.prepare("""
            SELECT id, facility_id, name, opening_hours FROM rooms\(Self.rangeClause(column: "facility_id", lower: lower, upper: upper))
            ORDER BY facility_id, id
            """)
        try Self.bind(lower, upper, to: rooms)
        // What the export needs of a room beside the stored feature: its id, name and opening hours.
        func nextRoom() throws -> Room? {
            let rc = sqlite3_step(rooms.handle)
            guard rc == SQLITE_ROW else {
                if rc != SQLITE_DONE { try database.check(rc, "step", sql: rooms.sql) }
                return nil
            }
            // Decoded as room(from:) decodes: a value that is not text reads as nil.
            return Room(id: rooms.value(at: 0).string ?? "", facilityID: rooms.value(at: 1).string ?? "",
                        name: rooms.value(at: 2).string ?? "", openingHours: rooms.value(at: 3).string)
        }
        var pending = try nextRoom()
        let handle = features.handle
        try features.forEachRow { _ in
            let count = Int(sqlite3_column_bytes(handle, 0))
            let raw = UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, 0), count: count)
            guard let feature = FacilityFeatureBody(raw) else {
                throw StoreError.corruptFeature(path: path, detail: "a facility_features row of \(count) bytes does not hold a feature")
            }
            var own: [Room] = []
            if pending != nil {
                let id = feature.id
                while let room = pending, Self.compare(room.facilityID, id) < 0 { pending = try nextRoom() }
                while let room = pending, Self.compare(room.facilityID, id) == 0 {
                    own.append(room)
                    pending = try nextRoom()
                }
            }
            try body(feature, own)
        }
    }
}
