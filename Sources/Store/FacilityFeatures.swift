import CSQLite
public import Facilities

/// Encodes the stored, time-independent parts of a facility's feature (see ``FacilityFeatureBody``).
/// The Overblik facade installs one on its store (``OverblikStore/featureEncoder``); the store calls
/// it for stale facilities before each ``OverblikStore/write(_:)`` commits, and on a thread of its
/// own during a bulk import (``FacilityImportStream``).
public protocol FacilityFeatureEncoding {
    /// Names the encoding. Stored features of another version are encoded again (and are not read
    /// until they are).
    var version: String { get }

    /// Appends the encoded parts of the feature of the row with column values `values`
    /// (``FacilityValues``, read from the store or made from a facility about to be written,
    /// ``Facility/withStoredValues(scratch:_:)``) and listed `rooms` to `bytes`: a run opaque to the
    /// store. Returns a small tag, opaque too.
    func appendParts(of values: FacilityValues, rooms: [Room], to bytes: inout [UInt8]) -> UInt8
}

/// One stored feature (`facility_features.body`), read in place: the facility's id, position,
/// district code and opening hours as stored, the encoder's tag and its encoded parts.
///
/// Layout 2 (little-endian): layout byte 2; flags (1 district, 2 hours); tag; a zero byte; lon and
/// lat as Float64; UInt32 lengths of id, district and hours; then those three byte runs in that
/// order, and the encoded parts to the end. (Layout 1 held three runs of pre-rendered members and
/// a marked span; its bodies are never read, the encoding's version changed with it.)
public struct FacilityFeatureBody {
    static let layoutVersion: UInt8 = 2
    /// Where the id's bytes start.
    static let headerSize = 32

    let raw: UnsafeRawBufferPointer
    /// Where the district code, the hours and the parts start, found once.
    private let starts: (Int, Int, Int)

    /// Reads `raw` (not copied: valid as long as it is); nil when it is not a body of this layout.
    public init?(_ raw: UnsafeRawBufferPointer) {
        guard raw.count >= Self.headerSize, raw[0] == Self.layoutVersion else { return nil }
        func u32(_ offset: Int) -> Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
        let s1 = Self.headerSize + u32(20), s2 = s1 + u32(24), s3 = s2 + u32(28)
        guard s3 <= raw.count else { return nil }
        self.raw = raw
        starts = (s1, s2, s3)
    }

    @inline(__always)
    private func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: raw.baseAddress!.advanced(by: range.lowerBound).assumingMemoryBound(to: UInt8.self), count: range.count)
    }

    private var flags: UInt8 { raw[1] }
    public var tag: UInt8 { raw[2] }
    public var lon: Double { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self))) }
    public var lat: Double { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self))) }
    /// The id's bytes as stored.
    public var id: UnsafeBufferPointer<UInt8> { bytes(Self.headerSize..<starts.0) }
    /// The district code as stored; nil for NULL.
    public var districtCode: UnsafeBufferPointer<UInt8>? { flags & 1 != 0 ? bytes(starts.0..<starts.1) : nil }
    /// The opening hours as stored; nil for NULL.
    public var openingHours: UnsafeBufferPointer<UInt8>? { flags & 2 != 0 ? bytes(starts.1..<starts.2) : nil }
    /// The encoder's parts (``FacilityFeatureEncoding/appendParts(of:rooms:to:)``).
    public var parts: UnsafeBufferPointer<UInt8> { bytes(starts.2..<raw.count) }

    /// Appends the body of the row with `values` and listed `rooms`, its parts made by `encoder`, to `out`.
    static func append(_ values: FacilityValues, rooms: [Room], encoder: any FacilityFeatureEncoding, to out: inout [UInt8]) {
        let start = out.count
        let district = values.districtCode, hours = values.openingHours
        let id = values.id ?? UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        out.append(layoutVersion)
        out.append((district != nil ? 1 : 0) | (hours != nil ? 2 : 0))
        out.append(0)  // the tag, set below
        out.append(0)
        func put64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func put32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        put64(values.lon.bitPattern)
        put64(values.lat.bitPattern)
        put32(id.count)
        put32(district?.count ?? 0)
        put32(hours?.count ?? 0)
        out.append(contentsOf: id)
        if let district { out.append(contentsOf: district) }
        if let hours { out.append(contentsOf: hours) }
        out[start + 2] = encoder.appendParts(of: values, rooms: rooms, to: &out)
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
        var body: [UInt8] = []
        try walkFacilityRecords(where: all ? "" : " WHERE id IN (SELECT id FROM facility_features_stale)", roomsWhere: "",
                                bind: { _ in }) { record, rooms in
            body.removeAll(keepingCapacity: true)
            FacilityFeatureBody.append(record.values, rooms: rooms, encoder: encoder, to: &body)
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
