/// A pull parser over a chunked byte source: reads one JSON value at a time and tracks byte offset,
/// line and column for errors. Validates UTF-8 inside strings and enforces ``GeoJSONLimits``.
final class JSONScanner {
    private var source: any ByteSource
    /// The chunk buffer (raw memory: this is the reader's hot path).
    private let buffer: UnsafeMutablePointer<UInt8>
    private let chunkSize: Int
    // Cursor state is only touched from this object's own methods, never re-entrantly.
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var end = 0
    /// Byte offset in the whole input of buffer[0].
    @exclusivity(unchecked) private var base = 0
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var lineStart = 0
    @exclusivity(unchecked) private var atEOF = false
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    let limits: GeoJSONLimits
    /// The feature being read, attached to errors.
    @exclusivity(unchecked) var featureIndex: Int?

    init(source: any ByteSource, limits: GeoJSONLimits, chunkSize: Int = 1 << 16) {
        self.source = source
        self.limits = limits
        self.chunkSize = max(chunkSize, 16)
        buffer = .allocate(capacity: self.chunkSize)
    }

    deinit {
        buffer.deallocate()
    }

    // MARK: - Bytes

    var here: SourcePosition {
        let offset = base + position
        return SourcePosition(offset: offset, line: line, column: offset - lineStart + 1)
    }

    func error(_ kind: GeoJSONError.Kind, at position: SourcePosition? = nil) -> GeoJSONError {
        GeoJSONError(kind, at: position ?? here, featureIndex: featureIndex)
    }

