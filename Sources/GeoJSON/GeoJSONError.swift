/// Where in the input something happened: byte offset (0-based), line and column (1-based, bytes).
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    /// 0-based byte offset from the start of the input.
    public var offset: Int
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in bytes.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column) (byte \(offset))" }
}

/// Why reading GeoJSON failed, and where.
public struct GeoJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// A byte that cannot start or continue what was expected here.
        case unexpectedCharacter(found: String, expected: String)
        /// The input ended in the middle of a value.
        case unexpectedEnd(expected: String)
        /// A byte sequence that is not valid UTF-8.
        case invalidUTF8
        /// A bad escape sequence or control character in a string.
        case invalidString(String)
        /// A malformed number.
        case invalidNumber(String)
        /// Arrays/objects nested deeper than the limit.
        case nestingTooDeep(limit: Int)
        /// A number longer than the limit (in characters).
        case numberTooLong(limit: Int)
        /// A string longer than the limit (in bytes).
        case stringTooLong(limit: Int)
        /// Valid JSON, but not valid GeoJSON: `path` names the member (e.g. `geometry.coordinates[0][2]`).
        case invalidGeoJSON(path: String, message: String)
        /// Non-whitespace after the top-level value.
        case trailingData
        /// Reading the file failed (errno and the operation).
        case io(operation: String, errno: Int32)
    }

    /// What went wrong.
    public var kind: Kind
    /// Where the problem is; for ``Kind/invalidGeoJSON(path:message:)`` the start of the feature.
    public var position: SourcePosition
    /// The 0-based index of the feature in the collection, when inside one.
    public var featureIndex: Int?

    public init(_ kind: Kind, at position: SourcePosition, featureIndex: Int? = nil) {
        self.kind = kind
        self.position = position
        self.featureIndex = featureIndex
    }

    public var description: String {
        let place = (featureIndex.map { "feature \($0), " } ?? "") + position.description
        switch kind {
        case let .unexpectedCharacter(found, expected): return "\(place): expected \(expected), found \(found)"
        case let .unexpectedEnd(expected): return "\(place): input ended, expected \(expected)"
        case .invalidUTF8: return "\(place): invalid UTF-8 byte sequence"
        case let .invalidString(message): return "\(place): invalid string: \(message)"
        case let .invalidNumber(text): return "\(place): invalid number \(text)"
        case let .nestingTooDeep(limit): return "\(place): nesting deeper than \(limit) levels"
        case let .numberTooLong(limit): return "\(place): number longer than \(limit) characters"
        case let .stringTooLong(limit): return "\(place): string longer than \(limit) bytes"
        case let .invalidGeoJSON(path, message): return "\(place): \(path): \(message)"
        case .trailingData: return "\(place): unexpected data after the GeoJSON value"
        case let .io(operation, errno): return "\(place): \(operation) failed (errno \(errno))"
        }
    }
}

/// Limits that protect the reader against hostile input.
public struct GeoJSONLimits: Hashable, Sendable {
    /// Deepest nesting of arrays and objects (a MultiPolygon in a FeatureCollection needs 8).
    public var maxDepth: Int = 64
    /// Longest number literal, in characters.
    public var maxNumberLength: Int = 64
    /// Longest string, in bytes after unescaping.
    public var maxStringBytes: Int = 16 << 20

    public init(maxDepth: Int = 64, maxNumberLength: Int = 64, maxStringBytes: Int = 16 << 20) {
        self.maxDepth = maxDepth
        self.maxNumberLength = maxNumberLength
        self.maxStringBytes = maxStringBytes
    }
}
