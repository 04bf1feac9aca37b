import Foundation
import Hummingbird
import Overblik

/// The web app at `/`: a find form (`form[role=search]`, input `q`) answered on the server, results
/// in `#results`, one `li` per facility carrying `data-facility-id`. Plain HTML that works without
/// JavaScript and with a screen reader; the full app is its own issue.
struct WebPage {
    let pool: StorePool

    func register(on router: Router<ServerContext>) {
        router.get("/", use: page)
    }

    @Sendable func page(_ request: Request, context: ServerContext) async throws -> Response {
        var results = ""
        var status: HTTPResponse.Status = .ok
        var asked = ""
        do { asked = try HTTP.query(request)["q"]?.trimmingCharacters(in: .whitespaces) ?? "" } catch {
            status = .badRequest
            results = "<p role=\"alert\">\(Self.escape(String(describing: error)))</p>"
        }
        let q = asked
        if !q.isEmpty {
            do {
                let answer = try await pool.read { try $0.near(NearParameters(["place": q, "limit": "10"])) }
                results = Self.render(answer)
            } catch let error as OverblikError {
                status = { if case .notFound = error { return .notFound }; return .badRequest }()
                results = "<p role=\"alert\">\(Self.escape(error.description))</p>"
            }
        }
        let html = """
        <!doctype html>
        <html lang="da">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Overblik: find a room</title>
        <style>body{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem}
        label{display:block;font-weight:600}input,button{font-size:1rem;padding:.4rem}li{margin:.5rem 0}</style></head>
        <body>
        <header><h1>Overblik</h1><p>Rooms for associations: find the nearest free premises.</p></header>
        <main>
        <form role="search" method="get" action="/" aria-label="Find facilities near a place">
        <label for="q">Place (town, village, facility id or LON,LAT)</label>
        <input id="q" name="q" type="search" value="\(Self.escape(q))" autocomplete="off" required>
        <button type="submit">Find</button>
        </form>
        <section aria-live="polite" aria-labelledby="results-heading">
        <h2 id="results-heading">Results</h2>
        <div id="results">\(results)</div>
        </section>
        </main>
        </body></html>
        """
        return HTTP.text(html, contentType: "text/html; charset=utf-8", status: status)
    }

    static func render(_ answer: NearAnswer) -> String {
        guard !answer.hits.isEmpty else { return "<p>No facility found near \(escape(answer.place.name)).</p>" }
        var out = "<ol>"
        for hit in answer.hits {
            let km = String(format: "%.1f km", hit.distanceM / 1000)
            let rooms = hit.rooms.map { r in r.capacity.map { "\(r.name) (\($0))" } ?? r.name }.joined(separator: ", ")
            out += "<li data-facility-id=\"\(escape(hit.id))\"><strong>\(escape(hit.name))</strong> (\(escape(hit.kind)), \(km))"
            out += "<br>Wheelchair: \(escape(hit.wheelchair))"
            if !rooms.isEmpty { out += "; rooms: \(escape(rooms))" }
            if let contact = hit.bookingURL ?? hit.email ?? hit.phone { out += "<br>Contact: \(escape(contact))" }
            out += "</li>"
        }
        return out + "</ol>"
    }

    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
