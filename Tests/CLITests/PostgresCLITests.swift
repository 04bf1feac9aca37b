import Foundation
import Testing
import TestSupport

/// The two stores the CLI can use: a SpatiaLite file (`--db PATH`) and a PostgreSQL database
/// (`--db postgres://...`) in this process's throwaway cluster.
enum StoreKind: String, CaseIterable, Sendable {
    case spatialite, postgres

    /// A new, empty store's address.
    func newStore(_ label: String) throws -> String {
        switch self {
        case .spatialite: try TestSupport.temporaryDirectory(label).appendingPathComponent("store.sqlite").path
        case .postgres: try #require(PostgresCluster.shared).makeDatabase(label)
        }
    }
}

/// The same CLI session against both stores: import, near, coverage, gaps, book, a conflicting
/// booking (exit 3), bookings and cancel must print the same.
@Suite("The CLI on PostgreSQL answers as on SpatiaLite",
       .enabled(if: PostgresCluster.shared != nil, PostgresCluster.skipReason), .serialized)
struct PostgresCLITests {
    /// Runs `steps` against `db`, returning each step's exit status and output (the store's
    /// address replaced by a placeholder).
    func session(_ steps: [[String]], db: String) throws -> [String] {
        try steps.map { step in
            let r = try CLI.run(step, db: db)
            return "\(step.joined(separator: " ")) -> \(r.status)\n\(r.stdout.replacingOccurrences(of: db, with: "DB"))"
        }
    }

    /// Runs the imports (which must succeed) and returns the store.
    func imported(_ imports: [[String]], into db: String) throws -> String {
        for step in imports {
            let r = try CLI.run(step, db: db)
            try #require(r.status == 0, "\(step.joined(separator: " ")): \(r.stderr)")
        }
        return db
    }

    static let sampleImports: [[String]] = [
        ["import", "districts", "Data/districts.geojson", "--name-field", "name", "--code-field", "code", "--rural-field", "rural"],
        ["import", "settlements", "Data/settlements.csv"],
        ["import", "population", "Data/population.csv"],
        ["import", "facilities", "Data/facilities.csv"],
        ["import", "rooms", "Data/rooms.csv"],
    ]

