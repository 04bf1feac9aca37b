import TestSupport
import Facilities
import Foundation
import Scheduling
import Testing
@testable import Analysis

/// Properties on random instances: never double-booked, deterministic, nothing left unused that a
/// refused application could have had.
@Suite("Allocation properties on random instances")
struct AllocationPropertyTests {
    typealias F = AllocationFixtures

    @Test("Never double-books and every allocation fits its room", arguments: Array(UInt64(1)...12))
    func neverDoubleBooks(seed: UInt64) throws {
        let instance = AllocationInstance.random(seed: seed, applications: 120, facilities: 12, roomsPerFacility: 1...3)
        let result = try instance.allocate(rules: F.aalborgRules())
        #expect(!result.allocations.isEmpty)
        AllocationInvariants.check(result, applications: instance.applications, rooms: instance.rooms,
                                   facilities: instance.facilities, bookings: instance.bookings, season: instance.season)
    }

    @Test("Shuffled input gives byte-identical output", arguments: [UInt64(21), 22, 23])
    func deterministic(seed: UInt64) throws {
        let instance = AllocationInstance.random(seed: seed, applications: 150, facilities: 15, roomsPerFacility: 1...3)
        let rules = try F.aalborgRules()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let reference = try encoder.encode(instance.allocate(rules: rules))
        var g = SeededGenerator(seed: seed * 7)
        for _ in 0..<3 {
            var shuffled = instance
            shuffled.applications.shuffle(using: &g)
            shuffled.rooms.shuffle(using: &g)
            shuffled.facilities.shuffle(using: &g)
            #expect(try encoder.encode(shuffled.allocate(rules: rules)) == reference)
        }
    }

    @Test("A refused application finds every room that meets its needs held at each of its slots",
          arguments: Array(UInt64(31)...38))
    func refusalsAreForced(seed: UInt64) throws {
        let instance = AllocationInstance.random(seed: seed, applications: 150, facilities: 8, roomsPerFacility: 1...2,
                                                 alwaysOpen: true)
        let result = try instance.allocate()
        let facilityByID = Dictionary(uniqueKeysWithValues: instance.facilities.map { ($0.id, $0) })
        let appByID = Dictionary(uniqueKeysWithValues: instance.applications.map { ($0.id, $0) })
        var held: [String: [(WeeklySlot, String)]] = [:]
        for a in result.allocations {
            let slot = try WeeklySlot(parsing: "\(a.weekday) \(a.start)-\(a.end)")
            held[a.room, default: []].append((slot, a.application))
        }
        #expect(!result.refusals.isEmpty, "instance too easy to test anything")
        for refusal in result.refusals {
            let app = try #require(appByID[refusal.application])
            for room in instance.rooms {
                let f = facilityByID[room.facilityID]!
                let access = room.accessibility ?? f.accessibility
                guard f.owner != .private, (room.capacity ?? 0) >= app.participants,
                      app.kinds.isEmpty || app.kinds.contains(f.kind),
                      app.wheelchair.map({ access.wheelchair.satisfies($0) }) ?? true,
                      !app.stepFree || access.stepFree == .yes,
                      app.equipment.isSubset(of: Set(room.equipment)),
                      app.maxDistanceMetres.map({ F.haversineMetres(app.home!, f.location) <= $0 }) ?? true
                else { continue }
                for slot in app.slots where slot.endMinute <= 23 * 60 { // the rooms are open 08:00-23:00
                    #expect((held[room.id] ?? []).contains { $0.0.allocationOverlaps(slot) },
                            "\(app.id) refused though \(room.id) is free \(slot): \(refusal.reason)")
                }
            }
        }
    }

    @Test("Without local rules, a refused slot was held by an application of the same or a higher class")
    func higherClassHolds() throws {
        for seed in UInt64(41)...46 {
            let instance = AllocationInstance.random(seed: seed, applications: 150, facilities: 8, roomsPerFacility: 1...2,
                                                     alwaysOpen: true)
            let result = try instance.allocate()
            let appByID = Dictionary(uniqueKeysWithValues: instance.applications.map { ($0.id, $0) })
            for refusal in result.refusals {
                let app = appByID[refusal.application]!
                for a in result.allocations where refusal.reason.contains("(\(a.application))") {
                    #expect(appByID[a.application]!.activity <= app.activity)
                }
            }
        }
    }
}
