/// Why reading a shapefile failed: which file, which record, what.
public struct ShapefileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// A required part (.shp or .dbf) is missing.
        case missingFile
        /// open/read failed.
        case io(operation: String, errno: Int32)
        /// The file header is not what the format requires.
        case badHeader(String)
        /// A shape type this reader does not know (e.g. MultiPatch = 31).
        case unsupportedShapeType(Int32)
        /// A record is cut short or its lengths do not add up.
        case badRecord(String)
        /// The .shp and .dbf disagree on the number of records.
        case recordCountMismatch(shp: Int, dbf: Int)
        /// A .dbf value that does not parse as its field type.
        case invalidField(name: String, text: String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The file the problem is in.
    public var file: String
    /// The 1-based record number, when the problem is in a record.
    public var record: Int?

    public init(_ kind: Kind, file: String, record: Int? = nil) {
        self.kind = kind
        self.file = file
        self.record = record
    }

    public var description: String {
        let place = file + (record.map { ", record \($0)" } ?? "")
        switch kind {
        case .missingFile: return "\(place): file not found"
        case let .io(operation, errno): return "\(place): \(operation) failed (errno \(errno))"
        case let .badHeader(message): return "\(place): bad header: \(message)"
        case let .unsupportedShapeType(type): return "\(place): unsupported shape type \(type)"
        case let .badRecord(message): return "\(place): bad record: \(message)"
        case let .recordCountMismatch(shp, dbf): return "\(place): .shp has \(shp) records but .dbf has \(dbf)"
        case let .invalidField(name, text): return "\(place): field \(name): cannot read \"\(text)\""
        }
    }
}

/// Little- and big-endian reads from a byte array.
extension Array where Element == UInt8 {
    func int32BE(_ at: Int) -> Int32 {
        Int32(bitPattern: UInt32(self[at]) << 24 | UInt32(self[at + 1]) << 16 | UInt32(self[at + 2]) << 8 | UInt32(self[at + 3]))
    }
    func int32LE(_ at: Int) -> Int32 {
        Int32(bitPattern: UInt32(self[at]) | UInt32(self[at + 1]) << 8 | UInt32(self[at + 2]) << 16 | UInt32(self[at + 3]) << 24)
    }
    func uint16LE(_ at: Int) -> Int { Int(self[at]) | Int(self[at + 1]) << 8 }
    func uint32LE(_ at: Int) -> Int { Int(UInt32(bitPattern: int32LE(at))) }
    func doubleLE(_ at: Int) -> Double {
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(self[at + k]) << (8 * UInt64(k)) }
        return Double(bitPattern: bits)
    }
}
