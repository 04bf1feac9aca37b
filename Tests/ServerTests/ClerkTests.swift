import Foundation
import Testing
import TestSupport

/// The clerk's endpoints (rooms, booking policies, the allocation round) against a real `overblik serve`:
/// clerks only (anonymous 401, associations 403), and every clerk action in the audit log.
@Suite("overblik serve: the clerk's rooms and allocation round")
struct ClerkTests {
    static let room = "hasseris-bibliotek-moedelokale"

    @Test("rooms and their policies are the clerk's: anonymous 401, associations 403; a clerk's change is listed and audited")
    func roomsAndPolicies() async throws {
        let db = try ServerFixtures.sampleStore("serve-clerk-rooms")
        let koret = try ServerFixtures.token("koret", db: db), clerk = try ServerFixtures.token("clerk", db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let asKoret = ["Authorization": "Bearer \(koret)"], asClerk = ["Authorization": "Bearer \(clerk)"]
        #expect(try await server.get("/api/rooms").status == 401)
        #expect(try await server.get("/api/rooms", headers: asKoret).status == 403)
        let before = try #require(try await server.get("/api/rooms", headers: asClerk).json() as? [[String: Any]])
        let ids = before.compactMap { $0["id"] as? String }
        #expect(ids.count == before.count && ids == ids.sorted() && ids.contains(Self.room))
        #expect(before.allSatisfy { $0["approval"] as? Bool == false && $0["cancel_deadline_minutes"] as? Int == 0 })

        let policy: [String: Any] = ["approval": true, "cancel_deadline_minutes": 120]
        let path = "/api/rooms/\(Self.room)/policy"
        #expect(try await server.request("PUT", path, json: policy).status == 401)
        #expect(try await server.request("PUT", path, json: policy, headers: asKoret).status == 403)
        #expect(try await server.request("PUT", path, json: ["approval": true, "cancel_deadline_minutes": -5], headers: asClerk).status == 400)
        #expect(try await server.request("PUT", "/api/rooms/no-such-room/policy", json: policy, headers: asClerk).status == 404)
        let set = try await server.request("PUT", path, json: policy, headers: asClerk)
        #expect(set.status == 200, "\(set.text)")
        let view = try #require(try set.json() as? [String: Any])
        #expect(view["id"] as? String == Self.room && view["approval"] as? Bool == true && view["cancel_deadline_minutes"] as? Int == 120)
        let after = try #require(try await server.get("/api/rooms", headers: asClerk).json() as? [[String: Any]])
        let changed = after.filter { $0["approval"] as? Bool == true }
        #expect(changed.count == 1 && changed.first?["id"] as? String == Self.room && changed.first?["cancel_deadline_minutes"] as? Int == 120)

        let audit = try #require(try await server.get("/api/audit", headers: asClerk).json() as? [[String: Any]])
        #expect(audit.count == 1)
        #expect(audit.first?["action"] as? String == "policy" && audit.first?["actor"] as? String == "clerk")
        #expect(audit.first?["room"] as? String == Self.room, "\(audit)")
    }

    static let season = "2027-08-16..2028-06-16"

    @Test("the allocation round from an uploaded CSV: clerks only; a dry run is the CLI's bytes and writes nothing; a commit writes it whole and both are audited")
    func allocationRound() async throws {
        let db = try ServerFixtures.sampleStore("serve-clerk-allocation")
        let koret = try ServerFixtures.token("koret", db: db), clerk = try ServerFixtures.token("clerk", db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let csv = try Data(contentsOf: TestSupport.sampleFile("applications.csv"))
        let asClerk = ["Authorization": "Bearer \(clerk)", "Content-Type": "text/csv"]
        func post(_ query: String, _ headers: [String: String], body: Data = csv) async throws -> RunningServer.Reply {
            try await server.request("POST", "/api/allocation?" + query, body: body, headers: headers)
        }
        #expect(try await post("season=\(Self.season)", ["Content-Type": "text/csv"]).status == 401)
        #expect(try await post("season=\(Self.season)", ["Authorization": "Bearer \(koret)", "Content-Type": "text/csv"]).status == 403)

        let expected = try ServerFixtures.cli(["allocate", "Data/applications.csv", "--season", Self.season, "--dry-run", "--format", "json"], db: db)
        let dry = try await post("season=\(Self.season)", asClerk)
        #expect(dry.status == 200, "\(dry.text)")
        #expect(dry.text == expected)
        #expect(dry.header("Overblik-Bookings-Written") == "0")
        #expect(try Self.storedBookings(db) == 0)

        let committed = try await post("season=\(Self.season)&commit=true", asClerk)
        #expect(committed.status == 200, "\(committed.text)")
        #expect(committed.text == expected)
        let result = try #require(try committed.json() as? [String: Any])
        let allocations = try #require(result["allocations"] as? [[String: Any]])
        let dates = allocations.reduce(0) { $0 + ((($1["dates"] as? [Any]) ?? []).count) }
        #expect(!allocations.isEmpty && dates > 0)
        #expect(committed.header("Overblik-Bookings-Written") == String(dates))
        #expect(try Self.storedBookings(db) == dates)

        let audit = try #require(try await server.get("/api/audit?limit=10000", headers: asClerk).json() as? [[String: Any]])
        let actions = audit.compactMap { $0["action"] as? String }
        #expect(actions.filter { $0 == "allocate" }.count == allocations.count)
        #expect(actions.contains("allocation-round") && actions.contains("allocation-dry-run"))
        #expect(audit.allSatisfy { $0["actor"] as? String == "clerk" })

        let past = try await post("season=2026-08-17..2027-06-18&commit=true", asClerk)
        #expect(past.status == 400 && past.text.contains("before today"), "\(past.text)")
        let broken = try await post("season=\(Self.season)", asClerk, body: Data("id,association\na1,Kor\n".utf8))
        #expect(broken.status == 400 && broken.text.contains("uploaded applications"), "\(broken.text)")
        #expect(try await post("season=2027-13-01..2028-01-01", asClerk).status == 400)
        #expect(try Self.storedBookings(db) == dates)
    }

    static func storedBookings(_ db: String) throws -> Int {
        let out = try ServerFixtures.cli(["bookings", "--format", "json"], db: db)
        return (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [Any])?.count ?? -1
    }
}
