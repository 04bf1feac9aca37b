/// A minimal RFC 4180 reader for the allocation input (internal; the shared reader lives in Formats).
///
/// Fields are separated by `,` or `;` (the header line decides: `;` when it has more `;` than `,`),
/// records by CRLF or LF; a field in double quotes may contain separators, line breaks and `""` for
/// a quote. A UTF-8 byte-order mark is dropped. Blank lines are skipped.
struct AllocationCSVReader {
    /// One record with the 1-based line it starts on.
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// Splits `text` into records.
    /// - Throws: ``AllocationInputError/malformedFile(format:detail:)`` for an unterminated quote or
    ///   text after a closing quote.
    static func records(_ text: String) throws(AllocationInputError) -> [Record] {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        let headerLine = scalars.prefix { $0 != "\n" }
        let semicolons = headerLine.filter { $0 == ";" }.count, commas = headerLine.filter { $0 == "," }.count
        let separator: Unicode.Scalar = semicolons > commas ? ";" : ","

        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1, recordLine = 1
        var inQuotes = false, afterQuote = false, fieldStarted = false
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where !fieldStarted:
                inQuotes = true; fieldStarted = true
            case separator:
                fields.append(String(field)); field = String.UnicodeScalarView()
                afterQuote = false; fieldStarted = false
            case "\r":
                continue
            case "\n":
                endRecord()
                line += 1; recordLine = line
                afterQuote = false; fieldStarted = false
            default:
                if afterQuote {
                    throw .malformedFile(format: "CSV", detail: "line \(line): text after a closing quote")
                }
                field.append(c); fieldStarted = true
            }
        }
        if inQuotes { throw .malformedFile(format: "CSV", detail: "line \(recordLine): quote never closed") }
        if fieldStarted || !fields.isEmpty || !field.isEmpty { endRecord() }
        return records
    }
}
