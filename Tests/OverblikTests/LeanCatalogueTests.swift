import Analysis
import Facilities
import Foundation
import GeoTypes
import Scheduling
import Testing
import TestSupport
@testable import Overblik

/// Coverage, gaps and access read a lean catalogue streamed from the store (``LeanFacilities``)
/// instead of the full one. On seeded random stores it must decide every facility as the full
/// catalogue does, and every answer must be the same bits whichever way it was read.
@Suite("The lean catalogue answers as the full catalogue")
struct LeanCatalogueTests {
    static let kinds = ["village_hall", "school", "library", "clubhouse", "sports_hall"]
    static let hours = ["Mo-Fr 08:00-22:00", "Mo-Th 17:00-22:00; Sa,Su 08:00-20:00; PH off", "24/7", "Tu,Th 18:00-21:00", ""]
    static let tri = ["yes", "no", ""]

    /// The sample's districts and settlements, plus seeded random facilities (some with rooms that
    /// override accessibility) and population points.
    static func store(seed: UInt64) throws -> (Overblik, String) {
        let (o, path) = try freshOverblik("lean-\(seed)")
        _ = try o.importFile(.districts, at: TestSupport.sampleFile("districts.geojson").path,
                             options: ImportOptions(nameField: "name", codeField: "code", ruralField: "rural"))
        _ = try o.importFile(.settlements, at: TestSupport.sampleFile("settlements.csv").path)
        let dir = try TestSupport.temporaryDirectory("lean-\(seed)")
        var rng = SeededGenerator(seed: seed)
        func pick(_ values: [String]) -> String { values[Int.random(in: 0 ..< values.count, using: &rng)] }
        var facilities = ["id,name,kind,lon,lat,capacity,opening_hours,wheelchair,step_free,hearing_loop"]
        var rooms = ["facility_id,id,name,capacity,opening_hours,equipment,wheelchair,step_free,hearing_loop,disability_suited"]
        for i in 0 ..< 300 {
            let id = "f\(Int.random(in: 0 ..< 1_000_000, using: &rng))-\(i)"
            // Some facilities share a position: ties must break by id both ways.
            let (lon, lat) = i % 25 == 0 ? (9.9, 57.0) : (Double.random(in: 9.6...10.3, using: &rng), Double.random(in: 56.85...57.2, using: &rng))
            facilities.append("\(id),Sted \(i),\(pick(kinds)),\(String(format: "%.6f", lon)),\(String(format: "%.6f", lat)),"
                + "\(Bool.random(using: &rng) ? String(Int.random(in: 5...200, using: &rng)) : ""),\"\(pick(hours))\","
                + "\(pick(["yes", "limited", "no", ""])),\(pick(tri)),\(pick(tri))")
            for r in 0 ..< Int.random(in: 0...3, using: &rng) where i % 3 != 0 {
                rooms.append("\(id),\(id)-r\(r),Lokale \(r),\(Int.random(in: 5...120, using: &rng)),\"\(pick(hours))\","
                    + "\(pick(["projector", "kitchen|projector", ""])),\(pick(["yes", "no", ""])),\(pick(tri)),\(pick(tri)),"
                    + "\(Bool.random(using: &rng))")
            }
        }
        var population = ["id,lon,lat,weight"]
        for i in 0 ..< 1_500 {
            population.append(String(format: "p%05d,%.6f,%.6f,%d", i, Double.random(in: 9.55...10.35, using: &rng),
                                     Double.random(in: 56.85...57.2, using: &rng), Int.random(in: 0...9, using: &rng)))
        }
        for (name, lines) in [("facilities", facilities), ("rooms", rooms), ("population", population)] {
            try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
        }
        _ = try o.importFile(.facilities, at: dir.appendingPathComponent("facilities.csv").path)
        _ = try o.importFile(.rooms, at: dir.appendingPathComponent("rooms.csv").path)
        _ = try o.importFile(.population, at: dir.appendingPathComponent("population.csv").path)
        return (o, path)
    }

    static let filters: [FacilityFilter] = [
        FacilityFilter(),
        FacilityFilter(kinds: [.villageHall, .school]),
        FacilityFilter(wheelchair: .yes),
        FacilityFilter(stepFree: true, minCapacity: 40),
        FacilityFilter(equipment: ["projector"], disabilitySuited: true),
    ]

