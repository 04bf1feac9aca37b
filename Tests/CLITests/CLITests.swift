import Foundation
import Testing
import TestSupport

@Suite("The overblik command line")
struct CLITests {
    @Test("info --format json shows facilities, settlements and districts of the sample")
    func infoJSON() throws {
        let db = try CLI.sampleStore("info")
        let r = try CLI.run(["info", "--format", "json"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((json["facilities"] as? Int ?? 0) >= 120)
        #expect((json["settlements"] as? Int ?? 0) >= 46)
        #expect((json["districts"] as? Int ?? 0) > 40)
        #expect(json["schema_version"] as? Int == 3)
        #expect((json["rural_districts"] as? Int ?? 0) > 0)
        #expect((json["district_list"] as? [Any])?.count == json["districts"] as? Int)
    }

    @Test("global options work before the command, and --db wins over $OVERBLIK_DB")
    func globalOptions() throws {
        let db = try CLI.sampleStore("global")
        let elsewhere = try TestSupport.temporaryDirectory("empty").appendingPathComponent("e.sqlite").path
        let r = try CLI.run(["--db", db, "--format", "json", "info"], db: elsewhere)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"facilities\""))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((json["facilities"] as? Int ?? 0) >= 120)
    }

    @Test("near answers with distances, and an unknown place exits 1 with a suggestion")
    func nearAndUnknownPlace() throws {
        let db = try CLI.sampleStore("near")
        let ok = try CLI.run(["near", "nibe", "--kind", "village_hall", "--limit", "3", "--format", "json"], db: db)
        #expect(ok.status == 0, "\(ok.stderr)")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [[String: Any]])
        #expect(hits.count == 3)
        let distances = hits.compactMap { $0["distance_m"] as? Double }
        #expect(distances == distances.sorted())
        for key in ["id", "name", "kind", "lon", "lat", "distance_m", "district", "rural", "direction", "rooms"] {
            #expect(hits[0][key] != nil, "missing \(key)")
        }
        #expect(hits.allSatisfy { $0["kind"] as? String == "village_hall" })
        let unknown = try CLI.run(["near", "Nibbe"], db: db)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Nibe"))
    }

    @Test("bad usage and bad input exit 2; a refused import leaves the store unchanged")
    func badInputExitCodes() throws {
        let db = try CLI.sampleStore("bad")
        #expect(try CLI.run(["near", "Nibe", "--within", "ten"], db: db).status == 2)
        #expect(try CLI.run(["near", "Nibe", "--kind", "castle"], db: db).status == 2)
        #expect(try CLI.run(["frobnicate"], db: db).status == 2)
        let bad = try TestSupport.writeTemporary("id,name,kind,lon,lat\nX,Y,school,57.0,9.9\n", name: "bad.csv")
        let before = try CLI.run(["info", "--format", "json"], db: db).stdout
        let r = try CLI.run(["import", "facilities", bad.path], db: db)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.csv:2"))
        #expect(r.stderr.contains("swap"))
        #expect(try CLI.run(["info", "--format", "json"], db: db).stdout == before)
    }

    @Test("a database from a newer schema exits 4 with a clear message")
    func newerSchema() throws {
        let db = try CLI.sampleStore("newer")
        guard let sqlite = TestSupport.which("sqlite3") else {
            print("skipping: sqlite3 shell not installed")
            return
        }
        _ = try TestSupport.run(sqlite, [db, "PRAGMA user_version = 42;"])
        let r = try CLI.run(["info"], db: db)
        #expect(r.status == 4)
        #expect(r.stderr.contains("newer Overblik"))
    }

    @Test("every command's --help shows examples", arguments: ["import", "info", "near"])
    func helpHasExamples(_ command: String) throws {
        let r = try CLI.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:"), "\(command) --help lacks examples")
    }

    @Test("batch near streams one block per input row")
    func batchNear() throws {
        let db = try CLI.sampleStore("batch")
        let input = try TestSupport.writeTemporary("id,lon,lat\na,9.92,57.05\nb,9.64,56.98\nc,10.2,57.1\n", name: "q.csv")
        let r = try CLI.run(["near", "--from-file", input.path, "--kind", "library", "--limit", "2", "--format", "json"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["id"] as? String == "a")
        #expect((first["results"] as? [Any])?.count == 2)
    }
}
