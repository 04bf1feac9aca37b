import Foundation
import Testing
import TestSupport

/// The web map survives any text (issue 14, item 1): names that try to end or comment out the
/// page's script element still give one rendered marker per facility.
@Suite("The web map draws every marker whatever the names say")
struct HostileMapCLITests {
    static let chromium = TestSupport.which("chromium") ?? TestSupport.which("chromium-browser")
    static let leaflet = "/usr/share/javascript/leaflet"
    static var canRender: Bool { chromium != nil && FileManager.default.fileExists(atPath: "\(leaflet)/leaflet.js") }

    /// Names aimed at the HTML parser's script states and at the JavaScript around the data. (No
    /// "-->": after `<!--<script>` it would end the escaped state again and hide the attack.)
    static let hostileNames = [
        "<!--<script>", "</script><script>document.body.innerHTML=''</script>", "<!--", "<script>",
        "</SCRIPT >", "]]>", "<![CDATA[", "a & b &amp; &lt;", "\u{2028}line\u{2029}", "\\\"); throw 1; (\"",
        "${alert(1)}`", "<img src=x onerror=alert(1)>", "'; DROP TABLE facilities; --", "\u{1B}[2J\u{07}",
    ]

    @Test("hostile facility names render one marker each in headless Chromium",
          .enabled(if: canRender, "needs chromium and libjs-leaflet (Tools/setup.sh installs them)"))
    func everyMarkerDrawn() throws {
        let dir = try TestSupport.temporaryDirectory("hostilemap")
        let db = dir.appendingPathComponent("m.sqlite").path
        let csv = dir.appendingPathComponent("f.csv")
        var text = "id,name,kind,lon,lat,address,contact_name\n"
        for (i, name) in Self.hostileNames.enumerated() {
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += "h\(i),\(quoted),village_hall,\(9.6 + Double(i) * 0.01),57.0,\(quoted),\(quoted)\n"
        }
        try Data(text.utf8).write(to: csv)
        let imported = try CLI.run(["import", "facilities", csv.path], db: db)
        #expect(imported.status == 0, "\(imported.stderr)")
        let page = dir.appendingPathComponent("map.html")
        let r = try CLI.run(["map", "--out", page.path, "--leaflet", Self.leaflet, "--tiles", "none",
                             "--title", "</title><script>x</script>", "--now", "2026-12-01T17:00"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains("<!--<script>"), "a hostile name reached the page unescaped")
        let dom = try TestSupport.run(try #require(Self.chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
            "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--virtual-time-budget=5000",
            "--window-size=1000,800", "--dump-dom", page.absoluteString])
        #expect(dom.status == 0, "\(dom.stderr.suffix(500))")
        let markers = try NSRegularExpression(pattern: "<path[^>]*class=\"[^\"]*\\boverblik-facility\\b").numberOfMatches(
            in: dom.stdout, range: NSRange(dom.stdout.startIndex..., in: dom.stdout))
        #expect(markers == Self.hostileNames.count, "expected \(Self.hostileNames.count) markers, found \(markers)")
    }
}
