import Testing
import GeoTypes

@Suite("Distance parsing and formatting")
struct DistanceTests {
    @Test("Valid texts parse to metres", arguments: [
        ("500m", 500.0), ("2.5km", 2500), ("5 km", 5000), ("1200m", 1200), (" 0 m ", 0),
        ("0.75 KM", 750), ("10M", 10), ("1e3m", 1000), (".5km", 500),
    ])
    func parses(_ c: (String, Double)) throws {
        #expect(try Distance(parsing: c.0).metres == c.1)
    }

    @Test("Invalid texts throw the reason", arguments: [
        ("", DistanceParseError.Reason.empty),
        ("   ", .empty),
        ("km", .notANumber),
        ("abc", .notANumber),
        ("5 miles", .unknownUnit("miles")),
        ("5 kilometres", .unknownUnit("kilometres")),
        ("2,5km", .unknownUnit(",5km")),
        ("-3km", .negative),
        ("1e999", .notFinite),
        ("5", .missingUnit),
        ("1200", .missingUnit),
        (" 0 ", .missingUnit),
    ])
    func rejects(_ c: (String, DistanceParseError.Reason)) {
        #expect(throws: DistanceParseError(text: c.0, reason: c.1)) { try Distance(parsing: c.0) }
    }

    @Test("Formatting rounds to the metre", arguments: [
        (850.0, "850 m"), (849.6, "850 m"), (0, "0 m"), (999.4, "999 m"), (999.6, "1.000 km"),
        (12_345.4, "12.345 km"), (1_005, "1.005 km"), (250_000, "250.000 km"),
    ])
    func formats(_ c: (Double, String)) {
        #expect(Distance(metres: c.0).description == c.1)
    }

    @Test("Errors say what was wrong")
    func errorText() {
        let e = DistanceParseError(text: "5 miles", reason: .unknownUnit("miles"))
        #expect(e.description.contains("miles") && e.description.contains("m or km"))
    }
}

@Suite("Compass directions")
struct CompassDirectionTests {
    @Test("Eight points", arguments: [(Double, String)]([
        (0.0, "N"), (22.4, "N"), (22.5, "NE"), (45, "NE"), (90, "E"), (180, "S"), (225, "SW"),
        (337.5, "N"), (359.9, "N"), (-45, "NW"), (810, "E"),
    ]))
    func eight(_ c: (Double, String)) {
        #expect(CompassDirection.name(forBearing: c.0) == c.1)
    }

    @Test("Sixteen points", arguments: [
        (0.0, "N"), (11.25, "NNE"), (60, "ENE"), (112.5, "ESE"), (200, "SSW"), (350, "N"), (340, "NNW"),
    ])
    func sixteen(_ c: (Double, String)) {
        #expect(CompassDirection.name(forBearing: c.0, points: .sixteen) == c.1)
    }

    @Test("Azimuth from Aalborg to Copenhagen reads south-east")
    func fromGeodesic() {
        let az = Geodesic.inverse(from: Coordinate(lon: 9.9187, lat: 57.048), to: Coordinate(lon: 12.568, lat: 55.676)).initialAzimuth
        #expect(CompassDirection.name(forBearing: az) == "SE")
    }
}

@Suite("Bounding box")
struct BoundingBoxTests {
    @Test("Contains the points it was built from")
    func containing() throws {
        let pts = [Coordinate(lon: 9.9, lat: 57.0), Coordinate(lon: 10.2, lat: 56.8), Coordinate(lon: 9.5, lat: 57.1)]
        let box = try #require(BoundingBox(containing: pts))
        #expect(box == BoundingBox(minLon: 9.5, minLat: 56.8, maxLon: 10.2, maxLat: 57.1))
        #expect(pts.allSatisfy(box.contains))
        #expect(!box.contains(Coordinate(lon: 9.4, lat: 57.0)))
        #expect(BoundingBox(containing: [Coordinate]()) == nil)
    }
}
