#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a writer puts bytes; writers buffer and call ``write(_:)`` with large chunks.
public protocol ByteSink {
    /// Writes all of `bytes`.
    /// - Throws: ``ByteSinkError`` when the bytes cannot be written.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(ByteSinkError)
}

/// A failed write(2).
public struct ByteSinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call that failed, e.g. "write" or "open PATH".
    public var operation: String
    /// The C errno.
    public var errno: Int32
    public init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
    }
    public var description: String { "\(operation) failed: \(String(cString: strerror(errno)))" }
}

/// Collects the output in memory.
public struct MemoryByteSink: ByteSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Appends the bytes to ``bytes``.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(ByteSinkError) {
        self.bytes.append(contentsOf: bytes)
    }

    /// The output as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Writes to a file descriptor with write(2) (retrying short writes and EINTR).
public final class FileByteSink: ByteSink {
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Creates (or truncates) the file at `path`.
    /// - Throws: ``ByteSinkError`` with the errno of open(2).
    public init(path: String) throws(ByteSinkError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ByteSinkError(operation: "open \(path)", errno: errno) }
        descriptor = fd
        ownsDescriptor = true
    }

    /// Writes to an open descriptor (e.g. 1 for standard output); does not close it.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        ownsDescriptor = false
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Writes all bytes, retrying short writes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ByteSinkError) {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #else
            let n = Darwin.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw ByteSinkError(operation: "write", errno: errno)
            }
            offset += n
        }
    }
}
