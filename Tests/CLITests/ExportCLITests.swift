import Foundation
import Testing
import TestSupport

/// `overblik export` and `overblik map` end to end: GDAL reads every layer, the output is strict
/// RFC 7946, and headless Chromium renders the offline map.
@Suite("overblik export and map")
struct ExportCLITests {
    static let now = "2026-12-01T17:30"

    /// Exports a layer of the sample store to a file and returns its path and text.
    static func export(_ db: String, _ layer: String, _ extra: [String] = [], name: String) throws -> (path: String, text: String) {
        let path = try TestSupport.temporaryDirectory("export").appendingPathComponent(name).path
        let r = try CLI.run(["export", layer, "--now", now, "--out", path] + extra, db: db)
        guard r.status == 0 else { throw CLI.CLIFailure(arguments: ["export", layer] + extra, result: r) }
        return (path, try String(contentsOfFile: path, encoding: .utf8))
    }

    static func info(_ db: String) throws -> [String: Any] {
        let r = try CLI.run(["info", "--format", "json"], db: db)
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("ogrinfo reads every exported layer with the expected feature count and fields",
          .enabled(if: TestSupport.hasTool("ogrinfo"), "ogrinfo (gdal-bin) is not installed"),
          arguments: [("facilities", false), ("facilities", true), ("districts", false), ("districts", true),
                      ("coverage", false), ("gaps", true)])
    func ogrinfoReadsLayers(layer: String, sequence: Bool) throws {
        let ogrinfo = try #require(TestSupport.which("ogrinfo"))
        let db = try CLI.sampleStore("ogr-\(layer)")
        let counts = try Self.info(db)
        let expected: Int
        if layer == "gaps" {
            let gaps = try CLI.run(["export", "gaps"], db: db)
            expected = try #require(try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [String: Any])["features"]
                .flatMap { $0 as? [Any] }?.count ?? -1
            #expect(expected > 0, "the sample has settlements beyond 5 km of any facility")
        } else {
            expected = try #require(counts[layer == "coverage" ? "districts" : layer] as? Int)
        }
        let file = try Self.export(db, layer, sequence ? ["--seq"] : [], name: sequence ? "\(layer).geojsons" : "\(layer).geojson")
        let r = try TestSupport.run(ogrinfo, ["-ro", "-al", "-so", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Feature Count: \(expected)"), "\(r.stdout)")
        let fields = layer == "facilities"
            ? ["id: String", "name: String", "kind: String", "room_count: Integer", "max_capacity: Integer", "rooms: String",
               "wheelchair: String", "toilets_wheelchair: String", "step_free: String", "hearing_loop: String",
               "parking_accessible: String", "god_adgang: String", "checked:", "opening_hours: String", "open_now:",
               "next_free_start:", "contact_name: String", "phone:", "email: String", "booking_url: String"]
            : layer == "gaps"
            ? ["id: String", "name: String", "population: ", "rural:", "district: String", "nearest_facility: String",
               "distance_m: ", "threshold_m: ", "score: "]
            : ["code: String", "name: String", "rural:", "area_km2: Real", "facilities: Integer"]
              + (layer == "coverage" ? ["population: ", "covered_5km: ", "share_5km: ", "median_m: ", "p90_m: "] : [])
        for field in fields { #expect(r.stdout.contains(field), "ogrinfo does not list \(field):\n\(r.stdout)") }
        #expect(r.stdout.contains(layer == "facilities" || layer == "gaps" ? "Geometry: Point" : "Polygon"))
    }

    @Test("every exported layer passes the strict RFC 7946 check, at the default and at a chosen precision",
          arguments: ["facilities", "districts", "coverage", "gaps"])
    func strictRFC7946(layer: String) throws {
        let db = try CLI.sampleStore("rfc-\(layer)")
        for (precision, extra) in [(6, ["--bbox"]), (4, ["--precision", "4", "--style"])] {
            let collection = try Self.export(db, layer, extra, name: "\(layer).geojson")
            var checker = RFC7946Checker(precision: precision)
            checker.check(collectionText: collection.text)
            #expect(checker.problems.isEmpty, "\(checker.problems.prefix(5))")
            let sequence = try Self.export(db, layer, extra + ["--seq"], name: "\(layer).geojsons")
            var seqChecker = RFC7946Checker(precision: precision)
            seqChecker.check(sequenceText: sequence.text)
            #expect(seqChecker.problems.isEmpty, "\(seqChecker.problems.prefix(5))")
            #expect(RFC7946Checker.featureCount(sequence.text) == RFC7946Checker.featureCount(collection.text))
        }
    }

    @Test("export writes to standard output by default; bad options exit 2")
    func stdoutAndRefusals() throws {
        let db = try CLI.sampleStore("stdout")
        let r = try CLI.run(["export", "facilities", "--kind", "library", "--now", Self.now, "--id-field", "index"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let features = try #require(object["features"] as? [[String: Any]])
        #expect(!features.isEmpty)
        #expect(features.allSatisfy { ($0["properties"] as? [String: Any])?["kind"] as? String == "library" })
        #expect(features.first?["id"] as? Int == 1)
        #expect(try CLI.run(["export", "facilities", "--precision", "16"], db: db).status == 2)
        #expect(try CLI.run(["export", "facilities", "--now", "tomorrow"], db: db).status == 2)
        #expect(try CLI.run(["export", "coverage", "--within", "5km", "--rural-within", "3km"], db: db).status == 2)
    }

    @Test("export and map --help show examples")
    func helpExamples() throws {
        for command in ["export", "map"] {
            let r = try CLI.run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Examples:"), "\(command) --help has no examples")
        }
    }

    @Test("headless Chromium renders the offline map with one marker per facility and a non-blank screenshot",
          .enabled(if: HostileMapCLITests.canRender, "needs chromium and libjs-leaflet (Tools/setup.sh installs them)"))
    func mapRendersOffline() throws {
        let chromium = try #require(HostileMapCLITests.chromium)
        let leaflet = HostileMapCLITests.leaflet
        let db = try CLI.sampleStore("map")
        let facilities = try #require(try Self.info(db)["facilities"] as? Int)
        let dir = try TestSupport.temporaryDirectory("map")
        let page = dir.appendingPathComponent("map.html")
        let r = try CLI.run(["map", "--out", page.path, "--leaflet", leaflet, "--tiles", "none", "--now", Self.now], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains("unpkg.com"), "the offline page must not load Leaflet from the network")
        let profile = dir.appendingPathComponent("profile").path
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                      "--user-data-dir=\(profile)", "--virtual-time-budget=5000", "--window-size=1000,800"]
        let dom = try TestSupport.run(chromium, common + ["--dump-dom", page.absoluteString])
        #expect(dom.status == 0, "\(dom.stderr.suffix(500))")
        // Rendered SVG paths only (the page's script also names the classes).
        func paths(_ className: String) throws -> Int {
            try NSRegularExpression(pattern: "<path[^>]*class=\"[^\"]*\\b\(className)\\b").numberOfMatches(
                in: dom.stdout, range: NSRange(dom.stdout.startIndex..., in: dom.stdout))
        }
        let markers = try paths("overblik-facility")
        #expect(markers == facilities, "expected \(facilities) facility markers in the rendered DOM, found \(markers)")
        #expect(try paths("overblik-district") > 40)
        #expect(dom.stdout.contains("leaflet-control-layers") && dom.stdout.contains("overblik-legend"))
        #expect(dom.stdout.contains("Andel af beboerne dækket"), "districts are coloured by coverage share when settlements are stored")
        #expect(dom.stdout.contains("<h1 class=\"overblik-title\">") && !dom.stdout.contains("<p class=\"overblik-fallback\""),
                "a visible heading, and the fallback message is gone once Leaflet drew the map")
        #expect(dom.stdout.contains("byer: GeoNames (CC BY 4.0) (importeret ") && dom.stdout.contains("pr. 1.12.2026 kl. 17.30"), "recorded attribution and 'as of'")

        // A Leaflet that does not load (here: empty files) leaves the message, not a blank page.
        let broken = dir.appendingPathComponent("broken-leaflet")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        for name in ["leaflet.js", "leaflet.css"] { try Data().write(to: broken.appendingPathComponent(name)) }
        let brokenPage = dir.appendingPathComponent("broken.html")
        #expect(try CLI.run(["map", "--out", brokenPage.path, "--leaflet", broken.path, "--tiles", "none"], db: db).status == 0)
        let brokenDOM = try TestSupport.run(chromium, common + ["--dump-dom", brokenPage.absoluteString])
        #expect(brokenDOM.stdout.contains("<p class=\"overblik-fallback\"") && brokenDOM.stdout.contains("Kortet kunne ikke tegnes"))

        let shot = dir.appendingPathComponent("map.png")
        let s = try TestSupport.run(chromium, common + ["--screenshot=\(shot.path)", page.absoluteString])
        #expect(s.status == 0, "\(s.stderr.suffix(500))")
        let png = try Data(contentsOf: shot)
        #expect(png.count > 10_000, "screenshot is only \(png.count) bytes")
        let stats = try #require(try PNGStatistics(png), "cannot decode the screenshot")
        #expect(stats.distinctColours > 20, "screenshot looks blank: \(stats.distinctColours) colours")
    }
}
