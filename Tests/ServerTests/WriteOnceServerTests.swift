import Foundation
import Testing
import TestSupport

/// A big facility import into an empty layer writes the store once, with a rollback journal, only
/// when no other connection has the store open; a running server holds connections, so beside it
/// the import keeps the write-ahead log and the server reads on.
@Suite("A facility import beside a running server")
struct WriteOnceServerTests {
    @Test("with the server holding the store open, a big import into the empty layer keeps the WAL, and the server then serves every facility")
    func importBesideServer() async throws {
        let dir = try TestSupport.temporaryDirectory("write-once-serve")
        let db = dir.appendingPathComponent("serve.sqlite").path
        try ServerFixtures.cli(["import", "districts", "Data/districts.geojson", "--name-field", "name", "--code-field", "code",
                                "--rural-field", "rural"], db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let before = try #require(try await server.get("/ogc/collections/facilities/items?limit=1").json() as? [String: Any])
        #expect(before["numberMatched"] as? Int == 0)
        var text = "id,name,kind,lon,lat\n"
        for i in 0..<20_000 {
            text += "S\(i),Idrætssal nummer \(i) ved skolen,sports_hall,\(9.8 + Double(i % 300) / 1_000),\(57.0 + Double(i / 300) / 1_000)\n"
        }
        // Above the size from which an import into an empty layer tries to write the store once (1 MiB).
        #expect(text.utf8.count > 1 << 20)
        let csv = dir.appendingPathComponent("many.csv")
        try text.write(to: csv, atomically: true, encoding: .utf8)
        try ServerFixtures.cli(["import", "facilities", csv.path], db: db)
        let wal = ((try? FileManager.default.attributesOfItem(atPath: db + "-wal"))?[.size] as? Int) ?? 0
        #expect(wal > 1 << 20, "the import went through the log (\(wal) bytes)")
        let after = try #require(try await server.get("/ogc/collections/facilities/items?limit=1").json() as? [String: Any])
        #expect(after["numberMatched"] as? Int == 20_000)
    }
}
