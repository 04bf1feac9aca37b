/// Checks on UTF-8 read from the database in place, deciding when the bytes may be written as they
/// are: `String(decoding:as:)` keeps well-formed UTF-8 byte for byte and repairs anything else, so
/// only well-formed bytes take the copy path.
enum UTF8Bytes {
    /// Whether every byte is below 0x80.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        var any: UInt64 = 0
        while i + 8 <= n {
            any |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < n {
            any |= UInt64(base[i])
            i += 1
        }
        return any & 0x8080_8080_8080_8080 == 0
    }

    /// Whether the bytes are well-formed UTF-8 (The Unicode Standard, table 3-7: no overlong
    /// forms, no surrogates, nothing above U+10FFFF, no truncated sequences).
    static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if isASCII(bytes) { return true }
        let n = bytes.count
        var i = 0
        @inline(__always) func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            k < n && bytes[k] >= low && bytes[k] <= high
        }
        while i < n {
            let b = bytes[i]
            switch b {
            case 0x00...0x7F:
                i += 1
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return false }
                i += 2
            case 0xE0:
                guard continuation(i + 1, 0xA0), continuation(i + 2) else { return false }
                i += 3
            case 0xE1...0xEC, 0xEE...0xEF:
                guard continuation(i + 1), continuation(i + 2) else { return false }
                i += 3
            case 0xED:
                guard continuation(i + 1, 0x80, 0x9F), continuation(i + 2) else { return false }
                i += 3
            case 0xF0:
                guard continuation(i + 1, 0x90), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            case 0xF1...0xF3:
                guard continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            case 0xF4:
                guard continuation(i + 1, 0x80, 0x8F), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }
}

/// Maps stored text to a `String`-backed enum case as `init(rawValue:)` on the decoded text would:
/// ASCII bytes are compared with the raw values' bytes; anything else goes through `String` (whose
/// equality is canonical equivalence, so that path stays the reference).
struct RawValueMatcher<Value: RawRepresentable & CaseIterable & Equatable> where Value.RawValue == String {
    private let cases: [(bytes: [UInt8], value: Value)]

    init() {
        cases = Value.allCases.map { (Array($0.rawValue.utf8), $0) }
    }

    /// The case whose raw value is the text, or nil (also for NULL).
    @inline(__always)
    func match(_ text: UnsafeBufferPointer<UInt8>?) -> Value? {
        index(text).map { cases[$0].value }
    }

    /// The position in `allCases` of the case whose raw value is the text, or nil (also for NULL).
    @inline(__always)
    func index(_ text: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let text else { return nil }
        guard UTF8Bytes.isASCII(text) else {
            return Value(rawValue: String(decoding: text, as: UTF8.self)).flatMap { v in cases.firstIndex { $0.value == v } }
        }
        for (i, c) in cases.enumerated() where c.bytes.count == text.count {
            let equal = c.bytes.withUnsafeBufferPointer { b in
                text.count == 0 || memcmpBytes(b.baseAddress!, text.baseAddress!, text.count)
            }
            if equal { return i }
        }
        return nil
    }
}
