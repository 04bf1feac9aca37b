import Foundation
import Testing
import TestSupport

/// The fixed parts of the service (DESIGN.md), against a real `overblik serve` on a loopback port.
@Suite("overblik serve: health, metrics, contract, near")
struct ServiceTests {
    @Test("healthz answers 200 on a readable store and metrics count the requests")
    func healthAndMetrics() async throws {
        let server = try RunningServer(database: try ServerFixtures.sampleStore("serve-health"))
        defer { server.stop() }
        let health = try await server.get("/healthz")
        #expect(health.status == 200)
        #expect(health.text.hasPrefix("ok"))
        _ = try await server.get("/api/near?at=9.9187,57.048&limit=1")
        let metrics = try await server.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        #expect(metrics.text.contains("overblik_http_requests_total{route=\"/api/near\",method=\"GET\",status=\"200\"} 1"))
        #expect(metrics.text.contains("overblik_http_request_duration_seconds_count{route=\"/api/near\"} 1"))
        #expect(metrics.text.contains("overblik_bookings_total{event=\"booked\"} 0"))
    }

    @Test("the OpenAPI document served is the committed file and names every route")
    func openAPIDocument() async throws {
        let server = try RunningServer(database: try ServerFixtures.sampleStore("serve-openapi"))
        defer { server.stop() }
        let reply = try await server.get("/openapi.json")
        #expect(reply.status == 200)
        let committed = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("Sources/OverblikServer/openapi.json"))
        #expect(reply.body == committed)
        let document = try #require(try reply.json() as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        for path in ["/healthz", "/metrics", "/api/near", "/api/places", "/api/bookings", "/api/bookings/{id}", "/api/requests",
                     "/api/requests/{id}/approve", "/api/login", "/api/rooms/{id}/free", "/api/audit", "/", "/api/coverage", "/api/gaps",
                     "/api/rooms", "/api/rooms/{id}/policy", "/api/allocation"] {
            #expect(paths[path] != nil, "missing \(path)")
        }
    }

    @Test("near over HTTP gives exactly the bytes of near --format json", arguments: [
        (["at": "9.9187,57.048"], ["9.9187,57.048"]),
        (["place": "Sebbersund", "limit": "3", "kind": "village_hall"], ["Sebbersund", "--limit", "3", "--kind", "village_hall"]),
        (["place": "Nibe", "within": "10km", "wheelchair": "yes", "capacity": "20"], ["Nibe", "--within", "10km", "--wheelchair", "yes", "--capacity", "20"]),
        (["at": "9.92,57.05", "free_at": "2027-03-02T19:00", "for": "2h", "limit": "5"], ["9.92,57.05", "--free-at", "2027-03-02T19:00", "--for", "2h", "--limit", "5"]),
    ])
    func nearMatchesCLI(query: [String: String], cli: [String]) async throws {
        let db = try ServerFixtures.sampleStore("serve-near")
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let queryString = query.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        let reply = try await server.get("/api/near?" + queryString)
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type") == "application/json")
        let expected = try ServerFixtures.cli(["near"] + cli + ["--format", "json"], db: db)
        #expect(reply.text == expected)
        #expect(!((try reply.json() as? [Any]) ?? []).isEmpty)
    }

    @Test("bad input gets RFC 9457 problem details with the right status", arguments: [
        ("/api/near", 400), ("/api/near?at=9.9,57.0&within=ten", 400), ("/api/near?place=Atlantis", 404),
        ("/api/near?at=9.9,57.0&kind=castle", 400), ("/api/near?at=9.9,57.0&limit=-1", 400), ("/api/near?at=200,57", 400),
        ("/api/near?at=9.9,57.0&frobnicate=1", 400), ("/api/near?at=9.9,57.0&by=car", 400), ("/api/places", 400),
        ("/api/rooms/nowhere/free?from=2027-03-02T08:00&to=2027-03-03T08:00", 404),
        ("/api/rooms/hasseris-bibliotek-moedelokale/free?from=2027-03-02&to=x", 400), ("/no/such/path", 404),
        ("/api/bookings?mine=true", 401), ("/api/requests", 401), ("/api/audit", 401), ("/api/me", 401),
    ])
    func problemDetails(path: String, status: Int) async throws {
        let server = try RunningServer(database: try ServerFixtures.sampleStore("serve-problems"))
        defer { server.stop() }
        let reply = try await server.get(path)
        #expect(reply.status == status)
        #expect(reply.header("Content-Type") == "application/problem+json")
        let problem = try #require(try reply.json() as? [String: Any])
        #expect(problem["status"] as? Int == status)
        #expect((problem["detail"] as? String)?.isEmpty == false)
        #expect(problem["title"] is String && problem["type"] is String)
        // The same bytes from every process: keys in sorted order, the type URI written as is.
        #expect(reply.text.hasPrefix("{\"detail\":"))
        #expect(reply.text.contains("\"status\":\(status),\"title\":"))
        #expect(reply.text.contains("\"type\":\"https://overblik.dk/problems/\(status)\"}"))
    }

    @Test("places fold diacritics and free time lists a room's free intervals")
    func placesAndFree() async throws {
        let server = try RunningServer(database: try ServerFixtures.sampleStore("serve-places"))
        defer { server.stop() }
        let places = try #require(try await server.get("/api/places?q=NOERRESUNDBY").json() as? [[String: Any]])
        #expect(places.first?["name"] as? String == "Nørresundby")
        let free = try await server.get("/api/rooms/hasseris-bibliotek-moedelokale/free?from=2027-03-02T00:00&to=2027-03-03T00:00")
        #expect(free.status == 200)
        let slots = try #require((try free.json() as? [String: Any])?["free"] as? [[String: Any]])
        #expect(slots.count == 1)
        #expect(slots.first?["start"] as? String == "2027-03-02T10:00")
        #expect(slots.first?["end"] as? String == "2027-03-02T19:00")
    }

    @Test("the web page has the search form and lists facilities with their ids")
    func webPage() async throws {
        let server = try RunningServer(database: try ServerFixtures.sampleStore("serve-web"))
        defer { server.stop() }
        let empty = try await server.get("/")
        #expect(empty.status == 200)
        #expect(empty.text.contains("<form role=\"search\""))
        #expect(empty.text.contains("name=\"q\""))
        let page = try await server.get("/?q=Sebbersund")
        #expect(page.text.contains("id=\"results\""))
        #expect(page.text.components(separatedBy: "data-facility-id=").count - 1 == 20, "the web app lists the 20 nearest")
        let hostile = try await server.get("/?q=%3Cscript%3E")
        #expect(hostile.status == 404)
        #expect(!hostile.text.contains("<script>"))
    }

    @Test("SIGTERM stops the server with status 0")
    func gracefulStop() async throws {
        let server = try RunningServer(database: try ServerFixtures.sampleStore("serve-stop"))
        #expect(try await server.get("/healthz").status == 200)
        #expect(server.stop() == 0)
    }
}
