/// Reads the protobuf wire format (varints, zig-zag, length-delimited fields) from a byte buffer:
/// the few message types of an OpenStreetMap PBF file are decoded by hand on top of it.
///
/// Every read checks the bounds and throws ``ProtobufError`` instead of trapping, so a truncated or
/// hostile block ends the read with a message rather than a crash.
struct ProtobufCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil) {
        self.bytes = bytes
        position = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    var atEnd: Bool { position >= end }

    /// A varint (up to 10 bytes).
    mutating func varint() throws(ProtobufError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw .truncated(at: position) }
            let byte = bytes[position]
            position += 1
            guard shift < 64 else { throw .badVarint(at: position) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A zig-zag encoded signed varint (`sint32`, `sint64`).
    mutating func signedVarint() throws(ProtobufError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// The next field's number and wire type, or nil at the end.
    mutating func field() throws(ProtobufError) -> (number: Int, wireType: Int)? {
        guard !atEnd else { return nil }
        let key = try varint()
        return (Int(key >> 3), Int(key & 7))
    }

    /// The byte range of a length-delimited value.
    mutating func lengthDelimited() throws(ProtobufError) -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - position) else { throw .truncated(at: position) }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    /// Skips a value of `wireType`.
    mutating func skip(wireType: Int) throws(ProtobufError) {
        switch wireType {
        case 0: _ = try varint()
        case 1: try advance(8)
        case 2: _ = try lengthDelimited()
        case 5: try advance(4)
        default: throw .badWireType(wireType, at: position)
        }
    }

    private mutating func advance(_ n: Int) throws(ProtobufError) {
        guard end - position >= n else { throw .truncated(at: position) }
        position += n
    }

    /// A packed (or a single unpacked) repeated varint field, appended to `values`.
    mutating func appendVarints(wireType: Int, to values: inout [UInt64]) throws(ProtobufError) {
        if wireType == 0 { values.append(try varint()); return }
        guard wireType == 2 else { throw .badWireType(wireType, at: position) }
        var inner = ProtobufCursor(bytes, range: try lengthDelimited())
        while !inner.atEnd { values.append(try inner.varint()) }
    }

    /// A packed (or single) repeated zig-zag field, appended to `values`.
    mutating func appendSignedVarints(wireType: Int, to values: inout [Int64]) throws(ProtobufError) {
        if wireType == 0 { values.append(try signedVarint()); return }
        guard wireType == 2 else { throw .badWireType(wireType, at: position) }
        var inner = ProtobufCursor(bytes, range: try lengthDelimited())
        while !inner.atEnd { values.append(try inner.signedVarint()) }
    }

    /// The text of a length-delimited UTF-8 value.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

/// A protobuf message that does not follow the wire format.
enum ProtobufError: Error, Equatable, CustomStringConvertible {
    case truncated(at: Int)
    case badVarint(at: Int)
    case badWireType(Int, at: Int)
    case badStringIndex(UInt64)

    var description: String {
        switch self {
        case let .truncated(at): "message ends early (byte \(at) of the block)"
        case let .badVarint(at): "varint longer than 10 bytes (byte \(at) of the block)"
        case let .badWireType(type, at): "unknown wire type \(type) (byte \(at) of the block)"
        case let .badStringIndex(index): "string index \(index) past the block's string table"
        }
    }
}
