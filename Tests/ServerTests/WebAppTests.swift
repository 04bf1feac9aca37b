import Foundation
import Testing
import TestSupport

/// The web app's pages, assets and the endpoints added for it (closures, calendar link), over HTTP
/// against the real server. The browser side is in ``WebAppBrowserTests``.
@Suite("The web app over HTTP")
struct WebAppTests {
    static let leafletInstalled = FileManager.default.fileExists(atPath: "/usr/share/javascript/leaflet/leaflet.min.js")

    @Test("every page is Danish by default, English with lang=en, and the find page answers its query on the server")
    func pages() async throws {
        let server = try RunningServer(database: try ServerFixtures.sampleStore("web-pages"))
        defer { server.stop() }
        for path in ["/", "/room/nibe-skole-aula", "/mine", "/desk", "/planner", "/login"] {
            let da = try await server.get(path)
            #expect(da.status == 200, "\(path)")
            #expect(da.header("Content-Type") == "text/html; charset=utf-8")
            #expect(da.text.contains("<html lang=\"da\">") && da.text.contains("<h1"), "\(path) is Danish with a heading")
            #expect(da.text.contains("byer: GeoNames (CC BY 4.0) &amp; &lt;sample&gt; (importeret "), "\(path) names its data sources, escaped")
            #expect(da.text.contains("lokaler: facilities.csv (importeret "), "\(path) names a source without attribution by its file")
            let en = try await server.get(path + "?lang=en")
            #expect(en.text.contains("<html lang=\"en\">"), "\(path)?lang=en is English")
        }
        // The room page carries its opening hours in the library's words, in the page language.
        let room = try await server.get("/room/nibe-skole-aula")
        #expect(room.text.contains("data-hours=\"mandag–torsdag kl. 17.00–22.00; helligdage: lukket; skoleferier: lukket; juli: lukket\""))
        let roomEN = try await server.get("/room/nibe-skole-aula?lang=en")
        #expect(roomEN.text.contains("data-hours=\"Monday–Thursday 17:00–22:00; public holidays: closed; school holidays: closed; July: closed\""))
        let found = try await server.get("/?q=Sebbersund&capacity=25&step_free=true&when=weekly&day=Tu&start=19:00&end=21:00&from=2027-01-05&to=2027-06-29&min_share=0.9")
        #expect(found.status == 200)
        #expect(found.text.contains("<form role=\"search\"") && found.text.contains("name=\"q\"") && found.text.contains("id=\"results\""))
        #expect(found.text.contains("data-facility-id=\"nibe-kulturhus\""))
        #expect(found.text.contains("value=\"Sebbersund\"") && found.text.contains("id=\"f-step_free\" name=\"step_free\" value=\"true\" checked"))
        let once = try await server.get("/?q=Nibe&when=once&free_at=2027-03-02T19:00&for=2h")
        #expect(once.status == 200 && once.text.contains("data-facility-id="), "one date and time is answered on the server too")
        let badTime = try await server.get("/?q=Nibe&when=once&free_at=someday")
        #expect(badTime.status == 400 && badTime.text.contains("free_at"), "a bad time is named in the page")
        let unknown = try await server.get("/?q=Atlantis")
        #expect(unknown.status == 404 && unknown.text.contains("role=\"alert\""))
    }

    @Test("the assets are embedded; Leaflet is served from Debian's folder and nothing else under it",
          .enabled(if: WebAppTests.leafletInstalled, "libjs-leaflet and libjs-leaflet.markercluster are not installed"))
    func assets() async throws {
        let server = try RunningServer(database: try ServerFixtures.sampleStore("web-assets"))
        defer { server.stop() }
        for (path, type) in [("/assets/find.js", "text/javascript; charset=utf-8"), ("/assets/app.css", "text/css; charset=utf-8"),
                             ("/vendor/leaflet/leaflet.min.js", "text/javascript; charset=utf-8"),
                             ("/vendor/leaflet/leaflet.markercluster.min.js", "text/javascript; charset=utf-8"),
                             ("/vendor/leaflet/images/marker-icon.png", "image/png")] {
            let reply = try await server.get(path)
            #expect(reply.status == 200 && reply.header("Content-Type") == type, "\(path)")
            #expect(!reply.body.isEmpty)
        }
        #expect(try await server.get("/assets/nothing.js").status == 404)
        #expect(try await server.get("/vendor/leaflet/leaflet.min.js.map").status == 404)
        #expect(try await server.get("/vendor/leaflet/..%2F..%2F..%2Fetc%2Fpasswd").status == 404)
    }

