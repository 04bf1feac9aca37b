import Foundation
import Testing
import TestSupport

/// The OGC API Features pages of a server on PostgreSQL are the bytes of a server on SpatiaLite.
@Suite("OGC API Features on PostgreSQL", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresOGCTests {
    static let paths: [String] = {
        var paths = ["/ogc", "/ogc/conformance", "/ogc/collections"]
        for c in ["facilities", "rooms", "districts", "coverage", "gaps"] {
            paths += ["/ogc/collections/\(c)", "/ogc/collections/\(c)/items", "/ogc/collections/\(c)/items?limit=7&offset=3",
                      "/ogc/collections/\(c)/items?bbox=9.8,56.9,10.1,57.1&limit=1000"]
        }
        paths += ["/ogc/collections/facilities/items/hovedbiblioteket-i-aalborg",
                  "/ogc/collections/rooms/items/hovedbiblioteket-i-aalborg-moedelokale",
                  "/ogc/collections/facilities/items/no-such-facility"]
        return paths
    }()

    /// Status and body of every path, the server's own address replaced by a placeholder.
    static func pages(_ server: RunningServer) async throws -> [String] {
        var pages: [String] = []
        for path in paths {
            let reply = try await server.get(path)
            // A problem document's members come in hash order (JSONEncoder): compare them sorted.
            let body = reply.status == 200 ? reply.body
                : try JSONSerialization.data(withJSONObject: try reply.json(), options: [.sortedKeys])
            pages.append("\(path) -> \(reply.status)\n" + String(decoding: body, as: UTF8.self)
                .replacingOccurrences(of: "127.0.0.1:\(server.port)", with: "HOST"))
        }
        return pages
    }

    @Test("collections, items pages (paging, bbox) and single items are byte-equal on both stores")
    func pagesAreByteEqual() async throws {
        let clock = ["OVERBLIK_NOW": "2027-03-02T12:00"]
        let sqliteDB = try ServerFixtures.sampleStore("ogc-sqlite")
        let postgresDB = try ServerFixtures.sampleStore("ogc-pg", at: try #require(PostgresCluster.shared).makeDatabase("ogcpg"))
        for db in [sqliteDB, postgresDB] {
            try ServerFixtures.cli(["import", "population", "Data/population.csv"], db: db)
            try ServerFixtures.cli(["book", "hovedbiblioteket-i-aalborg-moedelokale", "--from", "2027-03-02T12:00", "--to", "2027-03-02T19:00",
                                    "--holder", "Kor"], db: db)
        }
        let sqlite = try RunningServer(database: sqliteDB, environment: clock)
        defer { sqlite.stop() }
        let postgres = try RunningServer(database: postgresDB, environment: clock)
        defer { postgres.stop() }
        let a = try await Self.pages(sqlite), b = try await Self.pages(postgres)
        #expect(a.count == Self.paths.count)
        for (x, y) in zip(a, b) { #expect(x == y, "\(x.prefix(600)) vs \(y.prefix(600))") }
        #expect(a.filter { $0.contains(" -> 200\n") }.count == Self.paths.count - 1)
        #expect(a[4].contains("\"numberMatched\":142"))
    }
}
