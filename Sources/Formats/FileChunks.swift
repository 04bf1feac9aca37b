#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file or an in-memory buffer in chunks; the shared input of the CSV and shapefile readers.
final class FileChunks {
    /// Why a file could not be read.
    struct Failure: Error {
        var operation: String
        var errno: Int32
    }

    private let descriptor: Int32?
    private var memory: [UInt8]?
    private var memoryPosition = 0

    init(path: String) throws(Failure) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(operation: "open \(path)", errno: errno) }
        descriptor = fd
    }

    init(bytes: [UInt8]) {
        descriptor = nil
        memory = bytes
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// The size of the input in bytes (nil when it cannot be known, e.g. a pipe).
    var size: Int? {
        if let memory { return memory.count }
        var info = stat()
        guard let descriptor, fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Fills `buffer` from the start; returns the count, 0 at the end.
    func read(into buffer: inout [UInt8]) throws(Failure) -> Int {
        if let memory {
            let n = min(buffer.count, memory.count - memoryPosition)
            if n > 0 { buffer.replaceSubrange(0..<n, with: memory[memoryPosition..<(memoryPosition + n)]) }
            memoryPosition += n
            return n
        }
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.read(descriptor!, raw.baseAddress, raw.count)
                #else
                Darwin.read(descriptor!, raw.baseAddress, raw.count)
                #endif
            }
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw Failure(operation: "read", errno: errno)
        }
    }

    /// Reads exactly `count` bytes, or fewer only at the end of the input.
    func readUpTo(_ count: Int) throws(Failure) -> [UInt8] {
        var result: [UInt8] = []
        // Capped: a count from a file's header may be a lie; the result grows with what is read.
        result.reserveCapacity(min(count, 1 << 20))
        var chunk = [UInt8](repeating: 0, count: min(max(count, 1), 1 << 16))
        while result.count < count {
            if chunk.count > count - result.count { chunk = [UInt8](repeating: 0, count: count - result.count) }
            let n = try read(into: &chunk)
            if n == 0 { break }
            result += chunk[0..<n]
        }
        return result
    }
}

/// Whether `path` names an existing regular file.
func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
}

/// Reads a whole small file as bytes (sidecars like .prj and .cpg); nil when missing.
func readSmallFile(_ path: String) -> [UInt8]? {
    guard fileExists(path), let chunks = try? FileChunks(path: path) else { return nil }
    return try? chunks.readUpTo(1 << 20)
}

/// The index of the first byte that breaks UTF-8 (RFC 3629), or nil when `bytes` is valid.
func firstInvalidUTF8(_ slice: ArraySlice<UInt8>) -> Int? {
    slice.withUnsafeBufferPointer(firstInvalidUTF8(in:))
}

private func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = bytes.startIndex
    while i < bytes.endIndex {
        let b = bytes[i]
        if b < 0x80 { i += 1; continue }
        var count = 0
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: count = 1
        case 0xE0: count = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: count = 2
        case 0xED: count = 2; upper = 0x9F
        case 0xF0: count = 3; lower = 0x90
        case 0xF1...0xF3: count = 3
        case 0xF4: count = 3; upper = 0x8F
        default: return i - bytes.startIndex
        }
        for k in 1...count {
            guard i + k < bytes.endIndex else { return i - bytes.startIndex }
            let c = bytes[i + k]
            guard c >= (k == 1 ? lower : 0x80) && c <= (k == 1 ? upper : 0xBF) else { return i - bytes.startIndex }
        }
        i += count + 1
    }
    return nil
}
