import Foundation
import Testing
import TestSupport

/// Each `overblik serve` on PostgreSQL keeps one `LISTEN overblik_catalog` connection and reloads
/// its catalogue on the other processes' notifications; with the listener down it reads the
/// catalogue generation on every request until the listener is back.
@Suite("overblik serve on PostgreSQL: LISTEN/NOTIFY", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresChangeFeedTests {
    static let place = "9.5,56.5"

    /// The database name of a `postgres://` address.
    static func name(of db: String) -> String { String(db.split(separator: "/").last ?? "") }

    /// The sessions of `db` whose last statement was a LISTEN (one per server process).
    static func listeners(_ db: String) throws -> Int {
        let cluster = try #require(PostgresCluster.shared)
        let text = try cluster.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name(of: db))' AND query ILIKE 'LISTEN%'")
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Polls until `db` has `count` listening sessions (at most 15 s).
    static func waitForListeners(_ db: String, count: Int) async throws {
        let deadline = Date().addingTimeInterval(15)
        while try listeners(db) != count, Date() < deadline { try await Task.sleep(nanoseconds: 50_000_000) }
        #expect(try listeners(db) == count)
    }

    /// The id and name of the facility nearest to ``place`` through `server`.
    static func nearest(_ server: RunningServer) async throws -> (id: String?, name: String?) {
        let rows = try #require(try await server.get("/api/near?place=\(place)&limit=1").json() as? [[String: Any]])
        return (rows.first?["id"] as? String, rows.first?["name"] as? String)
    }

    static func importFacility(_ id: String, db: String) throws {
        let file = try TestSupport.writeTemporary("id,name,kind,lon,lat\n\(id),Ny Hal,sports_hall,9.5,56.5\n", name: "\(id).csv")
        try ServerFixtures.cli(["import", "facilities", file.path], db: db)
    }

    @Test("two servers each hold a LISTEN connection; a facility imported through the CLI and a booking made through server A are seen through server B on its next request")
    func writesSeenThroughTheOtherServer() async throws {
        let db = try ServerFixtures.sampleStore("feed-two", at: try #require(PostgresCluster.shared).makeDatabase("feedtwo"))
        let a = try RunningServer(database: db), b = try RunningServer(database: db)
        defer { a.stop(); b.stop() }
        try await Self.waitForListeners(db, count: 2)
        #expect(try await Self.nearest(b).id != "feed-hall")
        try Self.importFacility("feed-hall", db: db)
        #expect(try await Self.nearest(b).id == "feed-hall")
        #expect(try await Self.nearest(a).id == "feed-hall")

        let token = try ServerFixtures.token("koret", db: db)
        let room = RaceTests.room
        let window = "room=\(room)&from=2027-04-06T00:00&to=2027-04-07T00:00"
        #expect(try #require(try await b.get("/api/bookings?\(window)").json() as? [Any]).isEmpty)
        let made = try await a.request("POST", "/api/bookings", json: ["room": room, "start": "2027-04-06T10:00", "end": "2027-04-06T11:00"],
                                       headers: ["Authorization": "Bearer \(token)"])
        #expect(made.status == 201)
        #expect(try #require(try await b.get("/api/bookings?\(window)").json() as? [Any]).count == 1)
        // The slot is taken for server B too.
        let again = try await b.request("POST", "/api/bookings", json: ["room": room, "start": "2027-04-06T10:30", "end": "2027-04-06T11:30"],
                                        headers: ["Authorization": "Bearer \(token)"])
        #expect(again.status == 409)
    }

    @Test("with its listener up a server answers from memory without reading the generation, and reloads on a notification")
    func notificationDrivesTheReload() async throws {
        let cluster = try #require(PostgresCluster.shared)
        let db = try ServerFixtures.sampleStore("feed-notify", at: try cluster.makeDatabase("feednotify"))
        let server = try RunningServer(database: db)
        defer { server.stop() }
        try await Self.waitForListeners(db, count: 1)
        // Every reader (they take turns) has answered once with the listener up.
        for _ in 0..<16 { _ = try await Self.nearest(server) }
        let before = try await Self.nearest(server)
        let id = try #require(before.id)
        // A rename that neither fires the trigger nor notifies, but moves the generation.
        try cluster.psql("""
            BEGIN; ALTER TABLE facilities DISABLE TRIGGER facilities_catalog;
            UPDATE facilities SET name = 'Stille Navn' WHERE id = '\(id)';
            UPDATE overblik_meta SET value = (value::bigint + 1)::text WHERE key = 'catalog_generation';
            ALTER TABLE facilities ENABLE TRIGGER facilities_catalog; COMMIT;
            """, database: Self.name(of: db))
        for _ in 0..<16 {
            #expect(try await Self.nearest(server).name == before.name, "the generation is not read while the listener is up")
        }
        try cluster.psql("NOTIFY overblik_catalog", database: Self.name(of: db))
        let deadline = Date().addingTimeInterval(5)
        var seen = try await Self.nearest(server).name
        while seen != "Stille Navn", Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
            seen = try await Self.nearest(server).name
        }
        #expect(seen == "Stille Navn")
    }

    @Test("a dropped LISTEN connection: the next request still sees a change, by the generation, and the server listens again")
    func droppedListenerFallsBackAndReconnects() async throws {
        let cluster = try #require(PostgresCluster.shared)
        let db = try ServerFixtures.sampleStore("feed-drop", at: try cluster.makeDatabase("feeddrop"))
        let server = try RunningServer(database: db)
        defer { server.stop() }
        try await Self.waitForListeners(db, count: 1)
        #expect(try await Self.nearest(server).id != nil)
        try cluster.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(Self.name(of: db))' AND query ILIKE 'LISTEN%'")
        try Self.importFacility("drop-hall", db: db)
        #expect(try await Self.nearest(server).id == "drop-hall")
        try await Self.waitForListeners(db, count: 1)
        try Self.importFacility("drop-hall-2", db: db)
        let after = try #require(try await server.get("/api/near?place=\(Self.place)&limit=2").json() as? [[String: Any]])
        #expect(Set(after.compactMap { $0["id"] as? String }) == ["drop-hall", "drop-hall-2"])
    }
}
