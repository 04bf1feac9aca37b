public import GeoJSON

/// Where an outcome renders itself: a buffered byte sink over standard output, a file, or memory.
/// A failed write (full disk, closed pipe) is kept and thrown by ``finish()``; later output is
/// dropped, so a renderer never has to check every line.
///
/// ```swift
/// let sink = OutcomeSink.memory()
/// try answer.render(.csv, to: sink)
/// print(sink.text)
/// ```
public final class OutcomeSink: ByteSink {
    private var buffer: [UInt8] = []
    private let target: (any ByteSink)?
    /// Everything written when the sink collects in memory.
    public private(set) var collected: [UInt8] = []
    /// The first write error.
    public private(set) var failure: (any Error)?

    /// A sink over `target` (an ``OutputFile``, say), flushed in chunks of 64 KiB.
    public init(target: any ByteSink) { self.target = target }

    private init() { target = nil }

    /// A sink that keeps what is written in ``collected``.
    public static func memory() -> OutcomeSink { OutcomeSink() }

    /// The collected output as text (memory sinks).
    public var text: String { String(decoding: collected, as: UTF8.self) }

    /// Appends `text` as it is.
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    /// A line for people: control characters in it are escaped (data cannot drive the terminal).
    public func line(_ text: String = "") { write(TerminalText.escape(text) + "\n") }

    /// Pretty, key-sorted JSON of an Encodable value, followed by a newline.
    public func json<T: Encodable>(_ value: T) throws { write(try OverblikJSON.text(value)) }

    /// Appends raw bytes (GeoJSON writers write through here).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ByteSinkError) {
        buffer.append(contentsOf: bytes)
        if buffer.count > 1 << 16 { flush() }
    }

    /// Passes the buffered bytes on to the target.
    public func flush() {
        guard !buffer.isEmpty else { return }
        if target == nil {
            collected += buffer
        } else if failure == nil, var target {
            do { try buffer.withUnsafeBytes { raw in try target.write(raw) } } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and throws the first write error.
    public func finish() throws {
        flush()
        if let failure { throw failure }
    }
}
