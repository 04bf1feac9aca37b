import Foundation
import Testing
import TestSupport

@Suite("Planner options on the command line: units, refused combinations, outside demand, town extents")
struct PlannerCLITests {
    @Test("a distance or duration without a unit, and an unanswerable combination, exit 2 with a hint", arguments: [
        (["coverage", "--kind", "village_hall", "--within", "5"], "5m or 5km"),
        (["gaps", "--kind", "village_hall", "--rural-within", "5", "--urban-within", "2km"], "5m or 5km"),
        (["near", "Nibe", "--within", "500"], "500m or 500km"),
        (["gaps", "--kind", "village_hall", "--within", "5km", "--source", "area"], "--source area"),
        (["site", "--kind", "village_hall", "--candidates", "kind=school", "-p", "2", "--within", "5km", "--source", "area"], "--source area"),
        (["site", "--kind", "village_hall", "--candidates", "kind=school", "--cover-all", "--within", "5km", "--time-limit", "5"], "30s"),
        (["site", "--kind", "village_hall", "--candidates", "kind=school", "-p", "2", "--within", "5km", "--time-limit", "5s"], "--cover-all"),
        (["coverage", "--kind", "village_hall", "--within", "5km", "--district", "NOPE"], "NOPE"),
        (["coverage", "--kind", "village_hall", "--within", "5km", "--urban-majority", "2"], "--urban-majority"),
    ])
    func refused(_ c: ([String], String)) throws {
        let db = try CLI.sampleStore("planner-refused")
        let r = try CLI.run(c.0, db: db)
        #expect(r.status == 2, "\(c.0): \(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains(c.1), "\(c.0): \(r.stderr)")
    }

    @Test("the sample's town extents import, name their source in the report and put Aalborg's suburbs among urban residents")
    func urbanAreasOnTheSample() throws {
        let db = try CLI.sampleStore("planner-urban")
        #expect(try CLI.run(["import", "population", "Data/population.csv"], db: db).status == 0)
        let before = try CLI.run(["coverage", "--kind", "village_hall", "--within", "5km", "--format", "json"], db: db)
        #expect(before.status == 0, "\(before.stderr)")
        let imported = try CLI.run(["import", "urban-areas", "Data/urban-areas.geojson"], db: db)
        #expect(imported.status == 0 && imported.stdout.contains("imported 16 urban-areas"), "\(imported.stdout) \(imported.stderr)")
        let after = try CLI.run(["coverage", "--kind", "village_hall", "--within", "5km", "--format", "json"], db: db)
        #expect(after.status == 0, "\(after.stderr)")
        func doc(_ text: String) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) }
        func population(_ d: [String: Any], _ key: String) -> Double { ((d[key] as? [String: Any])?["population"] as? Double) ?? -1 }
        let b = try doc(before.stdout), a = try doc(after.stdout)
        #expect(((b["classification"] as? [String: Any])?["source"] as? String) == "district_layer")
        #expect(((a["classification"] as? [String: Any])?["source"] as? String) == "urban_areas")
        #expect(population(a, "rural") + population(a, "urban") == population(a, "total"))
        // The layer calls D13, D20 and D44 rural; their points inside Aalborg's extent are urban now.
        func suburbs(_ arguments: [String]) throws -> [String] {
            let r = try CLI.run(["coverage", "--kind", "village_hall", "--within", "5km", "--by", "point", "--format", "json"], db: arguments.first!)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            return rows.filter { ["D13", "D20", "D44"].contains($0["district"] as? String ?? "") && $0["class"] as? String == "urban" }
                .compactMap { $0["id"] as? String }
        }
        #expect(try suburbs([db]).count >= 3)
        #expect(population(a, "total") == population(b, "total"))
        let table = try CLI.run(["coverage", "--kind", "village_hall", "--within", "5km"], db: db)
        #expect(table.stdout.contains("rural class from urban areas"))
        // The map of the planner's own districts shows those districts only, and names the source.
        let page = try TestSupport.temporaryDirectory("planner-map").appendingPathComponent("map.html")
        let map = try CLI.run(["map", "--out", page.path, "--kind", "village_hall", "--within", "5km", "--district", "D13,D20"], db: db)
        #expect(map.status == 0 && map.stderr.contains("2 districts"), "\(map.stderr)")
        #expect(try String(contentsOf: page, encoding: .utf8).contains("land/by-klassen fra byzonerne"))
    }

    @Test("demand outside every district is its own row in table, CSV and JSON and never in TOTAL")
    func outsideRow() throws {
        let db = try CLI.sampleStore("planner-outside")
        let far = "id,lon,lat,weight\nfar-1,10.6,56.5,5000\nnear-1,9.9187,57.048,100\n"
        let file = try TestSupport.writeTemporary(far, name: "population.csv")
        #expect(try CLI.run(["import", "population", file.path], db: db).status == 0)
        let json = try CLI.run(["coverage", "--kind", "village_hall", "--within", "5km", "--format", "json"], db: db)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(((doc["outside_districts"] as? [String: Any])?["population"] as? Double) == 5000)
        #expect(((doc["total"] as? [String: Any])?["population"] as? Double) == 100)
        let table = try CLI.run(["coverage", "--kind", "village_hall", "--within", "5km"], db: db)
        #expect(table.stdout.contains("OUTSIDE (not in total)"))
        let csv = try CLI.run(["coverage", "--kind", "village_hall", "--within", "5km", "--format", "csv"], db: db)
        #expect(csv.stdout.split(separator: "\n").contains { $0.hasPrefix(",outside,,5000") })
        let gaps = try CLI.run(["gaps", "--kind", "village_hall", "--within", "5km", "--source", "population", "--format", "json"], db: db)
        #expect(!gaps.stdout.contains("far-1"))
        let withOutside = try CLI.run(["gaps", "--kind", "village_hall", "--within", "5km", "--source", "population",
                                       "--include-outside", "--format", "json"], db: db)
        #expect(withOutside.stdout.contains("far-1") && withOutside.stdout.contains("\"outside\""))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(withOutside.stdout.utf8)) as? [[String: Any]])
        let farRow = try #require(rows.first { $0["id"] as? String == "far-1" })
        #expect(farRow["rural"] is NSNull && farRow["class"] as? String == "outside")
        #expect(rows.last?["id"] as? String == "far-1")
    }
}
