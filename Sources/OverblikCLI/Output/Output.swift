import Foundation
import Overblik

/// Writes to standard output through a buffer (large results are printed in chunks, not per line).
/// A failed write (full disk, closed pipe) is kept and thrown by ``finish()``, so the command exits 4.
struct Output {
    /// Standard output, where outcomes render themselves.
    nonisolated(unsafe) static let sink = OutcomeSink(target: try! OutputFile(path: OutputFile.standardOutput))

    static func write(_ text: String) { sink.write(text) }

    /// A line for people: control characters in it are escaped (data cannot drive the terminal).
    static func line(_ text: String = "") { sink.line(text) }

    static func flush() { sink.flush() }

    /// Flushes and throws the first write error.
    static func finish() throws { try sink.finish() }

    /// A message on standard error, terminal-safe (newlines kept). A failure to write it cannot be reported.
    static func error(_ text: String) {
        let bytes = Array((TerminalText.escape(text, keepingNewlines: true) + "\n").utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(2, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
            }
        }
    }

    /// Pretty, key-sorted JSON of an Encodable value, followed by a newline.
    static func json<T: Encodable>(_ value: T) throws { try sink.json(value) }

    /// Renders `outcome` as the chosen format on standard output.
    static func render(_ outcome: some RenderableOutcome, as format: OutputFormat) throws {
        try outcome.render(format, to: sink)
        flush()
    }
}