    @Test("without Debian's Leaflet the vendor files answer 404 and the find page still lists the results")
    func withoutLeaflet() async throws {
        let empty = try TestSupport.temporaryDirectory("no-javascript")
        let server = try RunningServer(database: try ServerFixtures.sampleStore("web-no-leaflet"),
                                       environment: ["OVERBLIK_JAVASCRIPT_DIR": empty.path])
        defer { server.stop() }
        let missing = try await server.get("/vendor/leaflet/leaflet.min.js")
        #expect(missing.status == 404 && missing.text.contains("libjs-leaflet"))
        let page = try await server.get("/?q=Sebbersund")
        #expect(page.status == 200 && page.text.contains("data-facility-id="))
    }

    @Test("tiles need their attribution, and the pages carry both")
    func tiles() async throws {
        let db = try ServerFixtures.sampleStore("web-tiles")
        let refused = try TestSupport.run(RunningServer.binary, ["serve", "--db", db, "--port", "0", "--tiles", "https://tiles.example/{z}/{x}/{y}.png"])
        #expect(refused.status != 0 && refused.stderr.contains("--tiles-attribution"))
        let server = try RunningServer(database: db, extraArguments: ["--tiles", "https://tiles.example/{z}/{x}/{y}.png",
                                                                      "--tiles-attribution", "© Example <contributors>"])
        defer { server.stop() }
        let page = try await server.get("/planner")
        #expect(page.text.contains("\"tiles\":\"https:\\/\\/tiles.example\\/{z}\\/{x}\\/{y}.png\"") || page.text.contains("\"tiles\":\"https://tiles.example/{z}/{x}/{y}.png\""))
        #expect(page.text.contains("© Example &lt;contributors&gt;"), "the footer names the tiles' source, escaped")
    }

    @Test("closures over HTTP are the clerk's: listed, added and removed, each change audited")
    func closures() async throws {
        let db = try ServerFixtures.sampleStore("web-closures")
        let clerk = ["Authorization": "Bearer \(try ServerFixtures.token("clerk", db: db))"]
        let koret = ["Authorization": "Bearer \(try ServerFixtures.token("koret", db: db))"]
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let body: [String: Any] = ["room": "nibe-skole-aula", "from": "2027-03-01T00:00", "to": "2027-03-08T00:00", "reason": "Valg"]
        #expect(try await server.request("POST", "/api/closures", json: body).status == 401)
        #expect(try await server.request("POST", "/api/closures", json: body, headers: koret).status == 403)
        #expect(try await server.request("GET", "/api/closures", headers: koret).status == 403)
        let added = try await server.request("POST", "/api/closures", json: body, headers: clerk)
        #expect(added.status == 201)
        let id = try #require((try added.json() as? [String: Any])?["id"] as? Int)
        let list = try #require(try await server.request("GET", "/api/closures", headers: clerk).json() as? [[String: Any]])
        #expect(list.count == 1 && list[0]["roomID"] as? String == "nibe-skole-aula" && list[0]["startLocal"] as? String == "2027-03-01T00:00")
        let season = try #require(try await server.get("/api/rooms/nibe-skole-aula/season?slot=Tu%2019:00-21:00&from=2027-02-23&to=2027-03-09").json() as? [String: Any])
        #expect(season["free"] as? Int == 2 && season["weeks"] as? Int == 3, "the closed Tuesday 2 March is not free")
        #expect(try await server.request("POST", "/api/closures", json: ["room": "nowhere", "from": "2027-03-01"], headers: clerk).status == 404)
        #expect(try await server.request("POST", "/api/closures", json: ["room": "nibe-skole-aula", "from": "someday"], headers: clerk).status == 400)
        #expect(try await server.request("DELETE", "/api/closures/\(id)", headers: koret).status == 403)
        #expect(try await server.request("DELETE", "/api/closures/\(id)", headers: clerk).status == 204)
        #expect(try await server.request("DELETE", "/api/closures/\(id)", headers: clerk).status == 404)
        let audit = try #require(try await server.request("GET", "/api/audit", headers: clerk).json() as? [[String: Any]])
        #expect(audit.compactMap { $0["action"] as? String }.prefix(2) == ["reopen", "close"])
        #expect(audit.allSatisfy { $0["actor"] as? String == "clerk" })
    }

    @Test("an association gets a private calendar link of its own bookings")
    func calendarLink() async throws {
        let db = try ServerFixtures.sampleStore("web-calendar")
        let server = try RunningServer(database: db)
        defer { server.stop() }
        #expect(try await server.request("POST", "/api/calendar-link").status == 401)
        let koret = ["Authorization": "Bearer \(try ServerFixtures.token("koret", db: db))"]
        let link = try await server.request("POST", "/api/calendar-link", headers: koret)
        #expect(link.status == 201)
        let url = try #require((try link.json() as? [String: Any])?["url"] as? String)
        let feed = try await server.get(url)
        #expect(feed.status == 200 && feed.text.hasPrefix("BEGIN:VCALENDAR"))
    }
}
