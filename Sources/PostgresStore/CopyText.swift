import NIOCore

/// Rows in PostgreSQL's COPY text format, in buffers of about a megabyte: tab-separated fields,
/// `\N` for NULL, backslash escapes for backslash, tab, newline and carriage return.
struct CopyText {
    private(set) var buffers: [ByteBuffer] = []
    /// Rows ended so far.
    private(set) var rows = 0
    private var current = ByteBuffer()
    private var first = true
    static let limit = 1 << 20

    /// Appends a text field (nil: NULL).
    mutating func text(_ value: String?) {
        separate()
        guard let value else { current.writeStaticString("\\N"); return }
        // Most text has nothing to escape: one copy of its bytes.
        if !value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            current.writeString(value)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): current.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): current.writeStaticString("\\t")
            case UInt8(ascii: "\n"): current.writeStaticString("\\n")
            case UInt8(ascii: "\r"): current.writeStaticString("\\r")
            default: current.writeInteger(byte)
            }
        }
    }

    /// Appends a number field: Swift's shortest round-trip text, which PostgreSQL reads back exactly.
    mutating func double(_ value: Double?) { raw(value.map { "\($0)" }) }
    mutating func int(_ value: Int?) { raw(value.map { "\($0)" }) }
    mutating func bool(_ value: Bool?) { raw(value.map { $0 ? "t" : "f" }) }

    private mutating func raw(_ text: String?) {
        separate()
        current.writeString(text ?? "\\N")
    }

    private mutating func separate() {
        if first { first = false } else { current.writeInteger(UInt8(ascii: "\t")) }
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
