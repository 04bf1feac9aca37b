import Foundation
import Testing
import TestSupport

/// Concurrent bookings across HTTP clients and two server processes on one store file.
@Suite("overblik serve: races and shutdown")
struct RaceTests {
    static let room = "hasseris-bibliotek-moedelokale"

    /// Eight associations with a token each.
    static func associations(_ db: String) throws -> [String] {
        try (1...8).map { n in
            try ServerFixtures.cli(["users", "add", "forening\(n)", "--role", "association"], db: db, stdin: "forening-kodeord-\(n)\n")
            return try ServerFixtures.token("forening\(n)", db: db)
        }
    }

    /// Every stored booking of the room, as (start, end) UTC strings, read by the CLI.
    static func storedBookings(_ db: String) throws -> [(String, String)] {
        let json = try ServerFixtures.cli(["bookings", Self.room, "--format", "json"], db: db)
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        return rows.compactMap { row in (row["start_utc"] as? String).flatMap { s in (row["end_utc"] as? String).map { (s, $0) } } }
    }

    @Test("8 clients x 100 concurrent overlapping requests over two server processes give no double booking and no 5xx")
    func concurrentBookings() async throws {
        try await Self.raceTwoServers(on: try ServerFixtures.sampleStore("serve-race"))
    }

    /// 8 clients x 100 overlapping booking requests over two server processes on `db`: only 201
    /// and 409, no double booking, and a booking through one server seen through the other.
    static func raceTwoServers(on db: String) async throws {
        let tokens = try Self.associations(db)
        let servers = [try RunningServer(database: db), try RunningServer(database: db)]
        defer { servers.forEach { $0.stop() } }
        // 100 requests per client over 30 hour-long slots that overlap their neighbours by half an hour.
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for (client, token) in tokens.enumerated() {
                for n in 0..<100 {
                    let server = servers[(client + n) % 2]
                    let slot = (client * 7 + n * 13) % 30
                    let day = 2 + slot / 15, half = slot % 15
                    let startMinute = 10 * 60 + half * 30
                    let start = String(format: "2027-03-%02dT%02d:%02d", day, startMinute / 60, startMinute % 60)
                    let end = String(format: "2027-03-%02dT%02d:%02d", day, (startMinute + 60) / 60, (startMinute + 60) % 60)
                    group.addTask {
                        try await server.request("POST", "/api/bookings", json: ["room": Self.room, "start": start, "end": end],
                                                 headers: ["Authorization": "Bearer \(token)"]).status
                    }
                }
            }
            var all: [Int] = []
            for try await status in group { all.append(status) }
            return all
        }
        #expect(statuses.count == 800)
        #expect(statuses.filter { $0 >= 500 }.isEmpty, "5xx: \(statuses.filter { $0 >= 500 })")
        #expect(Set(statuses).isSubset(of: [201, 409]), "\(Set(statuses))")
        let stored = try Self.storedBookings(db).sorted { $0.0 < $1.0 }
        #expect(stored.count == statuses.filter { $0 == 201 }.count)
        for (a, b) in zip(stored, stored.dropFirst()) { #expect(a.1 <= b.0, "double booking: \(a) and \(b)") }
        #expect(stored.count >= 2)
        // The other process sees a booking made through the first on its next request.
        let token = tokens[0]
        let made = try await servers[0].request("POST", "/api/bookings", json: ["room": Self.room, "start": "2027-03-09T10:00", "end": "2027-03-09T11:00"],
                                                headers: ["Authorization": "Bearer \(token)"])
        #expect(made.status == 201)
        let seen = try #require(try await servers[1].get("/api/bookings?room=\(Self.room)&from=2027-03-09T00:00&to=2027-03-10T00:00").json() as? [Any])
        #expect(seen.count == 1)
        print("race on \(db.hasPrefix("postgres") ? "PostgreSQL" : "SpatiaLite"): \(statuses.filter { $0 == 201 }.count) booked, \(statuses.filter { $0 == 409 }.count) conflicts, 0 double bookings")
    }

    @Test("SIGTERM during bookings lets the requests in flight finish and leaves exactly the acknowledged bookings")
    func shutdownDuringBookings() async throws {
        let db = try ServerFixtures.sampleStore("serve-shutdown")
        let token = try ServerFixtures.token("koret", db: db)
        let server = try RunningServer(database: db)
        let outcomes = try await withThrowingTaskGroup(of: Int?.self) { group in
            for n in 0..<40 {
                let day = 1 + n % 28, month = 4 + n / 28
                let start = String(format: "2027-%02d-%02dT11:00", month, day), end = String(format: "2027-%02d-%02dT12:00", month, day)
                group.addTask {
                    try? await server.request("POST", "/api/bookings", json: ["room": Self.room, "start": start, "end": end],
                                              headers: ["Authorization": "Bearer \(token)"]).status
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: 30_000_000)
                kill(server.process.processIdentifier, SIGTERM)
                return nil
            }
            var all: [Int?] = []
            for try await o in group { all.append(o) }
            return all
        }
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        let acknowledged = outcomes.compactMap { $0 }.filter { $0 == 201 }.count
        #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == 201 || $0 == 409 || $0 == 400 })
        let stored = try Self.storedBookings(db)
        #expect(stored.count == acknowledged, "stored \(stored.count), acknowledged \(acknowledged)")
        let check = try TestSupport.run(TestSupport.which("sqlite3") ?? "/usr/bin/sqlite3", [db, "PRAGMA integrity_check"])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }
}
