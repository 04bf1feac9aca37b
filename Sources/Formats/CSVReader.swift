/// A header-driven CSV reader (RFC 4180, plus what Danish spreadsheets export).
///
/// Detects `,` or `;` from the header line, skips a UTF-8 byte order mark, accepts CRLF or LF,
/// and quoted fields with separators, doubled quotes and newlines inside. Records stream one at a
/// time with their 1-based starting line; blank lines are skipped. Input must be UTF-8.
///
/// ```swift
/// let csv = try CSVReader(path: "facilities.csv")
/// while let record = try csv.next() {
///     let name = record["name"]   // String?
/// }
/// ```
public final class CSVReader {
    /// The column names from the first line.
    public let header: [String]
    /// The separator in use (detected or given).
    public let separator: UInt8
    /// Whether the file started with a UTF-8 byte order mark.
    public private(set) var hadByteOrderMark = false

    private let columns: [String: Int]
    private let options: CSVOptions
    private var cursor: CSVCursor

    /// Opens a file and reads its header.
    /// - Throws: ``CSVError`` for I/O, an empty file, a bad header or too many columns.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        let chunks: FileChunks
        do { chunks = try FileChunks(path: path) } catch { throw CSVError(.io(operation: error.operation, errno: error.errno), line: 0) }
        try self.init(chunks: chunks, options: options)
    }

    /// Reads CSV from bytes in memory.
    public convenience init(bytes: [UInt8], options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(chunks: FileChunks(bytes: bytes), options: options)
    }

    private init(chunks: FileChunks, options: CSVOptions) throws(CSVError) {
        self.options = options
        cursor = CSVCursor(chunks: chunks)
        hadByteOrderMark = try cursor.skipByteOrderMark()
        let separator: UInt8
        if let given = options.separator { separator = given } else { separator = try cursor.detectSeparator() }
        self.separator = separator
        guard let (fields, _) = try cursor.readRecord(separator: separator, expected: nil, options: options) else {
            throw CSVError(.missingHeader, line: 1)
        }
        let names = options.trimHeader ? fields.map { $0.trimmingSpaces() } : fields
        var columns: [String: Int] = [:]
        for (i, name) in names.enumerated() where !name.isEmpty {
            guard columns[name] == nil else { throw CSVError(.duplicateColumn(name), line: 1) }
            columns[name] = i
        }
        header = names
        self.columns = columns
    }

    /// The next record, or nil at the end of the file.
    /// - Throws: ``CSVError`` with the line: unterminated quote (line where it opened), invalid UTF-8
    ///   (line and byte offset), wrong field count (expected vs found).
    public func next() throws(CSVError) -> CSVRecord? {
        guard let (fields, line) = try cursor.readRecord(separator: separator, expected: header.count, options: options) else {
            return nil
        }
        return CSVRecord(line: line, fields: fields, columns: columns, mayHoldByteOrderMark: cursor.recordHasEF)
    }

    /// Reads all remaining records.
    public func readAll() throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }

    /// The index of a column by name, if present.
    public func columnIndex(_ name: String) -> Int? { columns[name] }
}

/// One CSV record: its fields in header order and the line it starts on.
public struct CSVRecord: Hashable, Sendable {
    /// 1-based line where the record starts.
    public let line: Int
    /// The fields, as many as the header has columns.
    public let fields: [String]
    /// False when no field holds the byte 0xEF, so none holds U+FEFF (a byte order mark).
    public let mayHoldByteOrderMark: Bool
    private let columns: [String: Int]

    init(line: Int, fields: [String], columns: [String: Int], mayHoldByteOrderMark: Bool) {
        self.line = line
        self.fields = fields
        self.columns = columns
        self.mayHoldByteOrderMark = mayHoldByteOrderMark
    }

    /// The field of column `name`, nil if there is no such column.
    public subscript(name: String) -> String? {
        columns[name].map { fields[$0] }
    }

    /// The field of column `name`, nil if the column is missing or the field is empty (after trimming spaces).
    public func nonEmpty(_ name: String) -> String? {
        guard let value = self[name]?.trimmingSpaces(), !value.isEmpty else { return nil }
        return value
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
