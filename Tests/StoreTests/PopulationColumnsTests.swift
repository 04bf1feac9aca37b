import Foundation
import TestSupport
import Facilities
import GeoTypes
import Testing
@testable import Store

@Suite("Population columns")
struct PopulationColumnsTests {
    @Test("populationColumns() returns every point's lon, lat and weight in rowid order, bit for bit")
    func columnsMatchPoints() throws {
        let dir = try TestSupport.temporaryDirectory("columns")
        let store = try OverblikStore(path: dir.appendingPathComponent("c.sqlite").path)
        var rng = SeededGenerator(seed: 77)
        // Ids in insertion order, so rowid order equals populationPoints()'s id order.
        let points = (0 ..< 2_345).map { i in
            PopulationPoint(id: String(format: "p%06d", i),
                            location: Coordinate(lon: .random(in: 8 ... 15, using: &rng), lat: .random(in: 54 ... 58, using: &rng)),
                            weight: i % 9 == 0 ? 0 : .random(in: 0.5 ... 30, using: &rng))
        }
        try store.write { try store.insert(population: points, replace: false) }
        let columns = try store.populationColumns()
        let stored = try store.populationPoints()
        #expect(columns.count == points.count)
        #expect(columns.lon.map(\.bitPattern) == stored.map(\.location.lon.bitPattern))
        #expect(columns.lat.map(\.bitPattern) == stored.map(\.location.lat.bitPattern))
        #expect(columns.weight == stored.map(\.weight))
        #expect(columns.lon == points.map(\.location.lon))

        for rows in [1, 7, 1_000, 2_345, 1 << 20] {
            var chunks: [PopulationColumns] = []
            try store.forEachPopulationChunk(rows: rows) { chunks.append($0) }
            #expect(chunks.count == (points.count + rows - 1) / rows, "rows \(rows)")
            #expect(chunks.dropLast().allSatisfy { $0.count == rows })
            #expect(chunks.flatMap(\.lon).map(\.bitPattern) == columns.lon.map(\.bitPattern))
            #expect(chunks.flatMap(\.lat).map(\.bitPattern) == columns.lat.map(\.bitPattern))
            #expect(chunks.flatMap(\.weight) == columns.weight)
        }

        let empty = try OverblikStore(path: dir.appendingPathComponent("e.sqlite").path)
        #expect(try empty.populationColumns().count == 0)
        var calls = 0
        try empty.forEachPopulationChunk { _ in calls += 1 }
        #expect(calls == 0)
    }
}
