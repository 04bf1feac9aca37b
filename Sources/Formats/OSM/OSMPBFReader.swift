import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams an OpenStreetMap PBF file (`.osm.pbf`, as Geofabrik and planet extracts ship it) one
/// block at a time: memory holds one decompressed block (at most 32 MiB by the format's rules),
/// never the file, so a national extract of several hundred MB reads in constant memory.
///
/// Supports raw and zlib-compressed blobs, plain and dense nodes, ways and relations with tags.
/// Files that require features beyond `OsmSchema-V0.6` and `DenseNodes` (history files, LZMA or
/// zstd blobs) are refused with a message. Each ``read(_:)`` call is a new pass over the file.
///
/// ```swift
/// let pbf = try OSMPBFReader(path: "denmark-latest.osm.pbf")
/// try pbf.read(OSMElementVisitor(way: { way in if way.tags["highway"] != nil { ... } }))
/// ```
public struct OSMPBFReader: OSMElementSource {
    public let path: String

    /// Largest blob header and blob the format allows.
    static let maxHeaderSize = 64 * 1024
    static let maxBlobSize = 32 * 1024 * 1024

    /// Checks that the file can be opened.
    /// - Throws: ``OSMError`` when it cannot.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw OSMError(file: path, location: "open", message: "cannot open: \(String(cString: strerror(errno)))") }
        close(fd)
        self.path = path
    }

    public func read(_ visitor: OSMElementVisitor) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw OSMError(file: path, location: "open", message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        var sawHeader = false
        var raw: [UInt8] = []
        var inflated: [UInt8] = []
        while true {
            var lengthBytes = [UInt8](repeating: 0, count: 4)
            let got = try readFully(fd, &lengthBytes, count: 4, offset: offset, allowEnd: true)
            if got == 0 { break }
            let headerLength = Int(lengthBytes[0]) << 24 | Int(lengthBytes[1]) << 16 | Int(lengthBytes[2]) << 8 | Int(lengthBytes[3])
            guard headerLength > 0, headerLength <= Self.maxHeaderSize else {
                throw failure(offset, "blob header of \(headerLength) bytes; expected 1 to \(Self.maxHeaderSize) (is this an .osm.pbf file?)")
            }
            var header = [UInt8](repeating: 0, count: headerLength)
            _ = try readFully(fd, &header, count: headerLength, offset: offset + 4, allowEnd: false)
            let (type, dataSize) = try decodeBlobHeader(header, offset: offset)
            guard dataSize <= Self.maxBlobSize else { throw failure(offset, "blob of \(dataSize) bytes; the format allows \(Self.maxBlobSize)") }
            if raw.count < dataSize { raw = [UInt8](repeating: 0, count: dataSize) }
            _ = try readFully(fd, &raw, count: dataSize, offset: offset + 4 + headerLength, allowEnd: false)
            let blockLength = try decodeBlob(raw, count: dataSize, into: &inflated, offset: offset)
            switch type {
            case "OSMHeader":
                try checkHeaderBlock(inflated, count: blockLength, offset: offset)
                sawHeader = true
            case "OSMData":
                guard sawHeader else { throw failure(offset, "data block before the OSMHeader block") }
                do {
                    try inflated.withUnsafeBufferPointer { buffer in
                        try OSMPrimitiveBlock.decode(UnsafeBufferPointer(rebasing: buffer[0..<blockLength]), visitor)
                    }
                } catch let error as ProtobufError {
                    throw failure(offset, "malformed data block: \(error)")
                }
            default:
                break // Unknown blob types are skipped, as the format asks.
            }
            offset += 4 + headerLength + dataSize
        }
        guard sawHeader else { throw failure(0, "no OSMHeader block; expected an OpenStreetMap PBF file") }
    }

    private func failure(_ offset: Int, _ message: String) -> OSMError {
        OSMError(file: path, location: "byte \(offset)", message: message)
    }

    /// Reads `count` bytes; returns 0 only at a clean end of file when `allowEnd`.
    private func readFully(_ fd: Int32, _ buffer: inout [UInt8], count: Int, offset: Int, allowEnd: Bool) throws -> Int {
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(offset, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                if done == 0 && allowEnd { return 0 }
                throw failure(offset, "file ends inside a block (truncated download?)")
            }
            done += n
        }
        return done
    }

    private func decodeBlobHeader(_ header: [UInt8], offset: Int) throws -> (String, Int) {
        do {
            return try header.withUnsafeBufferPointer { buffer throws(ProtobufError) in
                var cursor = ProtobufCursor(buffer)
                var type = ""
                var size = -1
                while let (number, wire) = try cursor.field() {
                    switch (number, wire) {
                    case (1, 2): type = cursor.string(try cursor.lengthDelimited())
                    case (3, 0): size = Int(truncatingIfNeeded: try cursor.varint())
                    default: try cursor.skip(wireType: wire)
                    }
                }
                return (type, size)
            }
        } catch {
            throw failure(offset, "malformed blob header: \(error)")
        }
    }

    /// Decompresses a blob into `out`; returns the block's length.
    private func decodeBlob(_ blob: [UInt8], count: Int, into out: inout [UInt8], offset: Int) throws -> Int {
        var rawRange: Range<Int>?
        var zlibRange: Range<Int>?
        var rawSize = -1
        var other: Int?
        do {
            try blob.withUnsafeBufferPointer { buffer throws(ProtobufError) in
                var cursor = ProtobufCursor(buffer, range: 0..<count)
                while let (number, wire) = try cursor.field() {
                    switch (number, wire) {
                    case (1, 2): rawRange = try cursor.lengthDelimited()
                    case (2, 0): rawSize = Int(truncatingIfNeeded: try cursor.varint())
                    case (3, 2): zlibRange = try cursor.lengthDelimited()
                    case (4...7, _): other = number; try cursor.skip(wireType: wire)
                    default: try cursor.skip(wireType: wire)
                    }
                }
            }
        } catch {
            throw failure(offset, "malformed blob: \(error)")
        }
        if let rawRange {
            if out.count < rawRange.count { out = [UInt8](repeating: 0, count: rawRange.count) }
            out.replaceSubrange(0..<rawRange.count, with: blob[rawRange])
            return rawRange.count
        }
        guard let zlibRange else {
            let name = [4: "LZMA", 5: "bzip2", 6: "LZ4", 7: "zstd"][other ?? 0] ?? "no"
            throw failure(offset, "\(name) compression is not supported; expected raw or zlib blobs (recompress with osmium cat -f pbf)")
        }
        guard rawSize >= 0, rawSize <= Self.maxBlobSize else {
            throw failure(offset, "blob declares \(rawSize) bytes uncompressed; expected 0 to \(Self.maxBlobSize)")
        }
        if out.count < max(rawSize, 1) { out = [UInt8](repeating: 0, count: max(rawSize, 1)) }
        var length = UInt(rawSize)
        let status = out.withUnsafeMutableBufferPointer { dest in
            blob.withUnsafeBufferPointer { source in
                overblik_inflate(dest.baseAddress, &length, source.baseAddress! + zlibRange.lowerBound, UInt(zlibRange.count))
            }
        }
        guard status == Z_OK, Int(length) == rawSize else {
            throw failure(offset, "zlib data does not inflate to the declared \(rawSize) bytes (zlib status \(status))")
        }
        return rawSize
    }

    /// Refuses files whose header requires features this reader does not have.
    private func checkHeaderBlock(_ block: [UInt8], count: Int, offset: Int) throws {
        var required: [String] = []
        do {
            try block.withUnsafeBufferPointer { buffer throws(ProtobufError) in
                var cursor = ProtobufCursor(buffer, range: 0..<count)
                while let (number, wire) = try cursor.field() {
                    if number == 4, wire == 2 { required.append(cursor.string(try cursor.lengthDelimited())) } else {
                        try cursor.skip(wireType: wire)
                    }
                }
            }
        } catch {
            throw failure(offset, "malformed header block: \(error)")
        }
        let known: Set = ["OsmSchema-V0.6", "DenseNodes"]
        if let unknown = required.first(where: { !known.contains($0) }) {
            throw failure(offset, "the file requires '\(unknown)', which this reader does not support; expected OsmSchema-V0.6 and DenseNodes only")
        }
    }
}
