import Foundation
import Testing
import TestSupport

/// Every command beyond the core questions, run with the same arguments against a SpatiaLite file
/// and a PostgreSQL database: exit status, standard output and standard error must be the same,
/// byte for byte (the store's address replaced by `DB`), failures included.
@Suite("Every command answers alike on PostgreSQL and SpatiaLite",
       .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason), .serialized)
struct PostgresCommandsCLITests {
    /// One step of a session: the arguments, the exit status it must give, what it reads on
    /// standard input and the file it writes (whose bytes are compared too).
    struct Step {
        var arguments: [String]
        var status: Int32
        var stdin: String?
        var writes: String?

        init(_ arguments: [String], _ status: Int32 = 0, stdin: String? = nil, writes: String? = nil) {
            self.arguments = arguments
            self.status = status
            self.stdin = stdin
            self.writes = writes
        }
    }

    /// Runs the steps on a store made by `prepare` for each kind, then compares the two transcripts
    /// step by step and checks every step's exit status on both.
    func compare(_ label: String, _ steps: [Step], prepare: (String) throws -> Void) throws {
        var transcripts: [StoreKind: [String]] = [:]
        for kind in StoreKind.allCases {
            let db = try kind.newStore("\(label)-\(kind.rawValue)")
            try prepare(db)
            let folder = try TestSupport.temporaryDirectory("\(label)-\(kind.rawValue)-out")
            transcripts[kind] = try steps.map { step in
                let arguments = step.arguments.map { $0.replacingOccurrences(of: "OUT/", with: folder.path + "/") }
                let r = try CLI.run(arguments, db: db, stdin: step.stdin)
                // The store's address, the output folder and how long an import took differ between runs.
                func clean(_ text: String) -> String {
                    text.replacingOccurrences(of: db, with: "DB").replacingOccurrences(of: folder.path, with: "OUT")
                        .replacing(/\sin [0-9.]+ s\b/, with: " in T s").replacing(/"seconds" : [0-9.e-]+/, with: "\"seconds\" : T")
                }
                let command = step.arguments.joined(separator: " ")
                #expect(r.status == step.status, "\(kind) \(command) -> \(r.status): \(r.stderr)")
                var text = "\(command) -> \(r.status)\n\(clean(r.stdout))\n--- stderr\n\(clean(r.stderr))"
                if let written = step.writes {
                    let data = try Data(contentsOf: folder.appendingPathComponent(written))
                    text += "\n--- \(written)\n" + clean(String(decoding: data, as: UTF8.self))
                }
                return text
            }
        }
        let sqlite = try #require(transcripts[.spatialite]), postgres = try #require(transcripts[.postgres])
        for (a, b) in zip(sqlite, postgres) { #expect(a == b) }
    }

    func importAll(_ imports: [[String]], into db: String) throws {
        for step in imports {
            let r = try CLI.run(step, db: db)
            try #require(r.status == 0, "\(step.joined(separator: " ")): \(r.stderr)")
        }
    }

    static let room = "nibe-skole-aula"
    static let season = "2026-08-17..2027-06-18"

    @Test("check, calendars, closures, free, rooms' policies through users, site, access and map give the same bytes on both stores")
    func sampleCommandsAreIdentical() throws {
        let steps: [Step] = [
            Step(["info"]),
            Step(["info", "--format", "csv"]),
            Step(["check", "--at", "2026-01-01T00:00"], 1),
            Step(["check", "--at", "2026-01-01T00:00", "--format", "json"], 1),
            Step(["check", "--at", "2026-01-01T00:00", "--format", "csv", "--older-than", "2y", "--duplicate-within", "300m"], 1),
            Step(["check", "--format", "geojson"], 2),
            Step(["check", "--older-than", "soon"], 2),
            Step(["hours", "open", "Mo-Fr 16:00-22:00; SH off", "--at", "2027-02-16T19:00", "--format", "json"]),
            Step(["free", Self.room, "--from", "2027-02-15T00:00", "--to", "2027-02-16T00:00", "--format", "json"]),
            Step(["calendar", "import", "Data/calendars/aalborg-school-holidays.csv"]),
            Step(["calendar", "import", "Data/facilities.csv"], 2),
            Step(["calendar", "school", "--format", "csv"]),
            Step(["calendar", "holidays", "--year", "2027"]),
            Step(["hours", "open", "Mo-Fr 16:00-22:00; SH off", "--at", "2027-02-16T19:00", "--format", "json"]),
            Step(["free", Self.room, "--from", "2027-02-15T00:00", "--to", "2027-02-16T00:00"]),
            Step(["closures", "add", "--room", Self.room, "--from", "12.01.2027", "--reason", "Valg", "--format", "json"]),
            Step(["closures", "add", "--facility", "nibe-kulturhus", "--from", "2027-03-01", "--to", "2027-04-01", "--reason", "Renovering"]),
            Step(["closures", "add", "--facility", "nibe-skole", "--from", "2027-01-20", "--to", "2027-01-21"]),
            Step(["closures", "add", "--from", "12.01.2027"], 2),
            Step(["closures", "add", "--facility", "nowhere", "--from", "12.01.2027"], 1),
            Step(["closures", "add", "--room", "nowhere", "--from", "12.01.2027"], 1),
            Step(["closures", "add", "--room", Self.room, "--from", "2027-01-12T10:00", "--to", "2027-01-12T09:00"], 2),
            Step(["closures", "list"]),
            Step(["closures", "list", "--facility", "nibe-skole", "--format", "json"]),
            Step(["free", Self.room, "--from", "12.01.2027", "--format", "json"]),
            Step(["near", "Nibe", "--free-at", "2027-01-12T19:00", "--for", "2h", "--limit", "4"]),
            Step(["book", Self.room, "--from", "2027-01-12T18:00", "--to", "2027-01-12T19:00", "--holder", "Kor"], 3),
            Step(["closures", "remove", "1"]),
            Step(["closures", "remove", "1"], 1),
            Step(["closures", "list", "--format", "csv"], 2),
            Step(["closures", "list"]),
            Step(["book", Self.room, "--from", "2027-01-12T18:00", "--to", "2027-01-12T19:00", "--holder", "Kor"]),
            Step(["check", "--at", "2026-01-01T00:00", "--format", "json"], 1),
            Step(["allocate", "Data/applications.csv", "--season", Self.season, "--rules", "Data/rules/aalborg.json", "--dry-run"]),
            Step(["allocate", "Data/applications.csv", "--season", Self.season, "--rules", "Data/rules/aalborg.json", "--format", "json"]),
            Step(["allocate", "Data/applications.csv", "--season", "2027-06-18..2026-08-17"], 2),
            Step(["allocate", "OUT/missing.csv", "--season", Self.season], 2),
            Step(["bookings", "--from", "2026-09-01T00:00", "--to", "2026-09-08T00:00", "--format", "json"]),
            Step(["cancel", "2", "--series"]),
            Step(["bookings", "--from", "2026-09-01T00:00", "--to", "2026-09-08T00:00"]),
            Step(["site", "--kind", "village_hall", "--candidates", "kind=school", "-p", "2", "--within", "5km", "--format", "json"]),
            Step(["site", "--kind", "village_hall", "--candidates", "settlements", "-p", "2", "--rural-within", "5km", "--urban-within", "2km"]),
            Step(["access", "--kind", "village_hall", "--within", "5km", "--week-of", "2026-11-30", "--format", "json"]),
            Step(["access", "--kind", "village_hall", "--within", "5km", "--week-of", "2026-11-30", "--decay", "none", "--format", "csv"]),
            Step(["map", "--out", "OUT/map.html", "--kind", "village_hall", "--within", "5km", "--leaflet", "cdn", "--tiles", "none"],
                 writes: "map.html"),
            Step(["users", "add", "koret", "--role", "association", "--association", "Sebbersund Kor"], stdin: "correct horse\n"),
            Step(["users", "add", "anne", "--role", "clerk"], stdin: "s3cret-s3cret\n"),
            Step(["users", "add", "anne", "--role", "clerk"], 2, stdin: "s3cret-s3cret\n"),
            Step(["users", "list"]),
            Step(["users", "passwd", "koret"], stdin: "another horse\n"),
            Step(["users", "remove", "koret"]),
            Step(["users", "remove", "koret"], 1),
            Step(["users", "list", "--format", "json"]),
            Step(["import", "facilities", "OUT/missing.csv"], 4),
            Step(["import", "facilities", "Data/rooms.csv"], 2),
            Step(["import", "facilities", "Data/facilities.csv"], 2),
            Step(["import", "facilities", "Data/facilities.csv", "--replace", "--format", "json"]),
            Step(["import", "urban-areas", "Data/urban-areas.geojson"]),
            Step(["import", "districts", "Data/districts.geojson", "--name-field", "name", "--code-field", "nope"], 2),
            Step(["coverage", "--kind", "village_hall", "--within", "5km", "--format", "csv"]),
            Step(["gaps", "--kind", "village_hall", "--within", "5km", "--format", "csv"]),
            Step(["near", "Nibe", "--limit", "3", "--format", "geojson"]),
            Step(["near", "Nowhere-by"], 1),
            Step(["free", Self.room, "--from", "2027-01-18T00:00", "--to", "2027-01-25T00:00", "--format", "ics"]),
            Step(["free", "nowhere", "--from", "2027-01-18T00:00"], 1),
            Step(["book", Self.room, "--from", "2027-01-19T17:00", "--to", "2027-01-19T18:00", "--holder", "Skak", "--repeat", "weekly",
                  "--until", "2027-02-28"]),
            Step(["book", Self.room, "--from", "2027-01-26T17:30", "--to", "2027-01-26T18:30", "--holder", "Kor"], 3),
            Step(["book", Self.room, "--from", "tomorrow at noon", "--to", "2027-01-26T18:30", "--holder", "Kor"], 2),
            Step(["bookings", Self.room, "--format", "ics"]),
            Step(["info", "--format", "json"]),
        ]
        try compare("cmds", steps) { db in
            try importAll(PostgresCLITests.sampleImports, into: db)
        }
    }

    @Test("import network and the questions by road (near, coverage, gaps, site, access, isochrones) give the same bytes on both stores",
          .enabled(if: RoadsCLITests.available, "the Helsinki OpenStreetMap extract is not in the shared data"))
    func roadQuestionsAreIdentical() throws {
        let pbf = try #require(RoadsCLITests.pbf)
        let folder = try TestSupport.temporaryDirectory("pg-roads-data")
        var csv = "id,lon,lat,weight\n"
        for i in 0..<30 { csv += "p\(i),\(24.932 + Double(i % 6) * 0.004),\(60.162 + Double(i / 6) * 0.003),10\n" }
        let population = folder.appendingPathComponent("pop.csv")
        try Data(csv.utf8).write(to: population)
        let at = "24.9380,60.1745"
        let steps: [Step] = [
            Step(["near", at, "--kind", "library", "--by", "car", "--within", "10min"], 1),
            Step(["import", "network", "OUT/missing.osm.pbf"], 2),
            Step(["import", "network", pbf, "--format", "json"]),
            Step(["info"]),
            Step(["near", at, "--kind", "library", "--limit", "3", "--by", "car", "--within", "10min", "--format", "json"]),
            Step(["near", at, "--limit", "5", "--by", "walk"]),
            Step(["near", at, "--by", "car", "--within", "ten"], 2),
            Step(["near", at, "--by", "boat"], 2),
            Step(["coverage", "--kind", "library", "--by", "walk", "--within", "10min", "--format", "json"]),
            Step(["gaps", "--kind", "library", "--by", "bike", "--within", "5min", "--source", "population", "--format", "json"]),
            Step(["site", "--kind", "library", "--candidates", "kind=school", "-p", "2", "--by", "car", "--within", "2min", "--format", "json"]),
            Step(["site", "--kind", "library", "--candidates", "kind=school", "-p", "2", "--by", "car", "--within", "2min"]),
            Step(["site", "--kind", "library", "--candidates", "kind=school", "-p", "2", "--by", "plane", "--within", "2min"], 2),
            Step(["access", "--by", "walk", "--within", "10min", "--format", "json"]),
            Step(["access", "--by", "walk", "--within", "10"], 2),
            Step(["export", "isochrones", "--from", "way/596937289", "--by", "walk", "--minutes", "3,5", "--out", "OUT/iso.geojson"],
                 writes: "iso.geojson"),
        ]
        try compare("roads", steps) { db in
            try importAll([["import", "facilities", pbf], ["import", "population", population.path]], into: db)
        }
    }

    @Test("a seeded random store gives the same check, closures, free, site and access answers on both stores",
          arguments: [UInt64(21), 2_021])
    func randomStoreCommandsAreIdentical(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let folder = try TestSupport.temporaryDirectory("pg-random-cmds")
        let kinds = ["village_hall", "library", "sports_hall", "school"]
        let hours = ["Mo-Su 08:00-22:00", "Mo-Fr 16:00-22:00; SH off", "Sa,Su 10:00-18:00; PH off", "", "Jan 01 off"]
        let wheelchair = ["yes", "no", "limited", ""]
        // One id not ASCII: check then builds its report in memory, ordered by bytes on both stores.
        func facilityID(_ i: Int) -> String { "\(i == 7 ? "Ø" : "f")\(i)" }
        var facilities = "id,name,kind,lon,lat,opening_hours,wheelchair,checked\n"
        for i in 0..<120 {
            let lon = Double.random(in: 9.6...10.4, using: &random), lat = Double.random(in: 56.8...57.2, using: &random)
            let name = "Facility \(Int.random(in: 0..<60, using: &random))"
            let checked = Bool.random(using: &random) ? "20\(Int.random(in: 10...25, using: &random))-03-01" : ""
            facilities += "\(facilityID(i)),\(name),\(kinds.randomElement(using: &random)!),\(lon),\(lat),\"\(hours.randomElement(using: &random)!)\","
                + "\(wheelchair.randomElement(using: &random)!),\(checked)\n"
        }
        var rooms = "id,facility_id,name,capacity,opening_hours\n"
        for i in 0..<60 {
            rooms += "r\(i),\(facilityID(Int.random(in: 0..<120, using: &random))),Room \(i),\(Int.random(in: 5...200, using: &random)),"
                + "\"\(hours.randomElement(using: &random)!)\"\n"
        }
        var population = "id,lon,lat,weight\n"
        for i in 0..<1_500 {
            let lon = Double.random(in: 9.5...10.5, using: &random), lat = Double.random(in: 56.75...57.25, using: &random)
            population += "p\(i),\(lon),\(lat),\(Double(Int.random(in: 1...90_000, using: &random)) / 100)\n"
        }
        var files: [String: String] = [:]
        for (name, text) in [("facilities", facilities), ("rooms", rooms), ("population", population)] {
            let file = folder.appendingPathComponent("\(name).csv")
            try Data(text.utf8).write(to: file)
            files[name] = file.path
        }
        var steps: [Step] = [
            Step(["check", "--at", "2026-01-01T00:00", "--format", "json", "--duplicate-within", "2km"], 1),
            Step(["check", "--at", "2026-01-01T00:00", "--format", "csv", "--older-than", "3y"], 1),
            Step(["check", "--at", "2026-01-01T00:00"], 1),
        ]
        for _ in 0..<4 {
            let room = "r\(Int.random(in: 0..<60, using: &random))", day = Int.random(in: 10...28, using: &random)
            steps.append(Step(["closures", "add", "--room", room, "--from", "2027-01-\(day)T10:00", "--to", "2027-01-\(day)T20:00"]))
            steps.append(Step(["free", room, "--from", "2027-01-\(day)T00:00", "--to", "2027-01-\(day + 1)T00:00", "--format", "json"]))
        }
        let facility = facilityID(Int.random(in: 0..<120, using: &random))
        steps += [
            Step(["closures", "add", "--facility", facility, "--from", "2027-02-01", "--to", "2027-02-08", "--reason", "Maling"]),
            Step(["closures", "list", "--format", "json"]),
            Step(["closures", "list", "--facility", facility]),
            Step(["closures", "remove", "2"]),
            Step(["closures", "list"]),
            Step(["site", "--kind", "library", "--candidates", "kind=school", "-p", "3", "--within", "3km", "--format", "json"]),
            Step(["access", "--within", "5km", "--week-of", "2026-11-30", "--format", "json"]),
        ]
        try compare("random-cmds", steps) { db in
            try importAll([
                ["import", "districts", "Data/districts.geojson", "--name-field", "name", "--code-field", "code", "--rural-field", "rural"],
                ["import", "facilities", files["facilities"]!], ["import", "rooms", files["rooms"]!],
                ["import", "population", files["population"]!],
            ], into: db)
        }
    }
}
