import Facilities
import Foundation
import GeoJSON
import GeoTypes
import Scheduling
import Testing
import TestSupport
@testable import Overblik

/// `overblik map` streams the facilities into the page; the page must be the bytes of the page built
/// in memory.
@Suite("The streamed web map page is the page built in memory")
struct StreamedWebMapTests {
    static let awkward = ["plain", "</script><!--", "a & b > c", "line\u{2028}sep\u{2029}", "€ æøå ‰", "ends\n\n"]

    @Test("escaping while writing equals escaping the whole text, however the writes are cut", arguments: [1, 2, 3, 7, 1_000])
    func escapingSink(cut: Int) throws {
        let text = Self.awkward.joined(separator: "\u{2028}") + "\n\n"
        var sink = EmbeddedJSONSink(base: MemoryByteSink())
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: cut) {
            try bytes[start ..< min(bytes.count, start + cut)].withUnsafeBytes { try sink.write($0) }
        }
        var expected = EmbeddedJSON.escape(text)
        while expected.hasSuffix("\n") { expected.removeLast() }
        #expect(try sink.finish().text == expected)
    }

    @Test("the page written with streamed facilities equals html() of the same facilities")
    func samePage() throws {
        let (o, _) = try freshOverblik("streamed-map")
        _ = try o.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path,
                             options: ImportOptions(nameField: "name", codeField: "code", ruralField: "rural"))
        var lines = ["id,name,kind,lon,lat,opening_hours"]
        for (i, name) in Self.awkward.enumerated() {
            lines.append("f\(i),\"\(name.replacingOccurrences(of: "\n", with: " "))\",village_hall,9.9\(i),57.0\(i),Mo-Fr 08:00-22:00")
        }
        let csv = try TestSupport.writeTemporary(lines.joined(separator: "\n") + "\n", name: "facilities.csv")
        _ = try o.importFile(.facilities, at: csv.path)
        let options = ExportOptions(filter: FacilityFilter(), now: try LocalDateTime(parsing: "2026-12-08T17:00"), style: true)
        let districts = try o.districtFeatures(options: options)
        var mapOptions = WebMapOptions(leaflet: .cdn, tiles: nil, title: "Kort <&>")
        mapOptions.asOf = "2026-12-08T17:00"
        let inMemory = try WebMap(facilities: o.facilityFeatures(options: options), districts: districts,
                                  legendNotes: ["rækkevidde: 5km"], options: mapOptions).html()
        let path = try TestSupport.temporaryDirectory("streamed-map-page").appendingPathComponent("map.html").path
        let file = try OutputFile(path: path)
        let written = try o.writeWebMap(WebMap(facilities: [], districts: districts, legendNotes: ["rækkevidde: 5km"], options: mapOptions),
                                        to: file, options: options)
        try file.commit()
        #expect(written == Self.awkward.count)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == inMemory)
        #expect(inMemory.contains(#"\u003c/script\u003e"#) && !inMemory.contains("</script><!--"))
    }
}
