import Foundation
import Testing
import TestSupport

@Suite("overblik check")
struct CheckCommandTests {
    @Test("help shows examples")
    func help() throws {
        let r = try CLI.run(["check", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:"))
    }

    @Test("the sample data has problems: exit 1, JSON with counts that add up, CSV with a header")
    func sampleProblems() throws {
        let db = try CLI.sampleStore("check")
        let json = try CLI.run(["check", "--at", "2026-11-27T09:00", "--format", "json"], db: db)
        #expect(json.status == 1, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let problems = try #require(object["problems"] as? [[String: Any]])
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(!problems.isEmpty)
        #expect(counts.values.reduce(0, +) == problems.count)
        #expect(counts.keys.contains("likely_duplicate") && counts.keys.contains("booking_outside_availability"))
        let csv = try CLI.run(["check", "--at", "2026-11-27T09:00", "--format", "csv"], db: db)
        #expect(csv.status == 1)
        #expect(csv.stdout.hasPrefix("kind,table,id,name,detail,related_id\n"))
        let table = try CLI.run(["check", "--at", "2026-11-27T09:00"], db: db)
        #expect(table.status == 1)
        #expect(table.stdout.contains("wheelchair_unknown"))
    }

    @Test("a clean store exits 0")
    func clean() throws {
        let dir = try TestSupport.temporaryDirectory("checkclean")
        let csv = dir.appendingPathComponent("f.csv")
        try Data("id,name,kind,lon,lat,opening_hours,wheelchair,checked\nA,Nibe Hallen,sports_hall,9.64,56.98,Mo-Su 08:00-22:00,yes,2026-01-05\n".utf8).write(to: csv)
        let db = dir.appendingPathComponent("c.sqlite").path
        #expect(try CLI.run(["import", "facilities", csv.path], db: db).status == 0)
        let r = try CLI.run(["check", "--at", "2026-11-27T09:00"], db: db)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("No problems found."))
    }

    @Test("bad usage exits 2", arguments: [["check", "--older-than", "five"], ["check", "--duplicate-within", "far"],
                                            ["check", "--at", "tomorrow"], ["check", "--format", "geojson"]])
    func badUsage(arguments: [String]) throws {
        let db = try TestSupport.temporaryDirectory("checkusage").appendingPathComponent("u.sqlite").path
        let r = try CLI.run(arguments, db: db)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
    }
}
