import NIOCore

/// Rows in PostgreSQL's COPY text format, in buffers of about a megabyte: tab-separated fields,
/// `\N` for NULL, backslash escapes for backslash, tab, newline and carriage return.
///
/// Fields are appended to a byte array of reserved capacity, each with one copy of its bytes: no
/// `String` is made per number (see ``DecimalText``), and a text field without anything to escape
/// is copied in one piece. A full array becomes one `ByteBuffer` (one more copy of a megabyte).
/// Writing through `ByteBuffer`'s own methods, several calls per field with their uniqueness and
/// capacity checks, cost about twice the client CPU at 1 000 000 facilities (docs/postgres.md).
struct CopyText {
    private(set) var buffers: [ByteBuffer] = []
    /// Rows ended so far.
    private(set) var rows = 0
    /// The bytes of the buffer being filled; its capacity is reserved at the first row, so that an
    /// unused `CopyText` costs nothing.
    private var current: [UInt8] = []
    private var first = true
    static let limit = 1 << 20
    private static let null: StaticString = "\\N"

    /// Appends a text field (nil: NULL).
    mutating func text(_ value: String?) {
        separate()
        guard var value else { append(Self.null); return }
        value.withUTF8 { bytes in
            // Most text has nothing to escape: one copy of its bytes.
            guard bytes.contains(where: Self.needsEscape) else {
                current.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): append("\\\\")
                case UInt8(ascii: "\t"): append("\\t")
                case UInt8(ascii: "\n"): append("\\n")
                case UInt8(ascii: "\r"): append("\\r")
                default: current.append(byte)
                }
            }
        }
    }

    /// Appends a number field as text that PostgreSQL reads back as exactly `value`.
    mutating func double(_ value: Double?) {
        separate()
        guard let value else { append(Self.null); return }
        let done = withDigits { DecimalText.write(value, to: $0) }
        if !done { current.append(contentsOf: value.description.utf8) }
    }

    mutating func int(_ value: Int?) {
        separate()
        guard let value else { append(Self.null); return }
        withDigits { DecimalText.write(value, to: $0) }
    }

    mutating func bool(_ value: Bool?) {
        separate()
        guard let value else { append(Self.null); return }
        current.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    /// Lets `write` put at most ``DecimalText/maximumLength`` bytes into a scratch buffer on the
    /// stack and appends the ones it reports; returns whether it wrote any.
    @discardableResult
    private mutating func withDigits(_ write: (UnsafeMutableRawBufferPointer) -> Int?) -> Bool {
        withUnsafeTemporaryAllocation(byteCount: DecimalText.maximumLength, alignment: 1) { scratch in
            guard let count = write(scratch) else { return false }
            current.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<count]))
            return true
        }
    }

    private mutating func append(_ text: StaticString) {
        current.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func separate() {
        guard first else { current.append(UInt8(ascii: "\t")); return }
        first = false
        if current.capacity == 0 { current.reserveCapacity(Self.limit + (64 << 10)) }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Ends the row.
    mutating func endRow() {
        current.append(UInt8(ascii: "\n"))
        first = true
        rows += 1
        if current.count >= Self.limit {
            buffers.append(Self.buffer(current))
            current.removeAll(keepingCapacity: true)
        }
    }

    /// Every buffer, the last partial one included.
    func finished() -> [ByteBuffer] {
        current.isEmpty ? buffers : buffers + [Self.buffer(current)]
    }

    private static func buffer(_ bytes: [UInt8]) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        bytes.withUnsafeBytes { _ = buffer.writeBytes($0) }
        return buffer
    }
}
