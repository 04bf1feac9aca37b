import TestSupport
import Facilities
import GeoTypes
import Scheduling
@testable import Analysis

/// Random allocation instances from a seed (for property tests and the timing run).
struct AllocationInstance {
    var applications: [AllocationApplication]
    var rooms: [Room]
    var facilities: [Facility]
    var bookings: [String: [LocalInterval]]
    var season: AllocationSeason

    static let hours = ["Mo-Su 08:00-23:00", "Mo-Fr 16:00-22:00; PH off", "Mo-Th 17:00-22:00; Sa,Su 09:00-17:00; PH off",
                        "Mo-Su 07:00-23:00; Dec 24-26 off", "Mo-Fr 09:00-12:00,16:00-21:00; PH off"]
    static let kinds: [FacilityKind] = [.school, .sportsHall, .villageHall, .activityCentre, .cultureHouse]
    static let owners: [OwnerClass] = [.municipal, .municipal, .municipal, .education, .regional, .state, .private]

    /// - Parameters:
    ///   - alwaysOpen: every room open 08-23 every day and no bookings (availability then depends only on
    ///     the round itself, which the maximality property needs).
    static func random(seed: UInt64, applications appCount: Int, facilities facilityCount: Int, roomsPerFacility: ClosedRange<Int>,
                       alwaysOpen: Bool = false) -> AllocationInstance {
        var g = SeededGenerator(seed: seed)
        let season = try! AllocationSeason(parsing: "2026-08-17..2027-06-18")
        var facilities: [Facility] = [], rooms: [Room] = [], bookings: [String: [LocalInterval]] = [:]
        for f in 0..<facilityCount {
            let id = "f\(f)"
            let access = Accessibility(wheelchair: WheelchairAccess.allCases.randomElement(using: &g)!,
                                       stepFree: TriState.allCases.randomElement(using: &g)!)
            let location = Coordinate(lon: 9.9 + Double.random(in: -0.25...0.25, using: &g),
                                      lat: 57.0 + Double.random(in: -0.12...0.12, using: &g))
            facilities.append(Facility(id: id, name: "Facility \(f)", kind: kinds.randomElement(using: &g)!, location: location,
                                       owner: owners.randomElement(using: &g)!, accessibility: access))
            for r in 0..<Int.random(in: roomsPerFacility, using: &g) {
                let roomID = "\(id)-r\(r)"
                rooms.append(Room(id: roomID, facilityID: id, name: "Room \(r)",
                                  capacity: Int.random(in: 0..<10, using: &g) == 0 ? nil : Int.random(in: 10...120, using: &g),
                                  equipment: ["kitchen", "sports_floor", "projector"].filter { _ in Bool.random(using: &g) },
                                  openingHours: alwaysOpen ? "Mo-Su 08:00-23:00" : hours.randomElement(using: &g)!,
                                  disabilitySuited: Int.random(in: 0..<10, using: &g) == 0))
                if !alwaysOpen && Int.random(in: 0..<4, using: &g) == 0 {
                    let day = season.from.adding(days: Int.random(in: 0..<300, using: &g))
                    let start = Int.random(in: 16...20, using: &g) * 60
                    bookings[roomID] = [try! LocalInterval(start: LocalDateTime(date: day, minuteOfDay: start),
                                                           end: LocalDateTime(date: day, minuteOfDay: start + 120))]
                }
            }
        }
        var apps: [AllocationApplication] = []
        let weekdays = Weekday.allCases
        for a in 0..<appCount {
            var slots: [WeeklySlot] = []
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let start = Int.random(in: 32...42, using: &g) * 30
                let slot = try! WeeklySlot(weekday: weekdays.randomElement(using: &g)!, startMinute: start,
                                           endMinute: start + [60, 90, 120, 150].randomElement(using: &g)!)
                if !slots.contains(slot) { slots.append(slot) }
            }
            let home = Coordinate(lon: 9.9 + Double.random(in: -0.25...0.25, using: &g),
                                  lat: 57.0 + Double.random(in: -0.12...0.12, using: &g))
            let kindCount = Int.random(in: 0...2, using: &g)
            apps.append(AllocationApplication(
                id: "app\(String(a + 100_000).dropFirst())", association: "Association \(a)",
                activity: ActivityClass.allCases.randomElement(using: &g)!, participants: Int.random(in: 5...60, using: &g),
                slots: slots, kinds: Set((0..<kindCount).map { _ in kinds.randomElement(using: &g)! }),
                wheelchair: Int.random(in: 0..<6, using: &g) == 0 ? .yes : nil, stepFree: Int.random(in: 0..<6, using: &g) == 0,
                equipment: Int.random(in: 0..<4, using: &g) == 0 ? ["kitchen"] : [], home: home,
                rural: Bool.random(using: &g),
                maxDistanceMetres: Int.random(in: 0..<4, using: &g) == 0 ? nil : Double(Int.random(in: 3...20, using: &g) * 1000),
                submitted: Int.random(in: 0..<10, using: &g) == 0 ? nil
                    : LocalDateTime(date: try! LocalDate(parsing: "2026-01-01"), minuteOfDay: 0)
                        .adding(minutes: Int.random(in: 0..<6, using: &g) * 1440 * 7),
                tags: Int.random(in: 0..<8, using: &g) == 0 ? ["elite"] : []))
        }
        return AllocationInstance(applications: apps, rooms: rooms, facilities: facilities, bookings: bookings, season: season)
    }

    func allocate(rules: LocalAllocationRules = .none) throws -> AllocationResult {
        try AllocationEngine.allocate(applications: applications, rooms: rooms, facilities: facilities,
                                      existingBookings: bookings, season: season, rules: rules, calendar: .danish,
                                      distance: AllocationFixtures.distance)
    }
}
