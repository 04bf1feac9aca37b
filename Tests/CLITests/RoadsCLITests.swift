import Foundation
import Testing
import TestSupport

/// `import network` and `near --by` on Helsinki's extract (© OpenStreetMap contributors, ODbL).
@Suite("Road questions on the command line")
struct RoadsCLITests {
    static let pbf = TestSupport.sharedData.map { $0.appendingPathComponent("osm/helsinki.osm.pbf").path }
    static let available = pbf.map { FileManager.default.fileExists(atPath: $0) } ?? false

    @Test("import network reports each mode; near --by car --within 10min ranks by time and says so", .enabled(if: available))
    func importAndNearByCar() throws {
        let db = try TestSupport.temporaryDirectory("roads-cli").appendingPathComponent("h.sqlite").path
        #expect(try CLI.run(["import", "facilities", Self.pbf!], db: db).status == 0)
        let imported = try CLI.run(["import", "network", Self.pbf!, "--format", "json"], db: db)
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        let modes = (report["networks"] as? [[String: Any]])?.compactMap { $0["mode"] as? String }
        #expect(modes == ["walk", "bike", "car"])
        let near = try CLI.run(["near", "24.9380,60.1745", "--kind", "library", "--limit", "3", "--by", "car", "--within", "10min",
                                "--format", "json"], db: db)
        #expect(near.status == 0, "\(near.stderr)")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(near.stdout.utf8)) as? [[String: Any]])
        #expect(hits.count == 3)
        #expect(hits.allSatisfy { $0["travel"] as? String == "car" && $0["metric"] as? String == "road_time" })
        let minutes = hits.compactMap { $0["road_min"] as? Double }
        #expect(minutes.count == 3 && minutes == minutes.sorted() && minutes.allSatisfy { $0 <= 10 })
        #expect(try CLI.run(["near", "24.9380,60.1745", "--by", "car", "--within", "ten"], db: db).status == 2)
        #expect(try CLI.run(["near", "24.9380,60.1745", "--by", "boat"], db: db).status == 2)
    }

    @Test("site and access --by car|walk answer by road and say which metric; a bad mode or unit exits 2", .enabled(if: available))
    func siteAndAccessByRoad() throws {
        let db = try TestSupport.temporaryDirectory("roads-cli-site").appendingPathComponent("h.sqlite").path
        #expect(try CLI.run(["import", "facilities", Self.pbf!], db: db).status == 0)
        #expect(try CLI.run(["import", "network", Self.pbf!], db: db).status == 0)
        var csv = "id,lon,lat,weight\n"
        for i in 0..<30 { csv += "p\(i),\(24.932 + Double(i % 6) * 0.004),\(60.162 + Double(i / 6) * 0.003),10\n" }
        let population = try TestSupport.writeTemporary(csv, name: "pop.csv").path
        #expect(try CLI.run(["import", "population", population], db: db).status == 0)
        let site = try CLI.run(["site", "--kind", "library", "--candidates", "kind=school", "-p", "2", "--by", "car",
                                "--within", "2min", "--format", "json"], db: db)
        #expect(site.status == 0, "\(site.stderr)")
        let siting = try #require(try JSONSerialization.jsonObject(with: Data(site.stdout.utf8)) as? [String: Any])
        #expect(siting["metric"] as? String == "road_time" && siting["travel"] as? String == "car")
        #expect((siting["sites"] as? [Any])?.isEmpty == false)
        let table = try CLI.run(["site", "--kind", "library", "--candidates", "kind=school", "-p", "2", "--by", "car", "--within", "2min"], db: db)
        #expect(table.status == 0 && table.stdout.contains("by car, road_time"))
        let access = try CLI.run(["access", "--by", "walk", "--within", "10min", "--format", "json"], db: db)
        #expect(access.status == 0, "\(access.stderr)")
        let accessibility = try #require(try JSONSerialization.jsonObject(with: Data(access.stdout.utf8)) as? [String: Any])
        #expect(accessibility["metric"] as? String == "road_time" && accessibility["catchment_s"] as? Double == 600)
        #expect(try CLI.run(["site", "--kind", "library", "--candidates", "kind=school", "-p", "2", "--by", "plane", "--within", "2min"], db: db).status == 2)
        #expect(try CLI.run(["access", "--by", "walk", "--within", "10"], db: db).status == 2)
    }
}
