/// Reads dBase III (.dbf) attribute tables record by record.
final class DBFReader {
    let fields: [DBFField]
    let recordCount: Int
    let encoding: DBFEncoding
    /// The language driver byte (0x57 = ANSI 1252), for diagnostics.
    let languageDriver: UInt8
    private let recordLength: Int
    private let chunks: FileChunks
    private let path: String
    private var nextRecord = 0

    init(path: String, codePage: String?) throws(ShapefileError) {
        self.path = path
        do { chunks = try FileChunks(path: path) } catch {
            throw ShapefileError(.io(operation: error.operation, errno: error.errno), file: path)
        }
        let header = try Self.read(chunks, 32, path)
        guard header.count == 32 else { throw ShapefileError(.badHeader("shorter than 32 bytes"), file: path) }
        recordCount = header.uint32LE(4)
        let headerLength = header.uint16LE(8)
        recordLength = header.uint16LE(10)
        languageDriver = header[29]
        guard headerLength >= 33, recordLength >= 1 else {
            throw ShapefileError(.badHeader("header length \(headerLength), record length \(recordLength)"), file: path)
        }
        let descriptors = try Self.read(chunks, headerLength - 32, path)
        guard descriptors.count == headerLength - 32 else { throw ShapefileError(.badHeader("field descriptors cut short"), file: path) }
        var fields: [DBFField] = []
        var offset = 0
        while offset + 32 <= descriptors.count && descriptors[offset] != 0x0D {
            let nameBytes = descriptors[offset..<(offset + 11)].prefix { $0 != 0 }
            fields.append(DBFField(name: String(decoding: nameBytes, as: UTF8.self).trimmingSpaces(),
                                   type: Character(Unicode.Scalar(descriptors[offset + 11])),
                                   length: Int(descriptors[offset + 16]), decimals: Int(descriptors[offset + 17])))
            offset += 32
        }
        let width = fields.reduce(1) { $0 + $1.length }
        guard width == recordLength else {
            throw ShapefileError(.badHeader("fields add up to \(width) bytes but records are \(recordLength)"), file: path)
        }
        self.fields = fields
        if let codePage, let declared = DBFEncoding(codePage: codePage) {
            encoding = declared
        } else if languageDriver == 0x57 || languageDriver == 0x03 {
            encoding = .windows1252
        } else {
            encoding = .utf8OrWindows1252
        }
    }

    private static func read(_ chunks: FileChunks, _ count: Int, _ path: String) throws(ShapefileError) -> [UInt8] {
        do { return try chunks.readUpTo(count) } catch {
            throw ShapefileError(.io(operation: error.operation, errno: error.errno), file: path)
        }
    }

    /// The next record's values, nil after the last. Deleted records are returned too (flag set).
    func next() throws(ShapefileError) -> (values: [DBFValue], deleted: Bool)? {
        guard nextRecord < recordCount else { return nil }
        nextRecord += 1
        let bytes = try Self.read(chunks, recordLength, path)
        guard bytes.count == recordLength else {
            throw ShapefileError(.badRecord("cut short (\(bytes.count) of \(recordLength) bytes)"), file: path, record: nextRecord)
        }
        var values: [DBFValue] = []
        values.reserveCapacity(fields.count)
        var offset = 1
        for field in fields {
            values.append(try value(bytes[offset..<(offset + field.length)], field))
            offset += field.length
        }
        return (values, bytes[0] == UInt8(ascii: "*"))
    }

    private func value(_ raw: ArraySlice<UInt8>, _ field: DBFField) throws(ShapefileError) -> DBFValue {
        var end = raw.endIndex, start = raw.startIndex
        while end > start && (raw[end - 1] == 0x20 || raw[end - 1] == 0) { end -= 1 }
        if field.type != "C" { while start < end && raw[start] == 0x20 { start += 1 } }
        if start == end { return .null }
        let bytes = raw[start..<end]
        func invalid() -> ShapefileError {
            ShapefileError(.invalidField(name: field.name, text: String(decoding: raw, as: UTF8.self)), file: path, record: nextRecord)
        }
        switch field.type {
        case "C":
            return .string(encoding.decode(bytes))
        case "N", "F":
            if bytes.allSatisfy({ $0 == UInt8(ascii: "*") }) { return .null }  // overflow marker
            let text = String(decoding: bytes, as: UTF8.self)
            if field.decimals == 0, let i = Int64(text) { return .integer(i) }
            guard let d = Double(text) else { throw invalid() }
            return .double(d)
        case "L":
            switch bytes.first! {
            case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "Y"), UInt8(ascii: "y"): return .bool(true)
            case UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "N"), UInt8(ascii: "n"): return .bool(false)
            case UInt8(ascii: "?"): return .null
            default: throw invalid()
            }
        case "D":
            let text = String(decoding: bytes, as: UTF8.self)
            if text == "00000000" { return .null }
            guard text.count == 8, let n = Int(text) else { throw invalid() }
            let date = DBFDate(year: n / 10_000, month: n / 100 % 100, day: n % 100)
            guard (1...12).contains(date.month), (1...31).contains(date.day) else { throw invalid() }
            return .date(date)
        default:
            return .string(encoding.decode(bytes))
        }
    }
}