    @Test("the sample imports and answers near, coverage, gaps and bookings identically on both stores")
    func sampleSessionIsIdentical() throws {
        let room = "hovedbiblioteket-i-aalborg-moedelokale"
        let steps: [[String]] = [
            ["info", "--format", "json"],
            ["near", "Nibe", "--limit", "5", "--format", "json"],
            ["near", "9.92,57.05", "--kind", "library", "--limit", "3"],
            ["near", "Nibe", "--free-at", "2026-02-16T19:00", "--for", "2h", "--format", "json"],
            ["coverage", "--kind", "village_hall", "--within", "5km", "--format", "json"],
            ["coverage", "--kind", "library", "--within", "2km,5km", "--by", "settlement"],
            ["gaps", "--kind", "village_hall", "--within", "5km", "--format", "json"],
            ["book", room, "--from", "2026-03-02T17:00", "--to", "2026-03-02T18:00", "--holder", "Kor", "--format", "json"],
            ["book", room, "--from", "2026-03-02T17:30", "--to", "2026-03-02T18:30", "--holder", "Skak"],
            ["book", room, "--from", "2026-03-02T18:00", "--to", "2026-03-02T19:00", "--holder", "Skak"],
            ["bookings", room, "--format", "json"],
            ["cancel", "1"],
            ["bookings", room],
            ["cancel", "1"],
        ]
        let sqlite = try session(steps, db: try imported(Self.sampleImports, into: StoreKind.spatialite.newStore("cli-sqlite")))
        let postgres = try session(steps, db: try imported(Self.sampleImports, into: StoreKind.postgres.newStore("cli-pg")))
        for (a, b) in zip(sqlite, postgres) { #expect(a == b) }
        // The exit statuses the CLI contract names: a booking 0, the conflicting one 3, the
        // adjacent one 0, a second cancel of the same id 1.
        #expect(postgres[7].contains("-> 0") && postgres[8].contains("-> 3") && postgres[9].contains("-> 0"))
        #expect(postgres.last?.contains("-> 1") == true)
        #expect(postgres.prefix(7).allSatisfy { $0.contains("-> 0") })
    }

    @Test("a seeded random store gives the same near, coverage and gaps answers on both stores", arguments: [UInt64(21), 2_021])
    func randomStoreIsIdentical(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let folder = try TestSupport.temporaryDirectory("pg-random")
        let kinds = ["village_hall", "library", "sports_hall", "school"]
        var facilities = "id,name,kind,lon,lat,opening_hours\n"
        for i in 0..<150 {
            let lon = Double.random(in: 9.6...10.4, using: &random), lat = Double.random(in: 56.8...57.2, using: &random)
            facilities += "f\(i),Facility \(i),\(kinds[Int.random(in: 0..<kinds.count, using: &random)]),\(lon),\(lat),Mo-Su 08:00-22:00\n"
        }
        var population = "id,lon,lat,weight\n"
        for i in 0..<2_000 {
            let lon = Double.random(in: 9.5...10.5, using: &random), lat = Double.random(in: 56.75...57.25, using: &random)
            population += "p\(i),\(lon),\(lat),\(Double(Int.random(in: 1...90_000, using: &random)) / 100)\n"
        }
        let facilitiesFile = folder.appendingPathComponent("facilities.csv"), populationFile = folder.appendingPathComponent("population.csv")
        try Data(facilities.utf8).write(to: facilitiesFile)
        try Data(population.utf8).write(to: populationFile)
        let imports: [[String]] = [
            ["import", "districts", "Data/districts.geojson", "--name-field", "name", "--code-field", "code", "--rural-field", "rural"],
            ["import", "facilities", facilitiesFile.path],
            ["import", "population", populationFile.path],
        ]
        var steps: [[String]] = [
            ["coverage", "--within", "1km,3km", "--format", "json"],
            ["coverage", "--kind", "library", "--rural-within", "5km", "--urban-within", "2km", "--format", "json"],
            ["gaps", "--kind", "school", "--within", "3km", "--format", "json"],
        ]
        for _ in 0..<8 {
            let lon = Double.random(in: 9.6...10.4, using: &random), lat = Double.random(in: 56.8...57.2, using: &random)
            steps.append(["near", "\(lon),\(lat)", "--limit", "7", "--format", "json"])
        }
        let sqlite = try session(steps, db: try imported(imports, into: StoreKind.spatialite.newStore("rnd-sqlite")))
        let postgres = try session(steps, db: try imported(imports, into: StoreKind.postgres.newStore("rnd-pg")))
        #expect(sqlite.allSatisfy { $0.contains("-> 0") })
        for (a, b) in zip(sqlite, postgres) { #expect(a == b) }
    }

    @Test("ogrinfo lists the PostgreSQL store's tables as layers with their geometry",
          .enabled(if: TestSupport.hasTool("ogrinfo"), "ogrinfo (gdal-bin) is not installed"))
    func ogrinfoListsLayers() throws {
        let cluster = try #require(PostgresCluster.shared)
        let db = try StoreKind.postgres.newStore("ogr")
        _ = try imported(Array(Self.sampleImports.prefix(4)), into: db)
        let name = String(db.split(separator: "/").last!)
        let r = try TestSupport.run(try #require(TestSupport.which("ogrinfo")),
                                    ["-ro", "-so", "PG:host=127.0.0.1 port=\(cluster.port) user=\(cluster.user) dbname=\(name)"])
        #expect(r.status == 0, "\(r.stderr)")
        for layer in ["facilities (Point)", "settlements (Point)", "population (Point)", "districts (Multi Polygon)"] {
            #expect(r.stdout.contains(layer), "\(r.stdout)")
        }
        let facilities = try TestSupport.run(try #require(TestSupport.which("ogrinfo")),
                                             ["-ro", "-so", "PG:host=127.0.0.1 port=\(cluster.port) user=\(cluster.user) dbname=\(name)", "facilities"])
        #expect(facilities.stdout.contains("Feature Count: 142"))
        #expect(facilities.stdout.contains("EPSG\",4326") || facilities.stdout.contains("EPSG:4326") || facilities.stdout.contains("WGS 84"))
    }
}
