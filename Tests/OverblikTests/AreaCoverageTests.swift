import Analysis
import Facilities
import Foundation
import GeoTypes
import Testing
import TestSupport
@testable import Overblik

@Suite("Area measure of coverage when there are no residents")
struct AreaCoverageTests {
    /// A square district of `side` degrees of longitude around (lon, lat).
    static func square(_ code: String, lon: Double, lat: Double, halfLon: Double, halfLat: Double) -> String {
        let ring = [(lon - halfLon, lat - halfLat), (lon + halfLon, lat - halfLat), (lon + halfLon, lat + halfLat),
                    (lon - halfLon, lat + halfLat), (lon - halfLon, lat - halfLat)]
            .map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
        return #"{"type":"Feature","properties":{"code":"\#(code)","name":"District \#(code)"},"geometry":{"type":"Polygon","coordinates":[[\#(ring)]]}}"#
    }

    @Test("a district inside one reach has share 1, a far one 0, a hall on the edge covers half its disc")
    func shares() throws {
        let (o, _) = try freshOverblik("area")
        let features = [
            Self.square("IN", lon: 9.90, lat: 57.00, halfLon: 0.01, halfLat: 0.005),    // ~1.2 × 1.1 km around the hall
            Self.square("FAR", lon: 10.30, lat: 57.20, halfLon: 0.02, halfLat: 0.01),
            // A second hall sits on this square's western edge (a meridian): half its disc lies inside.
            Self.square("HALF", lon: 9.50, lat: 56.80, halfLon: 0.05, halfLat: 0.05),
        ]
        let geo = #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
        _ = try o.importFile(.districts, at: TestSupport.writeTemporary(geo, name: "d.geojson").path,
                             options: ImportOptions(nameField: "name", codeField: "code"))
        let f = """
        id,name,kind,lon,lat
        hall,Hall,village_hall,9.90,57.00
        edge,Edge hall,village_hall,9.45,56.80
        """
        _ = try o.importFile(.facilities, at: TestSupport.writeTemporary(f, name: "f.csv").path)
        let outcome = try o.coverage(CoverageQuery(filter: FacilityFilter(kinds: [.villageHall]),
                                                   reaches: [Reach(.within(metres: 3_000), label: "3km")]))
        #expect(outcome.source == .area)
        let areas = try #require(outcome.areas)
        let byCode = Dictionary(uniqueKeysWithValues: areas.map { ($0.code, $0) })
        let inside = try #require(byCode["IN"]), far = try #require(byCode["FAR"]), half = try #require(byCode["HALF"])
        #expect(abs((inside.areaShare["3km"] ?? nil)! - 1) < 1e-9)
        #expect((far.areaShare["3km"] ?? nil) == 0)
        #expect(far.coveredKm2["3km"] == 0)
        // Area of IN: ~1.21 km × 1.11 km.
        let w = Geodesic.distance(from: Coordinate(lon: 9.89, lat: 57.0), to: Coordinate(lon: 9.91, lat: 57.0))
        let h = Geodesic.distance(from: Coordinate(lon: 9.9, lat: 56.995), to: Coordinate(lon: 9.9, lat: 57.005))
        #expect(abs(inside.areaKm2 - w * h / 1e6) / (w * h / 1e6) < 0.01)
        // HALF: the edge hall's 3 km geodesic disc is symmetric about its meridian, so half of it is inside.
        let disc = Double.pi * 3 * 3
        #expect(abs(half.coveredKm2["3km"]! - disc / 2) / (disc / 2) < 0.005)
        // Figures are rounded (km² to 1e-6, shares to 1e-9).
        #expect(abs((half.areaShare["3km"] ?? nil)! - half.coveredKm2["3km"]! / half.areaKm2) < 1e-8)
        #expect(half.facilities == 1 && inside.facilities == 1 && far.facilities == 0)
    }
}
