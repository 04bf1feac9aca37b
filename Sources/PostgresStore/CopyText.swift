import NIOCore

/// Rows in PostgreSQL's COPY text format, in buffers of about a megabyte: tab-separated fields,
/// `\N` for NULL, backslash escapes for backslash, tab, newline and carriage return.
///
/// Fields are written straight into the buffer: no `String` is made per number (see
/// ``DecimalText``), and a text field without anything to escape is copied in one piece.
struct CopyText {
    private(set) var buffers: [ByteBuffer] = []
    /// Rows ended so far.
    private(set) var rows = 0
    /// Allocated at the first row (see ``freshBuffer()``): an unused `CopyText` costs nothing.
    private var current = ByteBuffer()
    private var first = true
    static let limit = 1 << 20

    /// Appends a text field (nil: NULL).
    mutating func text(_ value: String?) {
        separate()
        guard var value else { current.writeStaticString("\\N"); return }
        value.withUTF8 { bytes in
            // Most text has nothing to escape: one copy of its bytes.
            if !bytes.contains(where: Self.needsEscape) {
                current.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): current.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): current.writeStaticString("\\t")
                case UInt8(ascii: "\n"): current.writeStaticString("\\n")
                case UInt8(ascii: "\r"): current.writeStaticString("\\r")
                default: current.writeInteger(byte)
                }
            }
        }
    }

    /// Appends a number field as text that PostgreSQL reads back as exactly `value`.
    mutating func double(_ value: Double?) {
        separate()
        guard let value else { current.writeStaticString("\\N"); return }
        if !DecimalText.write(value, into: &current) { current.writeString(value.description) }
    }

    mutating func int(_ value: Int?) {
        separate()
        guard let value else { current.writeStaticString("\\N"); return }
        DecimalText.write(value, into: &current)
    }

    mutating func bool(_ value: Bool?) {
        separate()
        guard let value else { current.writeStaticString("\\N"); return }
        current.writeInteger(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    private mutating func separate() {
        guard first else { current.writeInteger(UInt8(ascii: "\t")); return }
        first = false
        if current.capacity == 0 { current = Self.freshBuffer() }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// A buffer with room for a full one and its last row, so that it never grows while filled.
    private static func freshBuffer() -> ByteBuffer {
        ByteBufferAllocator().buffer(capacity: limit + (64 << 10))
    }

    /// Ends the row.
    mutating func endRow() {
        current.writeInteger(UInt8(ascii: "\n"))
        first = true
        rows += 1
        if current.readableBytes >= Self.limit {
            buffers.append(current)
            current = ByteBuffer()
        }
    }

    /// Every buffer, the last partial one included.
    func finished() -> [ByteBuffer] {
        current.readableBytes > 0 ? buffers + [current] : buffers
    }
}
