public import GeoJSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file was refused or could not be written.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The path is the store, or one of its -wal, -shm or -journal files.
        case isTheStore(store: String)
        /// A system call failed (`operation` and errno).
        case failed(operation: String, errno: Int32)
    }
    /// The output path as the user gave it.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case let .isTheStore(store):
            return "\(path): refusing to write output over the store \(store) (or its -wal/-shm/-journal file); choose another --out"
        case let .failed(operation, code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// An output file written completely or not at all: bytes go to a temporary file in the same
/// folder, which ``commit()`` flushes to disk and renames over `path`. A writer that fails, or is
/// dropped without ``commit()``, leaves no partial file (and an existing file at `path` untouched).
///
/// Devices, pipes and sockets (`/dev/stdout`, `/dev/full`, a FIFO) are written in place, and `-`
/// means standard output. A path that is a protected file (the store, or one of its -wal, -shm
/// and -journal files, by device and inode and by name) is refused before anything is opened.
///
/// ```swift
/// let file = try OutputFile(path: "map.html", protecting: [storePath])
/// try file.write(html)
/// try file.commit()
/// ```
public final class OutputFile: ByteSink {
    /// The destination as given.
    public let path: String
    /// The file renamed over the destination by ``commit()``; nil when writing in place.
    private let temporaryPath: String?
    /// The resolved destination (symbolic links followed).
    private let destination: String
    private var descriptor: Int32
    private let ownsDescriptor: Bool
    private var committed = false

    /// The path that means standard output.
    public static let standardOutput = "-"

    /// Opens an output.
    /// - Parameters:
    ///   - path: a file path, or `-` for standard output.
    ///   - protected: files that must never be overwritten; each also protects its `-wal`, `-shm`
    ///     and `-journal` companions (pass the store's path).
    /// - Throws: ``OutputFileError`` when `path` is protected or cannot be created.
    public init(path: String, protecting protected: [String] = []) throws(OutputFileError) {
        self.path = path
        if path == Self.standardOutput {
            descriptor = 1
            ownsDescriptor = false
            temporaryPath = nil
            destination = path
            return
        }
        let resolved = Self.resolve(path)
        destination = resolved
        for store in protected where Self.isCompanion(resolved, of: store) {
            throw OutputFileError(path: path, reason: .isTheStore(store: store))
        }
        var info = stat()
        let exists = stat(resolved, &info) == 0
        if exists && (info.st_mode & S_IFMT) != S_IFREG && (info.st_mode & S_IFMT) != S_IFDIR {
            // A device, pipe or socket: written in place (a rename would replace the node itself).
            let fd = open(resolved, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputFileError(path: path, reason: .failed(operation: "open", errno: errno)) }
            descriptor = fd
            ownsDescriptor = true
            temporaryPath = nil
            return
        }
        let folder = Self.folder(of: resolved)
        let name = resolved.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? resolved
        var template = Array("\(folder)/.\(name).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OutputFileError(path: path, reason: .failed(operation: "create a temporary file in \(folder)", errno: errno)) }
        // Keep the permissions of a file being replaced; a new file gets 0644 less the umask.
        let mask = umask(0)
        umask(mask)
        _ = fchmod(fd, exists ? info.st_mode & 0o7777 : 0o644 & ~mask)
        descriptor = fd
        ownsDescriptor = true
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit {
        if ownsDescriptor && descriptor >= 0 { close(descriptor) }
        if !committed, let temporaryPath { unlink(temporaryPath) }
    }

    /// Writes all of `bytes` (retrying short writes and EINTR).
    /// - Throws: ``ByteSinkError`` naming the output and the errno.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ByteSinkError) {
        do { try FileByteSink(descriptor: descriptor).write(bytes) } catch {
            throw ByteSinkError(operation: "write \(displayName)", errno: error.errno)
        }
    }

    /// Writes `text` as UTF-8.
    /// - Throws: ``ByteSinkError`` naming the output and the errno.
    public func write(_ text: String) throws {
        var copy = text
        try copy.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Makes the output visible: flushes the temporary file to disk and renames it over the
    /// destination. Standard output and devices need nothing more.
    /// - Throws: ``OutputFileError`` when the flush, close or rename fails (the temporary file is removed).
    public func commit() throws(OutputFileError) {
        guard let temporaryPath, !committed else { committed = true; return }
        if fsync(descriptor) != 0 { throw OutputFileError(path: path, reason: .failed(operation: "fsync", errno: errno)) }
        let fd = descriptor
        descriptor = -1
        if close(fd) != 0 { throw OutputFileError(path: path, reason: .failed(operation: "close", errno: errno)) }
        if rename(temporaryPath, destination) != 0 {
            throw OutputFileError(path: path, reason: .failed(operation: "rename into place", errno: errno))
        }
        committed = true
    }

    /// The output as messages name it.
    private var displayName: String { path == Self.standardOutput ? "standard output" : path }

    // MARK: Paths

    /// `path` with symbolic links and `..` resolved as far as the file (or, for a new file, its folder) exists.
    static func resolve(_ path: String) -> String {
        if let real = realPath(path) { return real }
        let folder = folder(of: path)
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let realFolder = realPath(folder) else { return path }
        return realFolder == "/" ? "/\(name)" : "\(realFolder)/\(name)"
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Whether `candidate` (resolved) is `store` or one of its companion files, by device and inode
    /// when both exist and by resolved name otherwise.
    static func isCompanion(_ candidate: String, of store: String) -> Bool {
        var target = stat()
        let targetExists = stat(candidate, &target) == 0
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let protected = store + suffix
            var info = stat()
            if targetExists && stat(protected, &info) == 0 && info.st_dev == target.st_dev && info.st_ino == target.st_ino {
                return true
            }
            if resolve(protected) == candidate { return true }
        }
        return false
    }
}
