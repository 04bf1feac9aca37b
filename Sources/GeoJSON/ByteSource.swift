#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader gets bytes from, a chunk at a time.
public protocol ByteSource {
    /// Fills up to `buffer.count` bytes; returns 0 at the end of the input.
    /// - Throws: the errno of a failed read.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int
}

/// A failed read(2) or open(2).
public struct ByteSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call that failed, e.g. "read" or "open PATH".
    public var operation: String
    /// The C errno.
    public var errno: Int32
    public init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
    }
    public var description: String { "\(operation) failed (errno \(errno))" }
}

/// Bytes already in memory.
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    /// Copies the next bytes; 0 at the end.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// A file read with read(2); the descriptor is closed when the source is released if it was opened here.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` for reading.
    /// - Throws: ``ByteSourceError`` with the errno of open(2).
    public init(path: String) throws(ByteSourceError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ByteSourceError(operation: "open \(path)", errno: errno) }
        descriptor = fd
        ownsDescriptor = true
    }

    /// Reads from an open descriptor (e.g. 0 for standard input); does not close it.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        ownsDescriptor = false
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Reads with read(2), retrying EINTR.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let n = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ByteSourceError(operation: "read", errno: errno)
        }
    }
}
