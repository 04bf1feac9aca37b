import Analysis
import Foundation
import GeoJSON
import GeoTypes
import Overblik
import Testing
import TestSupport

/// The facade's questions by road on a store holding Helsinki's facilities and networks (ODbL).
@Suite("Questions by road through the facade")
struct RoadQuestionsTests {
    static let pbf = TestSupport.sharedData.map { $0.appendingPathComponent("osm/helsinki.osm.pbf").path }
    static let available = pbf.map { FileManager.default.fileExists(atPath: $0) } ?? false

    /// A fresh store with the file's facilities, its road networks and 60 seeded population points.
    func store() throws -> (Overblik, [Coordinate]) {
        let dir = try TestSupport.temporaryDirectory("roads")
        let overblik = try Overblik(databasePath: dir.appendingPathComponent("h.sqlite").path)
        _ = try overblik.importFile(.facilities, at: Self.pbf!)
        let report = try overblik.importNetwork(path: Self.pbf!)
        #expect(report.networks.map(\.mode) == ["walk", "bike", "car"])
        var generator = SeededGenerator(seed: 11)
        var csv = "id,lon,lat,weight\n", points: [Coordinate] = []
        for i in 0..<60 {
            let p = Coordinate(lon: .random(in: 24.930...24.958, using: &generator), lat: .random(in: 60.160...60.178, using: &generator))
            points.append(p)
            csv += "p\(1000 + i),\(p.lon),\(p.lat),1\n"
        }
        _ = try overblik.importFile(.population, at: try TestSupport.writeTemporary(csv, name: "pop.csv").path)
        return (overblik, points)
    }

    @Test("coverage by car gives every point the facility and time that near by car ranks first", .enabled(if: available))
    func coverageAgreesWithNear() throws {
        let (overblik, points) = try store()
        let road = try RoadQuestion(by: "car", within: "3min")
        let outcome = try overblik.coverage(CoverageQuery(reaches: [Reach(.within(metres: road.reach), label: "3min")], source: .population),
                                            by: road)
        #expect(outcome.demand.count == points.count)
        let nearQuestion = try RoadQuestion(by: "car", rank: "time")
        for (row, point) in zip(outcome.demand, points) {
            let place = ResolvedPlace(kind: .coordinate, name: row.id, location: point)
            let answer = try? overblik.near(place, NearQuery(limit: 1), by: nearQuestion)
            #expect(answer?.hits.first?.id == row.nearestFacility, "\(row.id)")
            if let minutes = answer?.hits.first?.roadMin, let seconds = row.roadS {
                #expect(abs(minutes * 60 - seconds) < 0.1, "\(row.id)")
                #expect(row.covered["3min"] == (seconds <= 180))
            }
        }
    }

    @Test("by road a facility is never nearer than by geodesic", .enabled(if: available),
          arguments: ["walk", "bike", "car"])
    func roadNeverShorterThanGeodesic(_ mode: String) throws {
        let (overblik, _) = try store()
        let place = ResolvedPlace(kind: .coordinate, name: "centre", location: Coordinate(lon: 24.9445, lat: 60.1700))
        let hits = try overblik.near(place, NearQuery(limit: 20), by: RoadQuestion(by: mode)).hits
        #expect(!hits.isEmpty)
        for h in hits { #expect(h.roadM! >= h.distanceM - 0.001, "\(h.id)") }
        #expect(hits.map { $0.roadM! } == hits.map { $0.roadM! }.sorted())
    }

    @Test("isochrones grow with the minutes and close their rings", .enabled(if: available))
    func isochronesGrow() throws {
        let (overblik, _) = try store()
        let id = try #require(overblik.catalog().facilities.first?.id)
        let features = try overblik.isochroneFeatures(facilityIDs: [id], filter: FacilityFilter(), by: "walk", minutes: [2, 4])
        #expect(features.count == 2)
        let km = features.map { $0[property: "reached_km"] }
        #expect(features.map { $0[property: "minutes"] } == [.number(4), .number(2)])
        if case let .number(big) = km[0], case let .number(small) = km[1] { #expect(big > small && small > 0) } else { Issue.record("reached_km missing") }
        for f in features {
            guard case let .polygon(rings) = f.geometry else { Issue.record("expected one polygon"); continue }
            for ring in rings { #expect(ring.first == ring.last && ring.count >= 4) }
        }
    }

    @Test("reaches by road read distances and times and refuse a mix", arguments: [
        ("10min", true, 600.0), ("90s", true, 90), ("1.5h", true, 5400), ("2km", false, 2000), ("500m", false, 500),
    ])
    func reachTexts(_ text: String, _ byTime: Bool, _ value: Double) throws {
        let q = try RoadQuestion(by: "bike", within: text)
        #expect(q.ranksByTime == byTime)
        #expect(q.reach == value)
        #expect(throws: OverblikError.self) { try RoadQuestion.reaches(by: "car", within: [text, byTime ? "1km" : "1min"]) }
        #expect(throws: OverblikError.self) { try RoadQuestion(by: "boat", within: text) }
    }
}
