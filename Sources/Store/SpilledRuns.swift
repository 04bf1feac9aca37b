#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite

/// Sorted runs of fixed-size values kept in an anonymous temporary file (removed when closed) and
/// merged back in order, reading a small buffer of each: the bounded-memory half of an external
/// sort (``RTreeEntrySorter``, ``RowLeafPairs``). Ties between runs go to the earlier run, so a
/// merge of runs that were each sorted stably is stable.
///
/// ```swift
/// let runs = SpilledRuns<UInt64>(what: "keys")
/// try runs.write { put in for v in run.sorted() { try put(v) } }   // one sorted run
/// try runs.merge(by: <) { value in ... }
/// ```
final class SpilledRuns<Element: BitwiseCopyable> {
    private var file: UnsafeMutablePointer<FILE>?
    /// Runs written, as (first element, element count).
    private var runs: [(start: Int, count: Int)] = []
    /// What the values are, for error messages.
    private let what: String
    private static var stride: Int { MemoryLayout<Element>.stride }
    /// Elements read or written at a time.
    static var bufferLength: Int { 4_096 }

    init(what: String) { self.what = what }

    deinit { if let file { fclose(file) } }

    /// Whether no run was written.
    var isEmpty: Bool { runs.isEmpty }

    /// Appends one run: the elements `produce` passes to the function it is given, in order.
    func write(_ produce: ((Element) throws -> Void) throws -> Void) throws {
        if file == nil {
            file = tmpfile()
            guard file != nil else { throw failure("no temporary file for sorting \(what) (errno \(errno))") }
        }
        var buffer: [Element] = []
        buffer.reserveCapacity(Self.bufferLength)
        var count = 0
        func flush() throws {
            let written = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, Self.stride, $0.count, file) }
            guard written == buffer.count else { throw failure("writing sorted \(what) to a temporary file failed (errno \(errno))") }
            count += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        try produce { element in
            buffer.append(element)
            if buffer.count == Self.bufferLength { try flush() }
        }
        try flush()
        runs.append((runs.last.map { $0.start + $0.count } ?? 0, count))
    }

    /// Calls `body` with every element of every run, in the order `before` defines.
    func merge(by before: (Element, Element) -> Bool, _ body: (Element) throws -> Void) throws {
        guard let file else { return }
        guard fflush(file) == 0 else { throw failure("flushing sorted \(what) failed (errno \(errno))") }
        var readers = runs.map { Reader(next: $0.start, remaining: $0.count) }
        for i in readers.indices { try refill(&readers[i], from: file) }
        while true {
            var best = -1
            for i in readers.indices where readers[i].index < readers[i].buffer.count {
                if best < 0 || before(readers[i].buffer[readers[i].index], readers[best].buffer[readers[best].index]) { best = i }
            }
            guard best >= 0 else { return }
            try body(readers[best].buffer[readers[best].index])
            readers[best].index += 1
            if readers[best].index == readers[best].buffer.count { try refill(&readers[best], from: file) }
        }
    }

    /// One run of the file, read a buffer at a time.
    private struct Reader {
        var next: Int
        var remaining: Int
        var buffer: [Element] = []
        var index = 0
    }

    private func refill(_ reader: inout Reader, from file: UnsafeMutablePointer<FILE>) throws {
        let n = min(Self.bufferLength, reader.remaining)
        reader.index = 0
        reader.buffer.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        let read = try [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard fseeko(file, off_t(reader.next * Self.stride), SEEK_SET) == 0,
                  fread(buffer.baseAddress, Self.stride, n, file) == n else {
                throw failure("reading sorted \(what) back failed (errno \(errno))")
            }
            initialized = n
        }
        reader.buffer = read
        reader.next += n
        reader.remaining -= n
    }

    private func failure(_ message: String) -> DatabaseError {
        DatabaseError(code: SQLITE_IOERR, message: message, operation: "bulk load R*Tree")
    }
}