    private func refill() throws(GeoJSONError) -> Bool {
        if atEOF { return false }
        base += end
        position = 0
        do {
            end = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: chunkSize))
        } catch {
            end = 0
            throw self.error(.io(operation: error.operation, errno: error.errno))
        }
        if end == 0 { atEOF = true }
        return end > 0
    }

    /// The next byte without consuming it, nil at the end.
    @inline(__always)
    func peek() throws(GeoJSONError) -> UInt8? {
        if position < end { return buffer[position] }
        return try refill() ? buffer[position] : nil
    }

    /// Consumes the byte `peek()` returned.
    @inline(__always)
    func advance() {
        if buffer[position] == 0x0A {
            line += 1
            lineStart = base + position + 1
        }
        position += 1
    }

    /// Skips JSON whitespace and returns the next byte (not consumed), nil at the end.
    func skipWhitespace() throws(GeoJSONError) -> UInt8? {
        while true {
            var p = position
            let e = end
            while p < e {
                let b = buffer[p]
                if b == 0x20 || b == 0x0D || b == 0x09 {
                    p += 1
                } else if b == 0x0A {
                    p += 1
                    line += 1
                    lineStart = base + p
                } else {
                    position = p
                    return b
                }
            }
            position = p
            guard try refill() else { return nil }
        }
    }

    /// Consumes up to the closing quote when the rest of the string is plain ASCII inside the
    /// current chunk (the common case); returns nil, consuming nothing, otherwise.
    func fastASCIIString() -> String? {
        var p = position
        while p < end {
            let b = buffer[p]
            if b == UInt8(ascii: "\"") {
                let count = p - position
                guard count <= limits.maxStringBytes else { return nil }
                let s = String(decoding: UnsafeBufferPointer(start: buffer + position, count: count), as: UTF8.self)
                position = p + 1
                return s
            }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { return nil }
            p += 1
        }
        return nil
    }

    /// Parses a plain number (-?digits, optional fraction, optional exponent) entirely inside the
    /// current chunk without building a String; nil (consuming nothing) when it does not fit the fast path.
    func fastNumber() -> JSONValue? {
        var p = position
        let e = end
        var negative = false
        if p < e && buffer[p] == UInt8(ascii: "-") { negative = true; p += 1 }
        let digitsStart = p
        var mantissa: UInt64 = 0
        var digits = 0
        while p < e, case let d = buffer[p] &- UInt8(ascii: "0"), d < 10 {
            if digits == 0 && d == 0 && p + 1 < e && buffer[p + 1] &- UInt8(ascii: "0") < 10 { return nil }  // leading zero: slow path reports it
            mantissa = mantissa &* 10 &+ UInt64(d)
            digits += 1
            p += 1
        }
        guard digits > 0, digits <= 18, p - digitsStart == digits else { return nil }
        var fractionDigits = 0
        if p < e && buffer[p] == UInt8(ascii: ".") {
            p += 1
            while p < e, case let d = buffer[p] &- UInt8(ascii: "0"), d < 10 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                fractionDigits += 1
                p += 1
            }
            guard fractionDigits > 0, digits + fractionDigits <= 15 else { return nil }
        }
        guard p < e else { return nil }  // the number might continue in the next chunk
        let next = buffer[p]
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") || next == UInt8(ascii: ".") { return nil }
        position = p
        if fractionDigits == 0 {
            let v = Int64(mantissa)
            return .integer(negative ? -v : v)
        }
        // Exact: both the mantissa (< 2^53) and 10^k (k <= 15) are exact doubles, and one
        // correctly rounded division gives the correctly rounded result (Clinger's fast path).
        let value = Double(mantissa) / Self.powersOfTen[fractionDigits]
        return .number(negative ? -value : value)
    }

    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// Skips a UTF-8 byte order mark at the very start; returns whether there was one.
    func skipByteOrderMark() throws(GeoJSONError) -> Bool {
        guard base == 0, position == 0, try peek() == 0xEF else { return false }
        // 0xEF cannot start JSON, so anything but a complete BOM is an error, not a rewind.
        let start = here
        for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
            guard try peek() == expected else { throw error(.invalidUTF8, at: start) }
            advance()
        }
        lineStart = base + position
        return true
    }

    @inline(__always) func scratchReset() { scratch.removeAll(keepingCapacity: true) }
    @inline(__always) func scratchAppend(_ b: UInt8) { scratch.append(b) }
    var scratchCount: Int { scratch.count }
    /// The scratch bytes as a String (already validated UTF-8).
    func scratchString() -> String { String(decoding: scratch, as: UTF8.self) }

    func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "end of input" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    /// Consumes `byte` after whitespace or throws naming what was expected.
    func expect(_ byte: UInt8, _ expected: String) throws(GeoJSONError) {
        let b = try skipWhitespace()
        guard b == byte else { throw unexpected(b, expected) }
        advance()
    }

    func unexpected(_ byte: UInt8?, _ expected: String) -> GeoJSONError {
        guard let byte else { return error(.unexpectedEnd(expected: expected)) }
        if byte >= 0x80 && !isPlausibleUTF8Lead(byte) { return error(.invalidUTF8) }
        return error(.unexpectedCharacter(found: describe(byte), expected: expected))
    }

    private func isPlausibleUTF8Lead(_ b: UInt8) -> Bool { b >= 0xC2 && b <= 0xF4 }

    /// Whether the input has nothing but whitespace left.
    func atEnd() throws(GeoJSONError) -> Bool { try skipWhitespace() == nil }

    // MARK: - Values

    /// Parses one complete JSON value at nesting `depth` (the value itself counts as depth + 1 if
    /// it is an array or object).
    func parseValue(depth: Int) throws(GeoJSONError) -> JSONValue {
        guard let b = try skipWhitespace() else { throw unexpected(nil, "a JSON value") }
        switch b {
        case UInt8(ascii: "{"):
            guard depth < limits.maxDepth else { throw error(.nestingTooDeep(limit: limits.maxDepth)) }
            advance()
            var members: [JSONMember] = []
            if try skipWhitespace() == UInt8(ascii: "}") { advance(); return .object(members) }
            while true {
                let key = try parseKey()
                members.append(JSONMember(key, try parseValue(depth: depth + 1)))
                let next = try skipWhitespace()
                if next == UInt8(ascii: ",") { advance(); continue }
                if next == UInt8(ascii: "}") { advance(); return .object(members) }
                throw unexpected(next, "',' or '}' in object")
            }
        case UInt8(ascii: "["):
            guard depth < limits.maxDepth else { throw error(.nestingTooDeep(limit: limits.maxDepth)) }
            advance()
            var elements: [JSONValue] = []
            if try skipWhitespace() == UInt8(ascii: "]") { advance(); return .array(elements) }
            while true {
                elements.append(try parseValue(depth: depth + 1))
                let next = try skipWhitespace()
                if next == UInt8(ascii: ",") { advance(); continue }
                if next == UInt8(ascii: "]") { advance(); return .array(elements) }
                throw unexpected(next, "',' or ']' in array")
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let fast = fastNumber() { return fast }
            return try parseNumber()
        default:
            throw unexpected(b, "a JSON value")
        }
    }

    /// Parses `"key"` followed by `:`.
    func parseKey() throws(GeoJSONError) -> String {
        let b = try skipWhitespace()
        guard b == UInt8(ascii: "\"") else { throw unexpected(b, "a member name in double quotes") }
        let key = try parseString()
        try expect(UInt8(ascii: ":"), "':' after member name")
        return key
    }

    private func literal(_ word: StaticString) throws(GeoJSONError) {
        let start = here
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in bytes {
            let b = try peek()
            guard b == expected else {
                throw error(.unexpectedCharacter(found: describe(b), expected: "'\(word)' (started at column \(start.column))"))
            }
            advance()
        }
    }
}
