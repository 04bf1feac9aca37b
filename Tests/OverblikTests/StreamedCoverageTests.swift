import Analysis
import Facilities
import Foundation
import GeoTypes
import Testing
import TestSupport
@testable import Overblik

/// The report-only coverage path (store columns streamed, no per-point rows) must give the report of
/// the full path, whatever the storage order of the points and however their districts are set.
@Suite("Report-only coverage equals the full path")
struct StreamedCoverageTests {
    /// The sample with population points written in DESCENDING id order (so storage order differs
    /// from id order), plus points outside every district (NULL district) and zero weights.
    static func store() throws -> Overblik {
        let o = try CoverageTests.sample()
        let dir = try TestSupport.temporaryDirectory("streamed-coverage")
        let csv = dir.appendingPathComponent("population.csv")
        var rng = SeededGenerator(seed: 2026)
        var rows: [String] = []
        for i in 0 ..< 4_000 {
            let outside = i % 97 == 0
            let lon = outside ? Double.random(in: 12.3...12.6, using: &rng) : Double.random(in: 9.55...10.35, using: &rng)
            let lat = outside ? Double.random(in: 55.6...55.8, using: &rng) : Double.random(in: 56.85...57.2, using: &rng)
            let weight = i % 13 == 0 ? 0 : Double(Int.random(in: 1...900, using: &rng)) / 4
            rows.append(String(format: "q%05d,%.6f,%.6f,%.2f", i, lon, lat, weight))
        }
        try ("id,lon,lat,weight\n" + rows.reversed().joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        _ = try o.importFile(.population, at: csv.path)
        return o
    }

    static let queries: [(String, FacilityFilter, [Reach])] = [
        ("village halls 5 km", FacilityFilter(kinds: [.villageHall]), [Reach(.within(metres: 5_000), label: "5km")]),
        ("libraries rural/urban", FacilityFilter(kinds: [.library]),
         [Reach(.byClass(ruralMetres: 10_000, urbanMetres: 3_000)), Reach(.within(metres: 1_000), label: "1km")]),
        ("none qualifies", FacilityFilter(minCapacity: 1_000_000), [Reach(.within(metres: 5_000), label: "5km")]),
    ]

    @Test("same report as the per-point path", arguments: 0 ..< 3)
    func sameReport(_ q: Int) throws {
        let o = try Self.store()
        let (name, filter, reaches) = Self.queries[q]
        let full = try o.coverage(CoverageQuery(filter: filter, reaches: reaches))
        let streamed = try o.coverage(CoverageQuery(filter: filter, reaches: reaches, includeDemand: false))
        #expect(full.source == .population && streamed.source == .population)
        #expect(full.demand.count == 4_000 && streamed.demand.isEmpty)
        #expect(streamed.qualifyingFacilities == full.qualifyingFacilities)
        #expect(full.report.outsideDistricts.population > 0, "the fixture must have points outside every district")
        // Sums of weight × distance may differ in the last bits (the points are summed in another order);
        // everything else is exact.
        let a = try JSONSerialization.jsonObject(with: JSONEncoder().encode(full.report))
        let b = try JSONSerialization.jsonObject(with: JSONEncoder().encode(streamed.report))
        #expect(Self.close(a, b), "\(name)")
    }

    /// Structural equality, numbers within 1e-9 relative.
    static func close(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            return x.keys.sorted() == y.keys.sorted() && x.keys.allSatisfy { close(x[$0]!, y[$0]!) }
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { close($0, $1) }
        case let (x as NSNumber, y as NSNumber):
            let (u, v) = (x.doubleValue, y.doubleValue)
            return u == v || abs(u - v) <= 1e-9 * max(abs(u), abs(v))
        case let (x as String, y as String):
            return x == y
        case (is NSNull, is NSNull):
            return true
        default:
            return false
        }
    }
}
