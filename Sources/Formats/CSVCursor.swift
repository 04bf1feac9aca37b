/// The byte-level state machine behind ``CSVReader``: buffering, line counting, quoting, UTF-8.
struct CSVCursor {
    private let chunks: FileChunks
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var position = 0
    private var end = 0
    private var base = 0
    private var atEOF = false
    private(set) var line = 1
    /// Whether the record read last holds a byte 0xEF, the lead byte of U+FEFF (a byte order mark).
    private(set) var recordHasEF = false
    /// Remaining continuation bytes of the UTF-8 sequence in progress, and the allowed range of the next.
    private var utf8Pending = 0
    private var utf8Lower: UInt8 = 0x80
    private var utf8Upper: UInt8 = 0xBF
    /// Absolute offset of the lead byte of the sequence in progress.
    private var utf8Start = 0

    private static let quote = UInt8(ascii: "\""), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    init(chunks: FileChunks) {
        self.chunks = chunks
    }

    private mutating func refill() throws(CSVError) -> Bool {
        if atEOF { return false }
        base += end
        position = 0
        do { end = try chunks.read(into: &buffer) } catch { throw CSVError(.io(operation: error.operation, errno: error.errno), line: line) }
        if end == 0 { atEOF = true }
        return end > 0
    }

    @inline(__always)
    private mutating func peek() throws(CSVError) -> UInt8? {
        if position < end { return buffer[position] }
        return try refill() ? buffer[position] : nil
    }

    @inline(__always)
    private mutating func advance() {
        if buffer[position] == Self.lf { line += 1 }
        position += 1
    }

    /// After a CR that ends a line: consumes the LF of a CRLF; a lone CR (old Mac line end) is a line
    /// break of its own, counted here because ``advance()`` counts LFs only.
    private mutating func endCarriageReturnLine() throws(CSVError) {
        if try peek() == Self.lf { advance() } else { line += 1 }
    }

    mutating func skipByteOrderMark() throws(CSVError) -> Bool {
        _ = try peek()
        guard end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF else { return false }
        position = 3
        return true
    }

    /// Counts `,` and `;` outside quotes on the first line (within the first chunk); `;` wins only with more.
    mutating func detectSeparator() throws(CSVError) -> UInt8 {
        _ = try peek()
        var commas = 0, semicolons = 0, inQuotes = false
        var i = position
        while i < end {
            let b = buffer[i]
            if b == Self.quote { inQuotes.toggle() }
            else if !inQuotes {
                if b == Self.lf || b == Self.cr { break }
                if b == UInt8(ascii: ",") { commas += 1 }
                if b == UInt8(ascii: ";") { semicolons += 1 }
            }
            i += 1
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Checks one byte of UTF-8; throws with the line and absolute offset of a bad byte.
    @inline(__always)
    private mutating func checkUTF8(_ b: UInt8) throws(CSVError) {
        if utf8Pending > 0 {
            guard b >= utf8Lower && b <= utf8Upper else { throw utf8Error(at: utf8Start) }
            utf8Pending -= 1
            utf8Lower = 0x80; utf8Upper = 0xBF
            return
        }
        guard b >= 0x80 else { return }
        utf8Start = base + position
        switch b {
        case 0xC2...0xDF: utf8Pending = 1
        case 0xE0: utf8Pending = 2; utf8Lower = 0xA0
        case 0xE1...0xEC, 0xEE: utf8Pending = 2
        case 0xEF: utf8Pending = 2; recordHasEF = true
        case 0xED: utf8Pending = 2; utf8Upper = 0x9F
        case 0xF0: utf8Pending = 3; utf8Lower = 0x90
        case 0xF1...0xF3: utf8Pending = 3
        case 0xF4: utf8Pending = 3; utf8Upper = 0x8F
        default: throw utf8Error(at: utf8Start)
        }
    }

    private func utf8Error(at offset: Int) -> CSVError { CSVError(.invalidUTF8(byteOffset: offset), line: line) }

    /// The length of the unquoted field at `position` when its bytes are all ASCII and its end (a
    /// separator, CR or LF) lies in the buffer; nil otherwise (the byte-by-byte path reads it).
    @inline(__always)
    private func asciiFieldLength(separator: UInt8) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            var i = position
            while i < end {
                let c = bytes[i]
                if c == separator || c == Self.cr || c == Self.lf { return i - position }
                if c >= 0x80 { return nil }
                i += 1
            }
            return nil
        }
    }

    /// Reads one record. `expected` is the header's column count (nil while reading the header).
    /// Returns nil at the end of input; skips blank lines.
    mutating func readRecord(separator: UInt8, expected: Int?, options: CSVOptions) throws(CSVError) -> ([String], Int)? {
        while true {
            guard let first = try peek() else { return nil }
            if first == Self.lf || first == Self.cr {  // blank line
                advance()
                if first == Self.cr { try endCarriageReturnLine() }
                continue
            }
            break
        }
        let recordLine = line
        recordHasEF = false
        var fields: [String] = []
        fields.reserveCapacity(expected ?? 16)
        var count = 0
        var field: [UInt8] = []
        while true {
            if !field.isEmpty { field.removeAll(keepingCapacity: true) }
            var text: String?
            let keep = expected.map { count < $0 } ?? true
            var b = try peek()
            if b == Self.quote {
                let quoteLine = line
                advance()
                while true {
                    guard let c = try peek() else {
                        throw CSVError(.unterminatedQuote, line: quoteLine)
                    }
                    if c == Self.quote {
                        advance()
                        if try peek() == Self.quote { if keep { field.append(c) }; advance(); continue }
                        break
                    }
                    try checkUTF8(c)
                    if keep { field.append(c) }
                    advance()
                    if field.count > options.maxFieldBytes { throw CSVError(.fieldTooLong(limit: options.maxFieldBytes), line: quoteLine) }
                }
                b = try peek()
                guard b == nil || b == separator || b == Self.cr || b == Self.lf else {
                    throw CSVError(.textAfterClosingQuote, line: line)
                }
            } else if let length = asciiFieldLength(separator: separator) {
                // The common field: plain ASCII ending inside the buffer, made into a String in place.
                if keep {
                    if length > options.maxFieldBytes { throw CSVError(.fieldTooLong(limit: options.maxFieldBytes), line: line) }
                    text = buffer.withUnsafeBufferPointer {
                        String(decoding: UnsafeBufferPointer(rebasing: $0[position..<position + length]), as: UTF8.self)
                    }
                }
                position += length
                b = buffer[position]
            } else {
                while let c = b, c != separator, c != Self.cr, c != Self.lf {
                    try checkUTF8(c)
                    if keep { field.append(c) }
                    advance()
                    if field.count > options.maxFieldBytes { throw CSVError(.fieldTooLong(limit: options.maxFieldBytes), line: line) }
                    b = try peek()
                }
            }
            if utf8Pending > 0 { throw utf8Error(at: utf8Start) }
            count += 1
            if keep { fields.append(text ?? String(decoding: field, as: UTF8.self)) }
            if expected == nil && count > options.maxColumns { throw CSVError(.tooManyColumns(limit: options.maxColumns), line: recordLine) }
            if b == separator { advance(); continue }
            if b == Self.cr { advance(); try endCarriageReturnLine() } else if b == Self.lf { advance() }
            break
        }
        if let expected, count != expected {
            // Hand-written files often omit trailing empty optional columns: pad when allowed.
            guard options.allowsShortRecords, count < expected else {
                throw CSVError(.wrongFieldCount(expected: expected, found: count), line: recordLine)
            }
            fields += Array(repeating: "", count: expected - count)
        }
        return (fields, recordLine)
    }
}
