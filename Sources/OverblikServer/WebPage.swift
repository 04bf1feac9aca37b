import Foundation
import Hummingbird
import Overblik

/// The web app's pages: find a room (`/`), a room (`/room/{id}`), my bookings (`/mine`), the clerk's
/// desk (`/desk`), the planner's map (`/planner`) and the login (`/login`). The server writes each
/// page's frame and form in the page language; the ES modules fill in what they fetch from `/api`.
/// The find page answers its query on the server too (`form[role=search]`, input `q`, results in
/// `#results`, one `li` per facility carrying `data-facility-id`), so the list works without JavaScript
/// and without the map.
struct WebPage {
    let pool: StorePool
    let map: WebMapSettings

    func register(on router: Router<ServerContext>) {
        router.get("/", use: find)
        router.get("room/:id") { request, context in
            let roomID = context.parameters.get("id") ?? ""
            let english = (try? HTTP.query(request))?["lang"] == "en"
            // The opening hours in words come from the library (an unknown room says so on the page).
            let hours = (try? await pool.read { try $0.hoursInWords(roomID: roomID, english: english) }) ?? nil
            return try await page(request, title: ("Lokale", "Room"), module: "room") { shell in
                let id = WebShell.escape(roomID)
                return """
                <div id="room" data-room-id="\(id)" data-hours="\(WebShell.escape(hours ?? ""))"><h1 id="room-title">\(shell.t("Lokale", "Room")) \(id)</h1>
                <p id="status" role="status" aria-live="polite"></p></div>
                """
            }
        }
        router.get("mine") { request, _ in
            try await page(request, title: ("Mine bookinger", "My bookings"), module: "mine") { shell in
                "<h1>\(shell.t("Mine bookinger", "My bookings"))</h1><p id=\"status\" role=\"status\" aria-live=\"polite\"></p><div id=\"mine\"></div>"
            }
        }
        router.get("desk") { request, _ in
            try await page(request, title: ("Sagsbehandler", "Clerk's desk"), module: "desk") { shell in
                "<h1>\(shell.t("Sagsbehandlerens skrivebord", "The clerk's desk"))</h1><p id=\"status\" role=\"status\" aria-live=\"polite\"></p><div id=\"desk\"></div>"
            }
        }
        router.get("planner") { request, _ in
            let classification = try await pool.read { try $0.ogcCoverageClassification() }
            let classes = MapStyle.shareClasses.map { "[\($0.from),\(WebShell.jsonString($0.color))]" }.joined(separator: ",")
            let legend = "{\"source\":{\"da\":\(WebShell.jsonString(classification?.danishSummary)),\"en\":\(WebShell.jsonString(classification?.summary))},"
                + "\"classes\":[\(classes)],\"noResidents\":\(WebShell.jsonString(MapStyle.noResidents))}"
            return try await page(request, title: ("Planlægning", "Planner's map"), module: "planner") { shell in
                """
                <script type="application/json" id="legend">\(legend.replacingOccurrences(of: "<", with: "\\u003c"))</script>
                <h1>\(shell.t("Dækning og huller", "Coverage and gaps"))</h1><p id="status" role="status" aria-live="polite"></p>
                <div class="split"><div id="map" class="map" role="region" aria-label="\(shell.t("Kort over dækningen", "Map of the coverage"))"></div>
                <div id="planner"></div></div>
                """
            }
        }
        router.get("login") { request, _ in
            try await page(request, title: ("Log ind", "Log in"), module: "common") { shell in
                """
                <h1>\(shell.t("Log ind", "Log in"))</h1>
                <form id="login" class="card" method="post" action="/api/login">
                <div class="field"><label for="login-name">\(shell.t("Brugernavn", "User name"))</label>
                <input id="login-name" name="name" autocomplete="username" required></div>
                <div class="field"><label for="login-password">\(shell.t("Adgangskode", "Password"))</label>
                <input id="login-password" name="password" type="password" autocomplete="current-password" required></div>
                <button type="submit">\(shell.t("Log ind", "Log in"))</button>
                <p id="status" role="status" aria-live="polite"></p>
                </form>
                """
            }
        }
    }

    func page(_ request: Request, title: (String, String), module: String, main: (WebShell) -> String) async throws -> Response {
        let shell = WebShell(query: (try? HTTP.query(request)) ?? [:], path: request.uri.path, map: map, sources: try await sources())
        return HTTP.text(shell.page(title: shell.t(title.0, title.1), module: module, main: main(shell)), contentType: "text/html; charset=utf-8")
    }

    /// The recorded data sources, for the footer of every page.
    func sources() async throws -> [DataSource] {
        try await pool.read { try $0.dataSources() }
    }

    @Sendable func find(_ request: Request, context: ServerContext) async throws -> Response {
        var results = ""
        var status: HTTPResponse.Status = .ok
        var query: [String: String] = [:]
        do { query = try HTTP.query(request) } catch {
            status = .badRequest
            results = "<p role=\"alert\">\(WebShell.escape(String(describing: error)))</p>"
        }
        let shell = WebShell(query: query, path: "/", map: map, sources: try await sources())
        let form = FindForm(values: query)
        if status == .ok, let parameters = form.nearParameters() {
            do {
                let answer = try await pool.read { try $0.near(NearParameters(parameters)) }
                results = Self.render(answer, shell: shell)
            } catch let error as OverblikError {
                status = { if case .notFound = error { return .notFound }; return .badRequest }()
                results = "<p role=\"alert\">\(WebShell.escape(error.description))</p>"
            }
        }
        let main = """
        <h1>\(shell.t("Find et lokale", "Find a room"))</h1>
        <p class="to-results"><a href="#results-heading">\(shell.t("Gå til resultaterne", "Go to the results"))</a></p>
        <div class="find-layout">
        \(form.html(shell))
        <section class="list" aria-labelledby="results-heading">
        <h2 id="results-heading" tabindex="-1">\(shell.t("Resultater", "Results"))</h2>
        <p id="status" role="status" aria-live="polite"></p>
        <div id="results">\(results)</div>
        </section>
        <div id="map" class="map" role="region" aria-label="\(shell.t("Kort over resultaterne (listen viser de samme)", "Map of the results (the list shows the same)"))"></div>
        </div>
        """
        return HTTP.text(shell.page(title: shell.t("Find et lokale", "Find a room"), module: "find", main: main),
                         contentType: "text/html; charset=utf-8", status: status)
    }

    /// The answer as the no-JavaScript list (the module replaces it with the same list, richer).
    static func render(_ answer: NearAnswer, shell: WebShell) -> String {
        guard !answer.hits.isEmpty else { return "<p>\(shell.t("Intet lokale fundet nær", "No room found near")) \(WebShell.escape(answer.place.name)).</p>" }
        var out = "<ol class=\"results\">"
        for hit in answer.hits {
            let km = String(format: "%.1f km", hit.distanceM / 1000)
            out += "<li data-facility-id=\"\(WebShell.escape(hit.id))\"><h3>\(WebShell.escape(hit.name))</h3><p>\(km)"
            let kind = PageWords.kinds.first { $0.kind == hit.kind }.map { shell.t($0.danish, $0.english) } ?? hit.kind
            out += ", \(WebShell.escape(kind))</p><ul>"
            for room in hit.rooms {
                out += "<li><a href=\"/room/\(WebShell.escape(room.id))\">\(WebShell.escape(room.name))</a>"
                if let capacity = room.capacity { out += " (\(capacity) \(shell.t("pers.", "people")))" }
                out += "</li>"
            }
            out += "</ul></li>"
        }
        return out + "</ol>"
    }
}
