public import GeoJSON

/// A byte sink that passes JSON text on as ``EmbeddedJSON/escape(_:)`` would write it, while it is
/// being written: `<`, `>`, `&`, U+2028 and U+2029 become `\u` escapes, and line feeds at the very end
/// are dropped (the page puts `;` right after the layer). A web map of a million facilities streams
/// through it into the page file instead of being built as one string.
///
/// ```swift
/// let writer = GeoJSONWriter(sink: EmbeddedJSONSink(base: MemoryByteSink()))
/// try writer.write(feature)
/// var escaped = try writer.finish()
/// let text = try escaped.finish().text
/// ```
public struct EmbeddedJSONSink<Base: ByteSink>: ByteSink {
    private var base: Base
    /// Line feeds not yet written (written before the next other byte, dropped at the end).
    private var lineFeeds = 0
    /// The start of a UTF-8 sequence that may be U+2028 or U+2029 (0xE2, or 0xE2 0x80).
    private var partial: [UInt8] = []
    private var buffer: [UInt8] = []

    public init(base: Base) { self.base = base }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(ByteSinkError) {
        buffer.removeAll(keepingCapacity: true)
        for byte in bytes { append(byte) }
        try flushBuffer()
    }

    /// Writes what is held back (an unfinished UTF-8 start, never the trailing line feeds) and
    /// returns the base sink.
    public mutating func finish() throws(ByteSinkError) -> Base {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: partial)
        partial.removeAll()
        try flushBuffer()
        return base
    }

    private mutating func append(_ byte: UInt8) {
        if !partial.isEmpty {
            if partial.count == 1, byte == 0x80 { partial.append(byte); return }
            if partial.count == 2, byte == 0xA8 || byte == 0xA9 {
                partial.removeAll()
                emit(byte == 0xA8 ? #"\u2028"# : #"\u2029"#)
                return
            }
            buffer.append(contentsOf: partial)
            partial.removeAll()
        }
        switch byte {
        case 0x0A: lineFeeds += 1
        case UInt8(ascii: "<"): emit(#"\u003c"#)
        case UInt8(ascii: ">"): emit(#"\u003e"#)
        case UInt8(ascii: "&"): emit(#"\u0026"#)
        case 0xE2: releaseLineFeeds(); partial.append(byte)
        default:
            if lineFeeds > 0 { releaseLineFeeds() }
            buffer.append(byte)
        }
    }

    private mutating func emit(_ escape: StaticString) {
        releaseLineFeeds()
        escape.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    private mutating func releaseLineFeeds() {
        if lineFeeds > 0 { buffer.append(contentsOf: repeatElement(0x0A, count: lineFeeds)) }
        lineFeeds = 0
    }

    private mutating func flushBuffer() throws(ByteSinkError) {
        guard !buffer.isEmpty else { return }
        let bytes = buffer
        var failure: ByteSinkError?
        bytes.withUnsafeBytes { raw in
            do throws(ByteSinkError) { try base.write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