    static func times() throws -> [TimeCondition?] {
        [nil, .freeAt(start: try LocalDateTime(parsing: "2026-12-08T19:00"), duration: ScheduleDuration(minutes: 90))]
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("streamed from the store, every facility is decided as the loaded catalogue decides it", arguments: [UInt64(1), 2, 3])
    func sameDecisions(seed: UInt64) throws {
        let (o, _) = try Self.store(seed: seed)
        let catalog = try o.catalog()
        for filter in Self.filters {
            for time in try Self.times() {
                let streamed = try o.leanFacilities(filter: filter, time: time, measure: { f, rooms in
                    (Double(rooms.count), Double(rooms.reduce(0) { $0 + ($1.capacity ?? f.capacity ?? 1) }))
                }, streamed: true)
                let accept = try time.map { try o.timeFilter($0) }
                let qualifying = catalog.engine.qualifying(filter: filter, accept: accept)
                let expected = catalog.engine.facilities.indices.filter { qualifying[$0] }.map { catalog.engine.facilities[$0] }
                #expect((0 ..< streamed.count).map { streamed.ids[$0] } == expected.map(\.id), "\(filter) \(String(describing: time))")
                #expect((0 ..< streamed.count).map { streamed.names[$0] } == expected.map(\.name))
                #expect(streamed.locations == expected.map(\.location))
                #expect((0 ..< streamed.count).map { streamed.districtCode($0) } == expected.map(\.districtCode))
                let loaded = try o.leanFacilities(filter: filter, time: time, measure: { f, rooms in
                    (Double(rooms.count), Double(rooms.reduce(0) { $0 + ($1.capacity ?? f.capacity ?? 1) }))
                })
                #expect(streamed.hours == loaded.hours && streamed.supply == loaded.supply)
                #expect(streamed.count > 0 || filter != FacilityFilter(), "the unfiltered question must qualify some")
            }
        }
    }

    @Test("nearest facilities and catchments of the lean index are the full engine's, facility and distance", arguments: [UInt64(4), 5])
    func sameNearest(seed: UInt64) throws {
        let (o, _) = try Self.store(seed: seed)
        let catalog = try o.catalog()
        for filter in Self.filters {
            let outcome = try o.coverage(CoverageQuery(filter: filter, reaches: [Reach(.within(metres: 3_000), label: "3km")],
                                                       source: .population))
            let qualifying = catalog.engine.qualifying(filter: filter)
            #expect(outcome.demand.count == 1_500)
            for row in outcome.demand {
                let expected = catalog.engine.nearestQualifying(to: Coordinate(lon: row.lon, lat: row.lat), qualifying: qualifying)
                #expect(row.nearestFacility == expected.map { catalog.engine.facilities[$0.facility].id })
                #expect(row.distanceM == expected.map { ($0.metres * 1000).rounded() / 1000 })
            }
            // Access's catchments: the same facilities in the same order with the same distance bits.
            let lean = try o.leanFacilities(filter: filter, time: nil, streamed: true)
            for row in outcome.demand.prefix(300) {
                let point = Coordinate(lon: row.lon, lat: row.lat)
                let full = catalog.engine.within(radius: 2_500, of: point, filter: filter)
                let streamed = lean.catchment(radius: 2_500, of: point)
                #expect(streamed.map { lean.ids[$0.facility] } == full.map(\.facility.id))
                #expect(streamed.map(\.metres) == full.map(\.distance))
            }
        }
    }

    @Test("coverage, gaps and access are the same bytes cold (streamed) and with the catalogue loaded", arguments: [UInt64(6), 7])
    func coldEqualsLoaded(seed: UInt64) throws {
        let (_, path) = try Self.store(seed: seed)
        for filter in Self.filters {
            for time in try Self.times() {
                let reaches = [Reach(.byClass(ruralMetres: 6_000, urbanMetres: 2_000)), Reach(.within(metres: 1_000), label: "1km")]
                let coverage = CoverageQuery(filter: filter, time: time, reaches: reaches, source: .population)
                let access = AccessibilityQuery(filter: filter, time: time, reach: Reach(.within(metres: 4_000), label: "4km"),
                                                source: .population, weekOf: try LocalDate(parsing: "2026-12-07"))
                let fresh = try Overblik(databasePath: path)
                let answers = [try Self.json(fresh.coverage(coverage).demand), try Self.json(fresh.gaps(coverage)),
                               try Self.json(fresh.accessibility(access))]
                let loaded = try Overblik(databasePath: path)
                _ = try loaded.catalog()
                #expect(answers == [try Self.json(loaded.coverage(coverage).demand), try Self.json(loaded.gaps(coverage)),
                                    try Self.json(loaded.accessibility(access))], "\(filter) \(String(describing: time))")
            }
        }
    }
}
