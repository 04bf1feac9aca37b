#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Problems of one kind from one stream, in arrival order, kept in an anonymous temporary file
/// (`tmpfile`, gone when closed) instead of memory, to be read back once in the same order.
/// Records: table, id, name, detail, related id (absent: length 0xFFFF_FFFF), each length-prefixed.
final class ProblemSpool {
    let kind: QualityProblem.Kind
    private(set) var count = 0
    private let file: UnsafeMutablePointer<FILE>

    /// - Throws: ``OverblikError/io(_:)`` when no temporary file can be made.
    init(kind: QualityProblem.Kind) throws {
        guard let file = tmpfile() else { throw OverblikError.io("check: cannot create a temporary file: \(String(cString: strerror(errno)))") }
        self.kind = kind
        self.file = file
    }

    deinit { fclose(file) }

    func append(_ p: QualityProblem) throws {
        for field in [p.table, p.id, p.name, p.detail] { try write(field) }
        if let related = p.relatedID { try write(related) } else { try write(length: UInt32.max) }
        count += 1
    }

    /// Reads the problems back, in the order they were appended.
    func reader() throws -> Reader {
        guard fflush(file) == 0, fseek(file, 0, SEEK_SET) == 0 else { throw Self.failure("rewind") }
        return Reader(spool: self)
    }

    private func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            try write(length: UInt32(bytes.count))
            guard bytes.isEmpty || fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count else { throw Self.failure("write") }
        }
    }

    private func write(length: UInt32) throws {
        var value = length.littleEndian
        guard fwrite(&value, 4, 1, file) == 1 else { throw Self.failure("write") }
    }

    private static func failure(_ what: String) -> OverblikError {
        .io("check: cannot \(what) a temporary file: \(String(cString: strerror(errno)))")
    }

    /// Sequential reads of a spool.
    struct Reader {
        let spool: ProblemSpool
        private var left: Int

        init(spool: ProblemSpool) {
            self.spool = spool
            left = spool.count
        }

        mutating func next() throws -> QualityProblem? {
            guard left > 0 else { return nil }
            left -= 1
            let table = try text() ?? "", id = try text() ?? "", name = try text() ?? "", detail = try text() ?? ""
            return QualityProblem(kind: spool.kind, table: table, id: id, name: name, detail: detail, relatedID: try text())
        }

        private func text() throws -> String? {
            var length: UInt32 = 0
            guard fread(&length, 4, 1, spool.file) == 1 else { throw ProblemSpool.failure("read") }
            length = UInt32(littleEndian: length)
            if length == UInt32.max { return nil }
            return try String(unsafeUninitializedCapacity: Int(length)) { buffer in
                guard length == 0 || fread(buffer.baseAddress, 1, Int(length), spool.file) == Int(length) else { throw ProblemSpool.failure("read") }
                return Int(length)
            }
        }
    }
}
