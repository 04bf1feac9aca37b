public import Foundation

/// The one JSON encoding of the library's outcomes: pretty-printed, keys sorted, slashes unescaped,
/// followed by a newline. The CLI's `--format json` and the HTTP API both write through it, so the
/// same question gives the same bytes on either door.
public enum OverblikJSON {
    /// The encoded value followed by a newline.
    /// - Throws: `EncodingError` for values JSON cannot hold (non-finite numbers).
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// The encoded value as text, followed by a newline.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }
}
