import GeoJSON

/// A small memo table keyed by byte strings (database text read in place): one hash and one
/// comparison per lookup, no `String` made unless the value has to be computed.
///
/// Holds at most ``limit`` entries and is emptied when full, so memory stays bounded when almost
/// every key is new; values are pure functions of their keys, so forgetting them changes nothing
/// but speed.
///
/// ```swift
/// var cache = ByteKeyCache<Int>()
/// let n = cache.value(for: bytes) { $0.count }
/// ```
struct ByteKeyCache<Value> {
    /// Entries kept before the table is emptied.
    static var limit: Int { 4096 }
    private var slots: [Int32]                 // entry index + 1; 0 = empty
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var values: [Value] = []
    private var arena: [UInt8] = []

    init() {
        slots = Array(repeating: 0, count: 2 * Self.limit)
    }

    /// Entries held.
    var count: Int { values.count }

    /// The value for `key`, computed with `make` (from the key's bytes) when not known.
    @inline(__always)
    mutating func value(for key: UnsafeBufferPointer<UInt8>, _ make: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        if let known = lookup(key) { return known }
        let value = make(key)
        insert(key, value)
        return value
    }

    /// The value stored for `key`, if any.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Value? {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return nil }
            if hashes[entry] == hash && lengths[entry] == key.count && matches(entry, key) { return values[entry] }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `value` for `key` (not present), emptying the table first when it is full.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Value) {
        if values.count >= Self.limit { removeAll() }
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(values.count + 1)
        hashes.append(hash)
        starts.append(arena.count)
        lengths.append(key.count)
        arena.append(contentsOf: key)
        values.append(value)
    }

    private func matches(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = key.baseAddress, key.count > 0 else { return true }
        return arena.withUnsafeBufferPointer { a in
            memcmpBytes(a.baseAddress! + starts[entry], base, key.count)
        }
    }

    mutating func removeAll() {
        for i in slots.indices { slots[i] = 0 }
        hashes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
    }

    /// A 64-bit hash of the bytes, eight at a time.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        var i = 0
        let n = key.count
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 32)
    }
}

/// Whether `count` bytes at `a` and `b` are equal.
@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
        i += 8
    }
    while i < count {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

/// Encoded members memoised by the stored bytes they derive from, kept in one byte arena (no
/// reference counting per lookup).
struct SegmentCache {
    /// Where a segment's bytes are, how many members they hold, and one caller-defined flag.
    struct Segment {
        var start: Int
        var count: Int
        var members: Int
        var flag: Bool
    }

    private var table = ByteKeyCache<Segment>()
    private var arena: [UInt8] = []

    /// The segment for `key`, encoded with `make` (bytes, member count, flag) when not known.
    @inline(__always)
    mutating func segment(for key: UnsafeBufferPointer<UInt8>,
                          _ make: (UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], members: Int, flag: Bool)) -> Segment {
        if let known = table.lookup(key) { return known }
        if table.count >= ByteKeyCache<Segment>.limit {
            table.removeAll()
            arena.removeAll(keepingCapacity: true)
        }
        let made = make(key)
        let segment = Segment(start: arena.count, count: made.bytes.count, members: made.members, flag: made.flag)
        arena.append(contentsOf: made.bytes)
        table.insert(key, segment)
        return segment
    }

    /// Appends a segment returned by ``segment(for:_:)`` (before any other lookup) to `p`.
    /// (Mutating only so that callers reach the cache in place, never through a copy.)
    @inline(__always)
    mutating func append(_ segment: Segment, to p: inout PropertyWriter) {
        arena.withUnsafeBufferPointer { all in
            p.encoded(UnsafeBufferPointer(rebasing: all[segment.start..<(segment.start + segment.count)]), members: segment.members)
        }
    }
}
