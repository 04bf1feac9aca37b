import Foundation
import Store
import Testing
import TestSupport

/// Opening a store changes nothing until it is known to be one; reading commands never create one
/// and work from a read-only folder (issue 14, item 6).
@Suite("Opening a store checks first and creates only on import")
struct StoreOpenCLITests {
    /// Builds a foreign SQLite file with `sql` and returns its path.
    static func foreignFile(_ name: String, _ sql: [String]) throws -> String {
        let path = try TestSupport.temporaryDirectory("foreign").appendingPathComponent(name).path
        let db = try Database(path: path, loadSpatiaLite: false)
        for statement in sql { try db.execute(statement) }
        return path
    }

    static let foreign: [(String, [String], String)] = [
        ("other.sqlite", ["CREATE TABLE customers (id INTEGER)", "INSERT INTO customers VALUES (1)"], "other tables (customers)"),
        ("layers.gpkg", ["PRAGMA application_id = 1196444487", "CREATE TABLE gpkg_contents (table_name TEXT)"], "GeoPackage"),
        ("newer.sqlite", ["PRAGMA user_version = 99", "CREATE TABLE overblik_meta (key TEXT, value TEXT)"], "newer Overblik"),
    ]

    @Test("another application's file, a GeoPackage and a newer store are refused (exit 4) byte for byte unchanged",
          arguments: foreign)
    func foreignFilesUntouched(_ name: String, _ sql: [String], _ reason: String) throws {
        let path = try Self.foreignFile(name, sql)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for command in [["info"], ["import", "facilities", "Data/facilities.csv"], ["near", "9.9,57.0"]] {
            let r = try CLI.run(["--db", path] + command)
            #expect(r.status == 4, "\(command): \(r.stderr)")
            #expect(r.stderr.contains(path) && r.stderr.contains(reason), "\(command): \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file changed")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    static let readingCommands: [[String]] = [
        ["info"], ["near", "9.9,57.0"], ["export", "facilities"], ["check"], ["bookings"], ["coverage"],
        ["free", "room", "--from", "2026-12-01T08:00", "--to", "2026-12-01T10:00"],
        ["book", "room", "--from", "2026-12-01T08:00", "--to", "2026-12-01T10:00", "--holder", "X"],
    ]

    @Test("a mistyped --db is refused with its path and creates nothing; an empty file likewise",
          arguments: readingCommands, [false, true])
    func missingStoreRefused(_ command: [String], empty: Bool) throws {
        let path = try TestSupport.temporaryDirectory("missing").appendingPathComponent("typo.sqlite").path
        if empty { FileManager.default.createFile(atPath: path, contents: Data()) }
        let r = try CLI.run(["--db", path] + command)
        #expect(r.status == 4, "\(command): \(r.stderr)")
        #expect(r.stderr.contains(path), "\(r.stderr)")
        let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(size == (empty ? 0 : nil), "the store was created or changed")
    }

    @Test("an import creates the store")
    func importCreates() throws {
        let path = try TestSupport.temporaryDirectory("create").appendingPathComponent("new.sqlite").path
        let r = try CLI.run(["--db", path, "import", "facilities", "Data/facilities.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try CLI.run(["--db", path, "info"]).status == 0)
    }

    static var canDropPrivileges: Bool { getuid() == 0 && TestSupport.which("runuser") != nil }

    @Test("a store in a folder the user cannot write opens read-only for reading commands",
          .enabled(if: canDropPrivileges, "needs root and runuser to run as a user without write access"))
    func readOnlyFolder() throws {
        let dir = try TestSupport.temporaryDirectory("readonly")
        let path = dir.appendingPathComponent("s.sqlite").path
        #expect(try CLI.run(["--db", path, "import", "facilities", "Data/facilities.csv"]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        func asNobody(_ arguments: [String]) throws -> TestSupport.ProcessResult {
            try TestSupport.run(try #require(TestSupport.which("runuser")), ["-u", "nobody", "--", CLI.binary, "--db", path] + arguments,
                                environment: ["OVERBLIK_NOW": CLI.clock], currentDirectory: URL(fileURLWithPath: "/"))
        }
        let info = try asNobody(["info", "--format", "json"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("\"facilities\" : 142") || info.stdout.contains("\"facilities\":142"), "\(info.stdout.prefix(300))")
        let near = try asNobody(["near", "9.9,57.0", "--limit", "2", "--format", "json"])
        #expect(near.status == 0, "\(near.stderr)")
        let book = try asNobody(["book", "hovedbiblioteket-i-aalborg", "--from", "2026-12-01T10:00", "--to", "2026-12-01T11:00", "--holder", "X"])
        #expect(book.status == 4, "\(book.stderr)")
        #expect(book.stderr.contains(path), "\(book.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
