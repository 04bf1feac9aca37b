import Foundation
import Testing
import TestSupport

/// Accounts, roles, sessions with CSRF, booking requests and the audit log, over real HTTP.
@Suite("overblik serve: accounts and bookings")
struct BookingServiceTests {
    static let room = "hasseris-bibliotek-moedelokale"

    static func booking(start: String = "2027-03-02T15:00", end: String = "2027-03-02T17:00") -> [String: Any] {
        ["room": room, "start": start, "end": end, "activity": "adults"]
    }

    @Test("a booking needs a login, conflicts give 409, and the past is refused")
    func bookingStatuses() async throws {
        let db = try ServerFixtures.sampleStore("serve-book")
        let koret = try ServerFixtures.token("koret", db: db), klubben = try ServerFixtures.token("klubben", db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        #expect(try await server.request("POST", "/api/bookings", json: Self.booking()).status == 401)
        let made = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Authorization": "Bearer \(koret)"])
        #expect(made.status == 201)
        let outcome = try #require(try made.json() as? [String: Any])
        #expect(outcome["status"] as? String == "booked")
        let bookings = try #require(outcome["bookings"] as? [[String: Any]])
        #expect(bookings.first?["holder"] as? String == "Sebbersund Kor")
        let clash = try await server.request("POST", "/api/bookings", json: Self.booking(start: "2027-03-02T16:00", end: "2027-03-02T18:00"),
                                             headers: ["Authorization": "Bearer \(klubben)"])
        #expect(clash.status == 409)
        #expect(clash.header("Content-Type") == "application/problem+json")
        let past = try await server.request("POST", "/api/bookings", json: Self.booking(start: "2025-03-04T15:00", end: "2025-03-04T17:00"),
                                            headers: ["Authorization": "Bearer \(koret)"])
        #expect(past.status == 400)
        #expect(past.text.contains("past"))
        let bad = try await server.request("POST", "/api/bookings", json: ["room": Self.room], headers: ["Authorization": "Bearer \(koret)"])
        #expect(bad.status == 400)
        let wrongToken = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Authorization": "Bearer nonsense"])
        #expect(wrongToken.status == 401)
        let metrics = try await server.get("/metrics")
        #expect(metrics.text.contains("overblik_bookings_total{event=\"booked\"} 1"))
        #expect(metrics.text.contains("overblik_bookings_total{event=\"conflict\"} 1"))
    }

    @Test("anonymous callers and other associations see busy times without names; the holder and clerks see them")
    func privacy() async throws {
        let db = try ServerFixtures.sampleStore("serve-privacy")
        let koret = try ServerFixtures.token("koret", db: db), klubben = try ServerFixtures.token("klubben", db: db)
        let clerk = try ServerFixtures.token("clerk", db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        #expect(try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Authorization": "Bearer \(koret)"]).status == 201)
        let path = "/api/bookings?room=\(Self.room)"
        for (label, headers) in [("anonymous", [String: String]()), ("another association", ["Authorization": "Bearer \(klubben)"])] {
            let reply = try await server.get(path, headers: headers)
            #expect(reply.status == 200, "\(label)")
            #expect(!reply.text.contains("Sebbersund"), "\(label) saw the holder")
            let rows = try #require(try reply.json() as? [[String: Any]])
            #expect(rows.count == 1 && rows[0]["busy"] as? Bool == true && rows[0]["holder"] == nil && rows[0]["id"] == nil, "\(label)")
        }
        for headers in [["Authorization": "Bearer \(koret)"], ["Authorization": "Bearer \(clerk)"]] {
            #expect(try await server.get(path, headers: headers).text.contains("Sebbersund Kor"))
        }
        let mine = try #require(try await server.get("/api/bookings?mine=true", headers: ["Authorization": "Bearer \(klubben)"]).json() as? [Any])
        #expect(mine.isEmpty)
        let clash = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Authorization": "Bearer \(klubben)"])
        #expect(clash.status == 409)
        #expect(!clash.text.contains("Sebbersund"), "a conflict message named another association")
    }

    @Test("an association cancels only its own bookings; a clerk cancels any; every action is audited")
    func cancelAndAudit() async throws {
        let db = try ServerFixtures.sampleStore("serve-cancel")
        let koret = try ServerFixtures.token("koret", db: db), klubben = try ServerFixtures.token("klubben", db: db)
        let clerk = try ServerFixtures.token("clerk", db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let made = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Authorization": "Bearer \(koret)"])
        let id = try #require(((try made.json() as? [String: Any])?["bookings"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(try await server.request("DELETE", "/api/bookings/\(id)", headers: ["Authorization": "Bearer \(klubben)"]).status == 403)
        #expect(try await server.request("DELETE", "/api/bookings/\(id)").status == 401)
        #expect(try await server.request("DELETE", "/api/bookings/\(id)", headers: ["Authorization": "Bearer \(koret)"]).status == 200)
        #expect(try await server.request("DELETE", "/api/bookings/\(id)", headers: ["Authorization": "Bearer \(koret)"]).status == 404)
        let again = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Authorization": "Bearer \(koret)"])
        let second = try #require(((try again.json() as? [String: Any])?["bookings"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(try await server.request("DELETE", "/api/bookings/\(second)", headers: ["Authorization": "Bearer \(clerk)"]).status == 200)
        #expect(try await server.get("/api/audit", headers: ["Authorization": "Bearer \(koret)"]).status == 403)
        let audit = try #require(try await server.get("/api/audit", headers: ["Authorization": "Bearer \(clerk)"]).json() as? [[String: Any]])
        #expect(audit.map { $0["action"] as? String } == ["cancel", "book", "cancel", "book"])
        #expect(audit.map { $0["actor"] as? String } == ["clerk", "koret", "koret", "koret"])
    }

    @Test("a room on approval takes requests that hold nothing until a clerk approves, with conflicts re-checked")
    func approvalFlow() async throws {
        let db = try ServerFixtures.sampleStore("serve-approval")
        let koret = try ServerFixtures.token("koret", db: db), klubben = try ServerFixtures.token("klubben", db: db)
        let clerk = try ServerFixtures.token("clerk", db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        #expect(try await server.request("PUT", "/api/rooms/\(Self.room)/policy", json: ["approval": true], headers: ["Authorization": "Bearer \(koret)"]).status == 403)
        #expect(try await server.request("PUT", "/api/rooms/\(Self.room)/policy", json: ["approval": true], headers: ["Authorization": "Bearer \(clerk)"]).status == 200)
        let first = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Authorization": "Bearer \(koret)"])
        let second = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Authorization": "Bearer \(klubben)"])
        #expect(first.status == 201 && second.status == 201)
        let firstID = try #require(((try first.json() as? [String: Any])?["request"] as? [String: Any])?["id"] as? Int)
        let secondID = try #require(((try second.json() as? [String: Any])?["request"] as? [String: Any])?["id"] as? Int)
        #expect(try #require(try await server.get("/api/bookings?room=\(Self.room)").json() as? [Any]).isEmpty, "a request held the room")
        let own = try #require(try await server.get("/api/requests", headers: ["Authorization": "Bearer \(klubben)"]).json() as? [[String: Any]])
        #expect(own.count == 1 && own[0]["holder"] as? String == "Skakklubben")
        #expect(try await server.request("POST", "/api/requests/\(firstID)/approve", headers: ["Authorization": "Bearer \(koret)"]).status == 403)
        let approved = try await server.request("POST", "/api/requests/\(firstID)/approve", headers: ["Authorization": "Bearer \(clerk)"])
        #expect(approved.status == 200)
        #expect((try approved.json() as? [String: Any])?["status"] as? String == "approved")
        let refused = try await server.request("POST", "/api/requests/\(secondID)/approve", headers: ["Authorization": "Bearer \(clerk)"])
        #expect(refused.status == 409)
        #expect(try await server.request("POST", "/api/requests/\(secondID)/reject", json: ["note": "taken"], headers: ["Authorization": "Bearer \(clerk)"]).status == 200)
        let busy = try #require(try await server.get("/api/bookings?room=\(Self.room)").json() as? [Any])
        #expect(busy.count == 1)
    }

    @Test("a browser session needs the CSRF token on unsafe requests and failed logins are rate limited")
    func sessionsAndCSRF() async throws {
        let db = try ServerFixtures.sampleStore("serve-session")
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let login = try await server.request("POST", "/api/login", json: ["name": "koret", "password": "korets-kodeord"])
        #expect(login.status == 200)
        let cookieHeader = try #require(login.header("Set-Cookie"))
        #expect(cookieHeader.contains("HttpOnly") && cookieHeader.contains("SameSite=Strict"))
        let cookie = try #require(cookieHeader.split(separator: ";").first.map(String.init))
        let csrf = try #require((try login.json() as? [String: Any])?["csrf_token"] as? String)
        #expect(try await server.get("/api/me", headers: ["Cookie": cookie]).status == 200)
        let forged = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Cookie": cookie])
        #expect(forged.status == 403)
        let wrong = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Cookie": cookie, "X-CSRF-Token": "x" + csrf])
        #expect(wrong.status == 403)
        let made = try await server.request("POST", "/api/bookings", json: Self.booking(), headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
        #expect(made.status == 201)
        #expect(try await server.request("POST", "/api/logout", headers: ["Cookie": cookie, "X-CSRF-Token": csrf]).status == 204)
        #expect(try await server.get("/api/me", headers: ["Cookie": cookie]).status == 401)
        var statuses: [Int] = []
        for _ in 0..<6 {
            statuses.append(try await server.request("POST", "/api/login", json: ["name": "klubben", "password": "wrong-guess"]).status)
        }
        #expect(statuses == [401, 401, 401, 401, 401, 429])
        let limited = try await server.request("POST", "/api/login", json: ["name": "klubben", "password": "klubbens-kodeord"])
        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") != nil)
    }
}
