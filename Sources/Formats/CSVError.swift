/// Why reading a CSV file failed, with the 1-based line where it happened.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// A quoted field was still open at the end of the file; `line` is where the quote started.
        case unterminatedQuote
        /// A byte sequence that is not UTF-8 (often a Windows-1252 export); `byteOffset` is in the file.
        case invalidUTF8(byteOffset: Int)
        /// A record with a different number of fields than the header.
        case wrongFieldCount(expected: Int, found: Int)
        /// The header has more columns than the limit (checked while reading, so huge headers fail fast).
        case tooManyColumns(limit: Int)
        /// A field longer than the limit, in bytes.
        case fieldTooLong(limit: Int)
        /// A character other than a separator or line end right after a closing quote.
        case textAfterClosingQuote
        /// The file has no header line.
        case missingHeader
        /// Two header columns have the same name.
        case duplicateColumn(String)
        /// Reading the file failed.
        case io(operation: String, errno: Int32)
    }

    /// What went wrong.
    public var kind: Kind
    /// 1-based line number (physical lines, so a quoted field with newlines spans several).
    public var line: Int

    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    public var description: String {
        switch kind {
        case .unterminatedQuote: return "line \(line): quoted field starting here is never closed"
        case let .invalidUTF8(offset):
            return "line \(line), byte \(offset): not valid UTF-8 (save the file as \"CSV UTF-8\"; Windows-1252 is not accepted)"
        case let .wrongFieldCount(expected, found): return "line \(line): expected \(expected) fields as in the header, found \(found)"
        case let .tooManyColumns(limit): return "line \(line): the header has more than \(limit) columns"
        case let .fieldTooLong(limit): return "line \(line): a field is longer than \(limit) bytes"
        case .textAfterClosingQuote: return "line \(line): unexpected text after a closing quote"
        case .missingHeader: return "line \(line): the file is empty, a header line is needed"
        case let .duplicateColumn(name): return "line \(line): column \"\(name)\" appears twice in the header"
        case let .io(operation, errno): return "\(operation) failed (errno \(errno))"
        }
    }
}

/// Limits and choices for ``CSVReader``.
public struct CSVOptions: Hashable, Sendable {
    /// The separator; nil detects `,` or `;` from the header line.
    public var separator: UInt8?
    /// Most header columns accepted.
    public var maxColumns: Int
    /// Longest field, in bytes.
    public var maxFieldBytes: Int
    /// Trim spaces around header names.
    public var trimHeader: Bool
    /// Accept records with fewer fields than the header, the missing trailing fields read as empty.
    /// Records with more fields are always an error.
    public var allowsShortRecords: Bool

    public init(separator: UInt8? = nil, maxColumns: Int = 10_000, maxFieldBytes: Int = 1 << 20, trimHeader: Bool = true,
                allowsShortRecords: Bool = false) {
        self.allowsShortRecords = allowsShortRecords
        self.separator = separator
        self.maxColumns = maxColumns
        self.maxFieldBytes = maxFieldBytes
        self.trimHeader = trimHeader
    }
}
