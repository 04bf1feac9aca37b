import Foundation
import Testing
import TestSupport
@testable import Store

/// A large rollback-journal transaction (``Database/writingOnce(_:)``) gathers the main file's page
/// writes into larger ones through Overblik's VFS (`CWriteCoalescing`): the file must come out
/// byte for byte as without the gathering, reads inside the transaction must see the gathered
/// pages, and a rollback must leave the file as it was.
@Suite("Page writes gathered during a bulk write")
struct WriteCoalescingTests {
    /// A new file in write-ahead-log mode (as a store is), with `pageSize`-byte pages and a page
    /// cache of a few dozen pages, so that a transaction spills, evicts and reads pages back.
    static func database(_ name: String, pageSize: Int) throws -> Database {
        let dir = try TestSupport.temporaryDirectory("coalescing")
        let db = try Database(path: dir.appendingPathComponent(name).path, loadSpatiaLite: false)
        try db.execute("PRAGMA page_size = \(pageSize)")
        try db.enableWriteAheadLog()
        try db.execute("PRAGMA cache_size = 40")
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, v BLOB NOT NULL)")
        return db
    }

    /// Row `i`'s key (scattered, so the key index's pages are written out of order) and value.
    static func row(_ i: Int, seed: UInt64) -> (key: String, value: [UInt8]) {
        var g = SeededGenerator(seed: seed &+ UInt64(i))
        let value = (0 ..< Int(g.next() % 700)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
        return ("k\(g.next() % 1_000_000_000)-\(i)", value)
    }

    /// Inserts rows `range`, then reads every row back inside the same transaction and checks it.
    static func insertAndReadBack(_ db: Database, _ range: Range<Int>, seed: UInt64) throws {
        let insert = try db.prepare("INSERT INTO t (id, k, v) VALUES (?1, ?2, ?3)")
        for i in range {
            let (key, value) = row(i, seed: seed)
            insert.reset()
            try insert.bind(1, int: Int64(i))
            try insert.bind(2, text: key)
            try value.withUnsafeBytes { try insert.bind(3, blob: $0) }
            try insert.stepDone()
        }
        for i in stride(from: range.lowerBound, to: range.upperBound, by: 97) {
            let (key, value) = row(i, seed: seed)
            let stored = try db.query("SELECT k, v FROM t WHERE id = ?", [.integer(Int64(i))])
            #expect(stored.first?.values == [.text(key), .blob(value)], "row \(i)")
        }
    }

    @Test("the file comes out byte for byte as without gathering, and reads in the transaction see every page",
          arguments: [1_024, 4_096, 65_536])
    func sameBytes(pageSize: Int) throws {
        var files: [Data] = []
        for gather in [true, false] {
            let db = try Self.database("same-\(pageSize)-\(gather).sqlite", pageSize: pageSize)
            let (_, once) = try db.writingOnce {
                if !gather { #expect(db.coalesceWrites(bytes: 0)) }
                try db.transaction { try Self.insertAndReadBack(db, 0 ..< 20_000, seed: 7) }
            }
            #expect(once)
            #expect(try db.scalar("PRAGMA integrity_check")?.string == "ok")
            #expect(try db.scalar("SELECT count(*) FROM t")?.int == 20_000)
            files.append(try Data(contentsOf: URL(fileURLWithPath: db.path)))
        }
        // Several times the window, so that it fills and is written many times over.
        #expect(files[0].count > 3 * Int(Database.coalescedWriteBytes))
        #expect(files[0] == files[1])
    }

    @Test("a transaction that fails after gathering many pages leaves the file as it was")
    func rollback() throws {
        let db = try Self.database("rollback.sqlite", pageSize: 4_096)
        try db.transaction { try Self.insertAndReadBack(db, 0 ..< 500, seed: 3) }
        let everything = "SELECT id, k, v FROM t ORDER BY id"
        let before = try db.query(everything).map(\.values)
        struct Late: Error {}
        #expect(throws: Late.self) {
            _ = try db.writingOnce {
                try db.transaction {
                    try db.execute("UPDATE t SET v = zeroblob(300) WHERE id % 3 = 0")
                    try Self.insertAndReadBack(db, 500 ..< 5_000, seed: 3)
                    throw Late()
                }
            }
        }
        #expect(try db.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try db.query(everything).map(\.values) == before)
        #expect(before.count == 500)
    }

    @Test("another connection opened after the commit reads every row")
    func visibleAfterCommit() throws {
        let db = try Self.database("visible.sqlite", pageSize: 4_096)
        _ = try db.writingOnce { try db.transaction { try Self.insertAndReadBack(db, 0 ..< 3_000, seed: 11) } }
        let other = try Database(path: db.path, readOnly: true, loadSpatiaLite: false)
        #expect(try other.scalar("SELECT count(*) FROM t")?.int == 3_000)
        let (key, value) = Self.row(2_999, seed: 11)
        #expect(try other.query("SELECT k, v FROM t WHERE id = 2999").first?.values == [.text(key), .blob(value)])
    }

    @Test("the gathering is offered on a file and refused on an in-memory database")
    func offered() throws {
        let db = try Self.database("offered.sqlite", pageSize: 4_096)
        #expect(db.coalesceWrites(bytes: 1 << 20))
        #expect(db.coalesceWrites(bytes: 0))
        let memory = try Database(path: ":memory:", loadSpatiaLite: false)
        #expect(!memory.coalesceWrites(bytes: 1 << 20))
    }
}
