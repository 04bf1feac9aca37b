import Foundation
import Overblik

/// The tile layer the web app's maps draw, if any (`overblik serve --tiles URL --tiles-attribution TEXT`).
struct WebMapSettings: Sendable {
    var tiles: String?
    var attribution: String?
}

/// The frame every page of the web app shares: `lang`, a skip link, the header with the navigation and
/// the language switch, `main`, the footer with the data sources, and the page's ES module. The page
/// language is Danish unless the address says `lang=en`; the modules read it from `<html lang>`.
struct WebShell {
    /// `da` or `en`.
    let lang: String
    /// The request's query parameters (kept by the language switch).
    let query: [String: String]
    let path: String
    let map: WebMapSettings
    /// The store's recorded data sources, named in the footer.
    let sources: [DataSource]

    init(query: [String: String], path: String, map: WebMapSettings, sources: [DataSource]) {
        self.sources = sources
        lang = query["lang"] == "en" ? "en" : "da"
        self.query = query
        self.path = path
        self.map = map
    }

    /// Danish or English text, by the page language.
    func t(_ da: String, _ en: String) -> String { lang == "en" ? en : da }

    /// The whole page around `main`, loading `/assets/<module>.js`.
    func page(title: String, module: String, main: String) -> String {
        let nav: [(String, String, String)] = [("/", "Find et lokale", "Find a room"), ("/mine", "Mine bookinger", "My bookings"),
                                             ("/desk", "Sagsbehandler", "Clerk's desk"), ("/planner", "Planlægning", "Planner's map")]
        let links = nav.map { href, da, en in
            "<li><a href=\"\(href)\(lang == "en" ? "?lang=en" : "")\"\(href == path ? " aria-current=\"page\"" : "")>\(t(da, en))</a></li>"
        }.joined()
        var switched = query
        switched["lang"] = lang == "en" ? "da" : "en"
        let switchHref = path + "?" + Self.queryString(switched)
        let kinds = PageWords.kinds.map { "\(Self.jsonString($0.kind)):\(Self.jsonString(t($0.danish, $0.english)))" }.joined(separator: ",")
        let config = "{\"tiles\":\(Self.jsonString(map.tiles)),\"tilesAttribution\":\(Self.jsonString(map.attribution)),\"kinds\":{\(kinds)}}"
        return """
        <!doctype html>
        <html lang="\(lang)">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title)) · Overblik</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/assets/app.css">
        <script type="application/json" id="overblik-config">\(config.replacingOccurrences(of: "<", with: "\\u003c"))</script>
        <script type="module" src="/assets/\(module).js"></script>
        </head>
        <body>
        <a class="skip" href="#main">\(t("Gå til indholdet", "Skip to content"))</a>
        <header class="site">
        <p class="brand"><a href="/\(lang == "en" ? "?lang=en" : "")">Overblik</a></p>
        <nav aria-label="\(t("Hovedmenu", "Main menu"))"><ul>\(links)</ul></nav>
        <p class="tools"><span id="account"></span>
        <a href="\(Self.escape(switchHref))" lang="\(lang == "en" ? "da" : "en")" hreflang="\(lang == "en" ? "da" : "en")">\(t("English", "Dansk"))</a></p>
        </header>
        <main id="main" tabindex="-1">
        <noscript><p class="notice">\(t("Siden virker bedst med JavaScript; søgningen og listen virker også uden.", "The page works best with JavaScript; the search and the list also work without it."))</p></noscript>
        \(main)
        </main>
        <footer class="site"><p id="attribution">\(t("Data", "Data")): \(Self.escape(PageWords.attribution(sources, english: lang == "en")))\(map.attribution.map { "; \(t("kortbaggrund", "map tiles")): \(Self.escape($0))" } ?? "").</p></footer>
        </body></html>
        """
    }

    static func queryString(_ parameters: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return parameters.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    static func jsonString(_ text: String?) -> String {
        guard let text, let data = try? JSONSerialization.data(withJSONObject: [text]) else { return "null" }
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
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
