import Formats
import Foundation

/// Seed corpora: the project's sample data (Data/) plus hand-written edge cases per format.
public enum FuzzSeeds {
    /// opening_hours values of the sample facilities and rooms, plus the DESIGN.md examples.
    public static func openingHours(dataDirectory: String) -> [String] {
        var values: Set<String> = [
            "Mo-Th 17:00-22:00; Sa,Su 08:00-20:00; PH off; SH off; Jul off", "24/7", "off", "Fr 18:00-02:00",
            "week 01-53/2 Mo 10:00-12:00", "Dec 20-Jan 05 off", "2026 Dec 24 off", "Mo[1] 10:00-12:00; Fr[-1] off",
            "Mo-Fr 08:00-16:00 || \"by appointment\"", "SH Mo-Fr 09:00-12:00", "22:00-26:00", "Mo-Fr 08:00-20:00, Sa 10:00-14:00",
            "08:00-20:00; Tu 12:00-13:00 off", "unknown", "Su-Tu 10:00-11:00", "2025-2027 Jan-Mar Mo 10:00-11:00",
        ]
        for file in ["facilities.csv", "rooms.csv"] {
            guard let reader = try? CSVReader(path: dataDirectory + "/" + file) else { continue }
            while let record = try? reader.next() {
                if let v = record.nonEmpty("opening_hours") { values.insert(v) }
            }
        }
        return values.sorted()
    }

    /// The first lines of every sample CSV, plus quoting and separator edge cases.
    public static func csv(dataDirectory: String) -> [[UInt8]] {
        var seeds: [String] = [
            "id,name\n1,\"a \"\"quoted\"\", name\"\n2,\"multi\nline\"\n",
            "\u{FEFF}id;name;lon;lat\nF1;Ærø;9,91;57,04\r\n",
            "a,b,c\r\n1,2,3\r\n\r\n4,5,6",
        ]
        for file in ["facilities.csv", "rooms.csv", "settlements.csv", "population.csv", "applications.csv"] {
            guard let text = try? String(contentsOfFile: dataDirectory + "/" + file, encoding: .utf8) else { continue }
            seeds.append(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(8).joined(separator: "\n"))
        }
        return seeds.map { Array($0.utf8) }
    }

    /// The sample districts file, plus small features of every geometry type.
    public static func geoJSON(dataDirectory: String) -> [[UInt8]] {
        var seeds: [String] = [
            #"{"type":"FeatureCollection","features":[{"type":"Feature","id":1,"properties":{"name":"Næsby","w":2.5},"geometry":{"type":"Point","coordinates":[9.9,57.05]}}]}"#,
            #"{"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[[[9,57],[10,57],[10,58],[9,57]],[[9.1,57.1],[9.2,57.1],[9.2,57.2],[9.1,57.1]]]]}}"#,
            #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::25832"}},"features":[{"type":"Feature","geometry":null,"properties":{"a":[1,{"b":"\u00e6\n"}],"c":true}}],"bbox":[1,2,3,4]}"#,
            #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4e-3]]},"properties":{}}"#,
        ]
        if let text = try? String(contentsOfFile: dataDirectory + "/districts.geojson", encoding: .utf8) {
            seeds.append(String(text.prefix(12_000)))   // truncated on purpose: a realistic broken file
            seeds.append(text)
        }
        return seeds.map { Array($0.utf8) }
    }

    /// Every file in `directory` (a committed corpus, Tests/Fixtures/Fuzz/TARGET), in name order.
    public static func corpus(_ directory: String) -> [[UInt8]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        return names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map(Array.init) }
    }

    /// The targets the hostile-input review found unreached: polygon shapes for the point locator,
    /// JSON embedded in HTML, and output paths against a store. Seeds come from the committed corpus
    /// under `corpusDirectory`; output paths are tried inside a fresh sandbox folder.
    public static func hardeningTargets(corpusDirectory: String, scale: Int = 1) -> [FuzzTarget] {
        let sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("overblik-fuzz-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: sandbox, withIntermediateDirectories: true)
        FuzzTarget.resetSandbox(sandbox)
        return [.polygonLocator(seeds: corpus(corpusDirectory + "/polygon-locator"), maxBytes: 8_192 * scale),
                .embeddedJSON(seeds: corpus(corpusDirectory + "/embedded-json"), maxBytes: 1_024 * scale),
                .outputPath(seeds: corpus(corpusDirectory + "/output-path"), sandbox: sandbox, maxBytes: 128)]
    }

    /// Every target: the three parsers with seeds from `dataDirectory`, and the hardening targets
    /// with the corpus in Tests/Fixtures/Fuzz beside it; `scale` multiplies the largest input sizes
    /// (1 for quick runs in debug builds, 4 for long release runs).
    public static func targets(dataDirectory: String, scale: Int = 1) -> [FuzzTarget] {
        [.openingHours(seeds: openingHours(dataDirectory: dataDirectory), maxBytes: 256 * scale),
         .csv(seeds: csv(dataDirectory: dataDirectory), maxBytes: 4_096 * scale),
         .geoJSON(seeds: geoJSON(dataDirectory: dataDirectory), maxBytes: 4_096 * scale)]
            + hardeningTargets(corpusDirectory: dataDirectory + "/../Tests/Fixtures/Fuzz", scale: scale)
    }
}
