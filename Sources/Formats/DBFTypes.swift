/// A dBase III field descriptor.
public struct DBFField: Hashable, Sendable {
    /// Up to 10 characters, as stored.
    public var name: String
    /// The type letter: C (character), N (numeric), F (float), L (logical), D (date), or another kept as text.
    public var type: Character
    /// Width in bytes.
    public var length: Int
    /// Decimal places (numeric fields).
    public var decimals: Int

    public init(name: String, type: Character, length: Int, decimals: Int) {
        self.name = name
        self.type = type
        self.length = length
        self.decimals = decimals
    }
}

/// A calendar date from a D field (no time zone).
public struct DBFDate: Hashable, Sendable, CustomStringConvertible {
    /// Year, e.g. 2025.
    public var year: Int
    /// Month 1...12.
    public var month: Int
    /// Day of the month 1...31.
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601, e.g. 2025-01-03.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// A typed .dbf value. Blank fields are `.null`.
public enum DBFValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case string(String)
    /// A numeric field without decimals that fits in 64 bits.
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case date(DBFDate)

    /// The value as text (nil for null), for callers that parse it themselves.
    public var text: String? {
        switch self {
        case .null: return nil
        case let .string(s): return s
        case let .integer(i): return String(i)
        // An integer-valued real (DBF N fields with decimals, e.g. 779017.0) reads as an integer.
        case let .double(d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case let .bool(b): return b ? "true" : "false"
        case let .date(d): return d.description
        }
    }

    /// The number as a Double for integer and double values.
    public var doubleValue: Double? {
        switch self {
        case let .integer(i): return Double(i)
        case let .double(d): return d
        default: return nil
        }
    }

    public var description: String { text ?? "(null)" }
}

/// The text encoding of a .dbf's character fields.
public enum DBFEncoding: Hashable, Sendable {
    case utf8
    case latin1
    case windows1252
    /// No .cpg and no language driver: UTF-8 when a field is valid UTF-8, else Windows-1252.
    case utf8OrWindows1252

    /// Reads a .cpg text (e.g. "UTF-8", "ISO-8859-1", "1252"); nil when unknown.
    public init?(codePage: String) {
        let key = codePage.uppercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "UTF8", "65001": self = .utf8
        case "ISO88591", "88591", "LATIN1", "ISO885915", "885915": self = .latin1
        case "1252", "CP1252", "WINDOWS1252", "ANSI1252": self = .windows1252
        default: return nil
        }
    }

    /// Decodes a field's bytes.
    func decode(_ bytes: ArraySlice<UInt8>) -> String {
        switch self {
        case .utf8, .utf8OrWindows1252:
            if firstInvalidUTF8(bytes) == nil { return String(decoding: bytes, as: UTF8.self) }
            return Self.windows1252(bytes)
        case .latin1:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .windows1252:
            return Self.windows1252(bytes)
        }
    }

    /// Code points of Windows-1252 bytes 0x80...0x9F (undefined ones map to the C1 control).
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let value = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }
}
