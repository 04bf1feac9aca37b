import Formats
import Facilities
import Foundation
import GeoTypes
import Scheduling
import TestSupport
@testable import Analysis

/// Builders and loaders shared by the allocation tests.
enum AllocationFixtures {
    /// Great-circle distance on a sphere of radius 6 371 008.8 m (tests only; production passes geodesic).
    static func haversineMetres(_ a: Coordinate, _ b: Coordinate) -> Double {
        let r = 6_371_008.8, rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, h.squareRoot()))
    }

    static let distance: @Sendable (Coordinate, Facility) -> Double = { home, f in haversineMetres(home, f.location) }

    /// A point `metres` east of the test origin (57.0 N, 9.9 E).
    static func point(eastMetres metres: Double) -> Coordinate {
        Coordinate(lon: 9.9 + metres / (111_320 * cos(57.0 * Double.pi / 180)), lat: 57.0)
    }

    static let home = point(eastMetres: 0)

    static func facility(_ id: String, owner: OwnerClass = .municipal, kind: FacilityKind = .sportsHall,
                         eastMetres: Double = 1_000, wheelchair: WheelchairAccess = .unknown,
                         stepFree: TriState = .unknown) -> Facility {
        Facility(id: id, name: "Facility \(id)", kind: kind, location: point(eastMetres: eastMetres), owner: owner,
                 accessibility: Accessibility(wheelchair: wheelchair, stepFree: stepFree))
    }

    static func room(_ id: String, in facility: String, capacity: Int? = 50, hours: String? = "Mo-Su 08:00-23:00",
                     equipment: [String] = [], suited: Bool = false) -> Room {
        Room(id: id, facilityID: facility, name: "Room \(id)", capacity: capacity, equipment: equipment,
             openingHours: hours, disabilitySuited: suited)
    }

    static func application(_ id: String, _ activity: ActivityClass, slots: [String] = ["Tu 19:00-21:00"],
                            participants: Int = 20, submitted: String? = "2026-02-01", kinds: Set<FacilityKind> = [],
                            maxDistance: Double? = nil, tags: Set<String> = []) -> AllocationApplication {
        AllocationApplication(id: id, association: "Association \(id)", activity: activity, participants: participants,
                              slots: slots.map { try! WeeklySlot(parsing: $0) }, kinds: kinds, home: home,
                              maxDistanceMetres: maxDistance,
                              submitted: submitted.map { try! LocalDateTime(parsing: $0) }, tags: tags)
    }

    /// Autumn 2026: 2026-08-17 (Monday) to 2026-12-18 (Friday).
    static let season = try! AllocationSeason(parsing: "2026-08-17..2026-12-18")

    static func allocate(_ apps: [AllocationApplication], rooms: [Room], facilities: [Facility],
                         bookings: [String: [LocalInterval]] = [:], season: AllocationSeason = season,
                         rules: LocalAllocationRules = .none) throws -> AllocationResult {
        try AllocationEngine.allocate(applications: apps, rooms: rooms, facilities: facilities,
                                      existingBookings: bookings, season: season, rules: rules, calendar: .danish,
                                      distance: distance)
    }

    // MARK: - The sample in Data/

    static func rows(_ file: String) throws -> [[String: String]] {
        let reader = try CSVReader(path: TestSupport.sampleFile(file).path)
        let header = reader.header
        return try reader.readAll().map { r in
            Dictionary(uniqueKeysWithValues: zip(header, r.fields + Array(repeating: "", count: max(0, header.count - r.fields.count))))
        }
    }

    static func sampleFacilities() throws -> [Facility] {
        try rows("facilities.csv").map { r in
            Facility(id: r["id"]!, name: r["name"]!, kind: FacilityKind(parsing: r["kind"]!) ?? .other,
                     location: Coordinate(lon: Double(r["lon"]!)!, lat: Double(r["lat"]!)!),
                     owner: OwnerClass(parsing: r["owner"]!) ?? .private,
                     accessibility: Accessibility(wheelchair: WheelchairAccess(parsing: r["wheelchair"]!) ?? .unknown,
                                                  stepFree: TriState(parsing: r["step_free"]!) ?? .unknown),
                     capacity: Int(r["capacity"]!), openingHours: r["opening_hours"]!.isEmpty ? nil : r["opening_hours"],
                     disabilitySuited: r["disability_suited"] == "true")
        }
    }

    static func sampleRooms() throws -> [Room] {
        try rows("rooms.csv").map { r in
            let w = WheelchairAccess(parsing: r["wheelchair"]!) ?? .unknown, s = TriState(parsing: r["step_free"]!) ?? .unknown
            return Room(id: r["id"]!, facilityID: r["facility_id"]!, name: r["name"]!, capacity: Int(r["capacity"]!),
                        equipment: r["equipment"]!.split(separator: "|").map(String.init),
                        accessibility: w == .unknown && s == .unknown ? nil : Accessibility(wheelchair: w, stepFree: s),
                        openingHours: r["opening_hours"]!.isEmpty ? nil : r["opening_hours"],
                        disabilitySuited: r["disability_suited"] == "true")
        }
    }

    static func sampleSettlements() throws -> [Settlement] {
        try rows("settlements.csv").map { r in
            Settlement(id: r["id"]!, name: r["name"]!, location: Coordinate(lon: Double(r["lon"]!)!, lat: Double(r["lat"]!)!),
                       population: Double(r["population"]!)!, approximate: r["approximate"] == "true")
        }
    }

    static func aalborgRules() throws -> LocalAllocationRules {
        try LocalAllocationRules(json: String(contentsOf: TestSupport.sampleFile("rules/aalborg.json"), encoding: .utf8))
    }
}
