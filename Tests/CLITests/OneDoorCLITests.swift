import Foundation
import Testing
import TestSupport

/// One door: every outcome is rendered once, in the library, so the CLI's formats cannot drift apart.
@Suite("one door: outcomes rendered once")
struct OneDoorCLITests {
    /// A layer of `export` and the command whose `--format geojson` asks the same question.
    struct SameQuestion: CustomTestStringConvertible, Sendable {
        var layer: String
        var command: [String]
        var options: [String]
        var testDescription: String { "\(layer) \(options.joined(separator: " "))" }
    }

    static let questions: [SameQuestion] = [
        SameQuestion(layer: "coverage", command: ["coverage"], options: ["--kind", "village_hall", "--within", "5km"]),
        SameQuestion(layer: "coverage", command: ["coverage"], options: ["--within", "2km,5km", "--capacity", "40"]),
        SameQuestion(layer: "coverage", command: ["coverage"], options: ["--kind", "village_hall", "--rural-within", "5km", "--urban-within", "2km"]),
        SameQuestion(layer: "gaps", command: ["gaps"], options: ["--kind", "village_hall", "--within", "5km", "--source", "settlements"]),
        SameQuestion(layer: "gaps", command: ["gaps"], options: ["--kind", "library", "--rural-within", "8km", "--urban-within", "3km", "--source", "settlements"]),
    ]

    @Test("export LAYER and the command's --format geojson write the same bytes for the same question",
          arguments: questions)
    func exportAndCommandAgree(question: SameQuestion) throws {
        let db = try Self.store()
        let exported = try CLI.run(["export", question.layer] + question.options, db: db)
        let answered = try CLI.run(question.command + question.options + ["--format", "geojson"], db: db)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(answered.status == 0, "\(answered.stderr)")
        #expect(exported.stdout.contains("{\"type\":\"Feature\""), "the question has features: \(exported.stdout.prefix(200))")
        #expect(Array(exported.stdout.utf8) == Array(answered.stdout.utf8))
    }

    @Test("with demand outside every district, coverage --format geojson and export coverage both carry it as one feature without geometry")
    func outsideDemandInBothLayers() throws {
        let db = try Self.store()
        let file = try TestSupport.writeTemporary("id,lon,lat,weight\nfar-1,10.6,56.5,5000\nnear-1,9.9187,57.048,100\n", name: "population.csv")
        #expect(try CLI.run(["import", "population", file.path], db: db).status == 0)
        let options = ["--kind", "village_hall", "--within", "5km"]
        let exported = try CLI.run(["export", "coverage"] + options, db: db)
        let answered = try CLI.run(["coverage"] + options + ["--format", "geojson"], db: db)
        #expect(Array(exported.stdout.utf8) == Array(answered.stdout.utf8))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(answered.stdout.utf8)) as? [String: Any])
        let features = try #require(document["features"] as? [[String: Any]])
        let outside = try #require(features.first { ($0["id"] as? String) == "outside" })
        #expect(outside["geometry"] is NSNull)
        #expect((outside["properties"] as? [String: Any])?["population"] as? Double == 5000)
        #expect(features.dropLast().allSatisfy { ($0["properties"] as? [String: Any])?["rural_source"] is String })
    }

    @Test("near's CSV carries every property of its GeoJSON features, for single places and --from-file")
    func nearCSVCarriesTheGeoJSONFields() throws {
        let db = try Self.store()
        let file = try TestSupport.temporaryDirectory("near-batch").appendingPathComponent("points.csv")
        try "id,lon,lat\na,9.9187,57.048\nb,9.65,56.95\n".write(to: file, atomically: true, encoding: .utf8)
        for place in [["Nibe"], ["--from-file", file.path]] {
            let geo = try CLI.run(["near"] + place + ["--limit", "3", "--format", "geojson"], db: db)
            let csv = try CLI.run(["near"] + place + ["--limit", "3", "--format", "csv"], db: db)
            #expect(geo.status == 0 && csv.status == 0, "\(geo.stderr) \(csv.stderr)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(geo.stdout.utf8)) as? [String: Any])
            let features = try #require(document["features"] as? [[String: Any]])
            #expect(!features.isEmpty)
            let keys = Set(features.flatMap { ($0["properties"] as? [String: Any])?.keys.map { $0 } ?? [] })
            let header = Set(try #require(csv.stdout.split(separator: "\n").first).split(separator: ",").map(String.init))
            #expect(keys.subtracting(header).isEmpty, "missing in CSV: \(keys.subtracting(header).sorted())")
            #expect(csv.stdout.split(separator: "\n").count == features.count + 1, "one CSV row per feature")
        }
    }

    @Test("near --from-file answers each row as near answers that place alone")
    func nearFromFileAnswersLikeNear() throws {
        let db = try Self.store()
        let file = try TestSupport.temporaryDirectory("near-batch").appendingPathComponent("points.csv")
        let points = [("a", "9.9187,57.048"), ("b", "9.65,56.95"), ("c", "10.1,57.1")]
        try ("id,lon,lat\n" + points.map { "\($0.0),\($0.1)\n" }.joined()).write(to: file, atomically: true, encoding: .utf8)
        let filters = ["--kind", "village_hall", "--limit", "4", "--free-at", "2026-12-01T19:00", "--for", "2h"]
        let batch = try CLI.run(["near", "--from-file", file.path, "--format", "csv"] + filters, db: db)
        #expect(batch.status == 0, "\(batch.stderr)")
        var single: [Substring] = []
        for (id, place) in points {
            let r = try CLI.run(["near", place, "--format", "csv"] + filters, db: db)
            #expect(r.status == 0, "\(r.stderr)")
            single += r.stdout.split(separator: "\n").dropFirst().map { Substring(id + $0) }
        }
        #expect(single.count >= points.count, "every place has village halls free then: \(single)")
        #expect(batch.stdout.split(separator: "\n").dropFirst().map { Substring($0) } == single)
    }

    @Test("serve without overblik-server beside overblik names the missing file and how to build it, exit 4")
    func serveNamesTheMissingServer() throws {
        let folder = try TestSupport.temporaryDirectory("serve-alone")
        let copy = folder.appendingPathComponent("overblik").path
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: copy)
        let r = try TestSupport.run(copy, ["serve", "--port", "0"], environment: ["OVERBLIK_DB": folder.appendingPathComponent("x.sqlite").path])
        #expect(r.status == 4)
        #expect(r.stderr.contains(folder.appendingPathComponent("overblik-server").path), "\(r.stderr)")
        #expect(r.stderr.contains("swift build --product overblik-server"), "\(r.stderr)")
    }

    /// The sample store, imported once per test.
    static func store() throws -> String { try CLI.sampleStore("one-door") }
}
