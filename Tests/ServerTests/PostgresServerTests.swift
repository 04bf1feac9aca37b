import Foundation
import Testing
import TestSupport

/// Several `overblik serve` processes on one PostgreSQL database.
@Suite("overblik serve on PostgreSQL", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresServerTests {
    @Test("8 clients x 100 concurrent overlapping requests over two server processes on one PostgreSQL database give no double booking")
    func concurrentBookingsOnPostgres() async throws {
        let db = try ServerFixtures.sampleStore("serve-pg", at: try #require(PostgresCluster.shared).makeDatabase("serverace"))
        try await RaceTests.raceTwoServers(on: db)
    }

    @Test("a facility imported through the CLI is found by a running server on its next request")
    func serverSeesOtherWriters() async throws {
        let db = try ServerFixtures.sampleStore("serve-pg-fresh", at: try #require(PostgresCluster.shared).makeDatabase("serverfresh"))
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let before = try #require(try await server.get("/api/near?place=9.5,56.5&limit=1").json() as? [[String: Any]])
        #expect(before.first?["id"] as? String != "pg-new-hall")
        let file = try TestSupport.writeTemporary("id,name,kind,lon,lat\npg-new-hall,Ny Hal,sports_hall,9.5,56.5\n", name: "new.csv")
        try ServerFixtures.cli(["import", "facilities", file.path], db: db)
        let after = try #require(try await server.get("/api/near?place=9.5,56.5&limit=1").json() as? [[String: Any]])
        #expect(after.first?["id"] as? String == "pg-new-hall")
    }
}
