import Foundation
import Testing
import TestSupport

/// The clerk's desk over HTTP (rooms and their policies, closures, the season view, the audit
/// log) on a server over PostgreSQL and one over SpatiaLite: the same statuses and bodies.
@Suite("overblik serve: the clerk's desk on PostgreSQL", .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason))
struct PostgresClerkServerTests {
    static let room = "nibe-skole-aula"

    /// The clerk's session against the server on `db`: each reply as its status and body (the
    /// audit log as its actions, whose times differ between runs).
    func clerkSession(_ db: String) async throws -> [String] {
        let clerk = ["Authorization": "Bearer \(try ServerFixtures.token("clerk", db: db))"]
        let koret = ["Authorization": "Bearer \(try ServerFixtures.token("koret", db: db))"]
        let server = try RunningServer(database: db)
        defer { server.stop() }
        var out: [String] = []
        // Error bodies are dictionaries whose key order varies from process to process: compared with sorted keys.
        func record(_ reply: RunningServer.Reply) {
            let sorted = (try? reply.json()).flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
            out.append("\(reply.status) " + (sorted.map { String(decoding: $0, as: UTF8.self) } ?? reply.text))
        }
        record(try await server.get("/api/rooms", headers: koret))
        record(try await server.get("/api/rooms", headers: clerk))
        let policy: [String: Any] = ["approval": true, "cancel_deadline_minutes": 120]
        record(try await server.request("PUT", "/api/rooms/\(Self.room)/policy", json: policy, headers: clerk))
        record(try await server.request("PUT", "/api/rooms/no-such-room/policy", json: policy, headers: clerk))
        let closure: [String: Any] = ["room": Self.room, "from": "2027-03-01T00:00", "to": "2027-03-08T00:00", "reason": "Valg"]
        record(try await server.request("POST", "/api/closures", json: closure, headers: clerk))
        record(try await server.request("POST", "/api/closures", json: ["facility": "nibe-kulturhus", "from": "01.04.2027"], headers: clerk))
        record(try await server.request("POST", "/api/closures", json: ["room": "nowhere", "from": "2027-03-01"], headers: clerk))
        record(try await server.request("POST", "/api/closures", json: ["room": Self.room, "from": "someday"], headers: clerk))
        record(try await server.request("GET", "/api/closures", headers: clerk))
        record(try await server.get("/api/rooms/\(Self.room)/season?slot=Tu%2019:00-21:00&from=2027-02-23&to=2027-03-09"))
        record(try await server.request("DELETE", "/api/closures/1", headers: clerk))
        record(try await server.request("DELETE", "/api/closures/1", headers: clerk))
        record(try await server.request("GET", "/api/closures", headers: clerk))
        let audit = try await server.request("GET", "/api/audit", headers: clerk)
        let entries = try #require(try audit.json() as? [[String: Any]])
        out.append("\(audit.status) " + entries.map { "\($0["action"] ?? "") \($0["room"] ?? "-")" }.joined(separator: ", "))
        return out
    }

    @Test("rooms, policies, closures, the season view and the audit trail answer alike over PostgreSQL and SpatiaLite")
    func clerkDeskIsIdentical() async throws {
        let sqlite = try await clerkSession(try ServerFixtures.sampleStore("serve-clerk-sqlite"))
        let postgres = try await clerkSession(try ServerFixtures.sampleStore(
            "serve-clerk-pg", at: try #require(PostgresCluster.shared).makeDatabase("serveclerk")))
        #expect(sqlite.count == postgres.count)
        for (a, b) in zip(sqlite, postgres) { #expect(a == b) }
        #expect(postgres.map { String($0.prefix(3)) } == ["403", "200", "200", "404", "201", "201", "404", "400", "200", "200",
                                                           "204", "404", "200", "200"])
        #expect(postgres.last == "200 reopen -, close nibe-kulturhus, close \(Self.room), policy \(Self.room)")
    }
}
