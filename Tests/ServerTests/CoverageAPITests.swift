import Foundation
import Testing
import TestSupport

/// `GET /api/coverage`, `GET /api/gaps` and `by=walk|bike|car`, against a real `overblik serve`: the
/// bytes of the CLI's `--format json` for the same question, and problem details for bad questions.
@Suite("overblik serve: coverage, gaps and questions by road")
struct CoverageAPITests {
    /// Query string → the CLI arguments of the same question.
    static let coverageCases: [(String, [String])] = [
        ("kind=village_hall&within=5km", ["--kind", "village_hall", "--within", "5km"]),
        ("kind=village_hall&rural_within=5km&urban_within=2km", ["--kind", "village_hall", "--rural-within", "5km", "--urban-within", "2km"]),
        ("kind=village_hall&within=2km,5km&by=settlement", ["--kind", "village_hall", "--within", "2km,5km", "--by", "settlement"]),
        ("wheelchair=yes&capacity=25&within=10km&district=D01,D02", ["--wheelchair", "yes", "--capacity", "25", "--within", "10km", "--district", "D01,D02"]),
        ("kind=library&within=3km&by=point&town_population=5000", ["--kind", "library", "--within", "3km", "--by", "point", "--town-population", "5000"]),
        ("kind=library&within=5km&source=area&district=D01", ["--kind", "library", "--within", "5km", "--source", "area", "--district", "D01"]),
    ]
    static let gapsCases: [(String, [String])] = [
        ("kind=village_hall&within=5km", ["--kind", "village_hall", "--within", "5km"]),
        ("kind=village_hall&rural_within=5km&urban_within=2km", ["--kind", "village_hall", "--rural-within", "5km", "--urban-within", "2km"]),
        ("wheelchair=yes&within=10km&include_outside=true", ["--wheelchair", "yes", "--within", "10km", "--include-outside"]),
    ]

    @Test("coverage and gaps over HTTP give exactly the bytes of coverage and gaps --format json")
    func matchesCLI() async throws {
        let db = try ServerFixtures.sampleStore("serve-coverage")
        let server = try RunningServer(database: db)
        defer { server.stop() }
        for (endpoint, cases) in [("coverage", Self.coverageCases), ("gaps", Self.gapsCases)] {
            for (query, arguments) in cases {
                let reply = try await server.get("/api/\(endpoint)?\(query)")
                #expect(reply.status == 200, "\(endpoint)?\(query): \(reply.text)")
                #expect(reply.header("Content-Type") == "application/json")
                let expected = try ServerFixtures.cli([endpoint] + arguments + ["--format", "json"], db: db)
                #expect(reply.text == expected, "\(endpoint)?\(query)")
                #expect(reply.text.count > 10)
            }
        }
    }

    @Test("bad coverage and gaps questions and road questions without a network get 400 problem details", arguments: [
        ("/api/coverage?within=ten", "within"), ("/api/coverage?rural_within=5km", "come in pairs"),
        ("/api/coverage?source=moon", "source"), ("/api/coverage?by=boat", "by"), ("/api/gaps?by=settlement", "by"),
        ("/api/gaps?source=area", "source"), ("/api/coverage?within=5km,5km", "given twice"),
        ("/api/coverage?urban_majority=2", "urban_majority"), ("/api/coverage?kind=castle", "kind"),
        ("/api/coverage?by=car&within=10min", "no car road network"), ("/api/gaps?by=walk&within=2km", "no walk road network"),
        ("/api/near?at=9.9,57.0&by=bike", "no bike road network"), ("/api/near?at=9.9,57.0&by=car&within=ten", "within"),
        ("/api/near?at=9.9,57.0&rank=time", "rank"), ("/api/coverage?frobnicate=1", "unknown query parameter"),
    ])
    func badQuestions(path: String, mentions: String) async throws {
        let server = try RunningServer(database: try ServerFixtures.sampleStore("serve-coverage-bad"))
        defer { server.stop() }
        let reply = try await server.get(path)
        #expect(reply.status == 400, "\(path): \(reply.text)")
        #expect(reply.header("Content-Type") == "application/problem+json")
        let detail = (try reply.json() as? [String: Any])?["detail"] as? String ?? ""
        #expect(detail.contains(mentions), "\(path): \(detail)")
    }

    static let pbf = TestSupport.sharedData.map { $0.appendingPathComponent("osm/helsinki.osm.pbf").path }
    static let roadsAvailable = pbf.map { FileManager.default.fileExists(atPath: $0) } ?? false

    /// Helsinki's libraries and roads, and four settlements around the centre as demand.
    static func roadStore() throws -> String {
        let dir = try TestSupport.temporaryDirectory("serve-roads")
        let db = dir.appendingPathComponent("h.sqlite").path
        let settlements = dir.appendingPathComponent("settlements.csv")
        try Data("""
            id,name,lon,lat,population,approximate
            s1,Kallio,24.9497,60.1841,30000,false
            s2,Töölö,24.9230,60.1780,25000,false
            s3,Kamppi,24.9310,60.1685,12000,false
            s4,Suomenlinna,24.9880,60.1455,800,false
            """.utf8).write(to: settlements)
        try ServerFixtures.cli(["import", "facilities", Self.pbf!], db: db)
        try ServerFixtures.cli(["import", "settlements", settlements.path], db: db)
        try ServerFixtures.cli(["import", "network", Self.pbf!], db: db)
        return db
    }

    @Test("near, coverage and gaps by walk, bike and car give the bytes of the CLI's --by", .enabled(if: roadsAvailable, "needs ../shared/data/osm/helsinki.osm.pbf"))
    func byRoad() async throws {
        let db = try Self.roadStore()
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let cases: [(String, [String])] = [
            ("near?at=24.9380,60.1745&kind=library&limit=3&by=car&within=10min",
             ["near", "24.9380,60.1745", "--kind", "library", "--limit", "3", "--by", "car", "--within", "10min"]),
            ("near?at=24.9380,60.1745&limit=5&by=walk", ["near", "24.9380,60.1745", "--limit", "5", "--by", "walk"]),
            ("near?at=24.9380,60.1745&limit=4&by=bike&rank=time", ["near", "24.9380,60.1745", "--limit", "4", "--by", "bike", "--rank", "time"]),
            ("coverage?kind=library&within=10min&by=walk", ["coverage", "--kind", "library", "--within", "10min", "--by", "walk"]),
            ("coverage?kind=library&within=1km,2km&by=car,settlement", ["coverage", "--kind", "library", "--within", "1km,2km", "--by", "car,settlement"]),
            ("gaps?kind=library&within=5min&by=walk", ["gaps", "--kind", "library", "--within", "5min", "--by", "walk"]),
        ]
        for (query, arguments) in cases {
            let reply = try await server.get("/api/" + query)
            #expect(reply.status == 200, "\(query): \(reply.text)")
            let expected = try ServerFixtures.cli(arguments + ["--format", "json"], db: db)
            #expect(reply.text == expected, "\(query)")
        }
        let hits = try #require(try await server.get("/api/near?at=24.9380,60.1745&kind=library&limit=3&by=car&within=10min").json() as? [[String: Any]])
        #expect(hits.count == 3 && hits.allSatisfy { $0["travel"] as? String == "car" && $0["metric"] as? String == "road_time" })
        let geodesic = try await server.get("/api/near?at=24.9380,60.1745&kind=library&limit=3&by=geodesic")
        #expect(geodesic.text == (try ServerFixtures.cli(["near", "24.9380,60.1745", "--kind", "library", "--limit", "3", "--format", "json"], db: db)))
    }
}
