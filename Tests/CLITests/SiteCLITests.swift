import Foundation
import Testing
import TestSupport

@Suite("overblik site")
struct SiteCLITests {
    @Test("site -p 3 prints JSON with the sites in order, their gains and the bound")
    func siteJSON() throws {
        let db = try CLI.sampleStore("site")
        let r = try CLI.run(["site", "--kind", "village_hall", "--candidates", "kind=school", "-p", "3", "--within", "3km",
                             "--format", "json"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["sites", "upper_bound", "gap", "proved_optimal", "uncoverable_population", "already_covered_population",
                    "covered_population", "newly_covered_population"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let sites = try #require(json["sites"] as? [[String: Any]])
        #expect(sites.count <= 3 && !sites.isEmpty)
        #expect(sites.allSatisfy { ($0["gain"] as? Double ?? 0) > 0 })
        #expect(sites.map { $0["rank"] as? Int } == Array(1 ... sites.count).map { Optional($0) })
        let covered = sites.compactMap { $0["cumulative_covered"] as? Double }
        #expect(covered == covered.sorted())
    }

    @Test("site --cover-all and settlements as candidates, in table, csv and geojson")
    func siteFormats() throws {
        let db = try CLI.sampleStore("site-formats")
        let base = ["site", "--kind", "village_hall", "--candidates", "settlements", "--cover-all",
                    "--rural-within", "5km", "--urban-within", "2km"]
        let table = try CLI.run(base, db: db)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("no cover uses fewer than"))
        let csv = try CLI.run(base + ["--format", "csv"], db: db)
        #expect(csv.status == 0 && csv.stdout.hasPrefix("rank,id,name,kind,lon,lat,gain"))
        let geo = try CLI.run(base + ["--format", "geojson"], db: db)
        #expect(geo.status == 0 && geo.stdout.contains("\"FeatureCollection\"") && geo.stdout.contains("\"gain\""))
    }

    @Test("site refuses bad usage with exit code 2", arguments: [
        ["site", "--candidates", "kind=school"],
        ["site", "--candidates", "kind=nonsense", "-p", "2"],
        ["site", "--candidates", "settlements", "-p", "2", "--cover-all"],
    ])
    func badUsage(arguments: [String]) throws {
        let db = try CLI.sampleStore("site-bad")
        let r = try CLI.run(arguments, db: db)
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
    }

    @Test("site --help shows examples")
    func help() throws {
        let r = try CLI.run(["site", "--help"])
        #expect(r.status == 0 && r.stdout.contains("Examples:"))
    }
}
