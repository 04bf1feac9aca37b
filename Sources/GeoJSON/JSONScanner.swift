/// A pull parser over a chunked byte source: reads one JSON value at a time and tracks byte offset,
/// line and column for errors. Validates UTF-8 inside strings and enforces ``GeoJSONLimits``.
final class JSONScanner {
    private var source: any ByteSource
    private var buffer: [UInt8]
    private var position = 0
    private var end = 0
    /// Byte offset in the whole input of buffer[0].
    private var base = 0
    private var line = 1
    private var lineStart = 0
    private var atEOF = false
    private var scratch: [UInt8] = []
    let limits: GeoJSONLimits
    /// The feature being read, attached to errors.
    var featureIndex: Int?

    init(source: any ByteSource, limits: GeoJSONLimits, chunkSize: Int = 1 << 16) {
        self.source = source
        self.limits = limits
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 16))
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
        var failure: ByteSourceError?
        end = buffer.withUnsafeMutableBytes { raw in
            do { return try source.read(into: raw) } catch { failure = error as? ByteSourceError; return 0 }
        }
        if let failure { throw self.error(.io(operation: failure.operation, errno: failure.errno)) }
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
        while let b = try peek() {
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return b }
            advance()
        }
        return nil
    }

    /// Skips a UTF-8 byte order mark at the very start; returns whether there was one.
    func skipByteOrderMark() throws(GeoJSONError) -> Bool {
        let first = try peek()
        guard base == 0, position == 0, first == 0xEF, end >= 3 else { return false }
        if buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3; lineStart = 3; return true }
        return false
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
