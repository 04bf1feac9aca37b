import Facilities
import Foundation
import GeoTypes
import Scheduling
import Testing
import TestSupport
@testable import Analysis

/// The sample round of Data/: applications.csv against the sample facilities and rooms.
@Suite("Sample allocation round")
struct AllocationSampleRoundTests {
    typealias F = AllocationFixtures
    static let season = try! AllocationSeason(parsing: "2026-08-17..2027-06-18")

    func run() throws -> (AllocationResult, [AllocationApplication], [Room], [Facility]) {
        let settlements = try F.sampleSettlements()
        let text = try String(contentsOf: TestSupport.sampleFile("applications.csv"), encoding: .utf8)
        let apps = try ApplicationParser.parse(text, settlements: settlements)
        let rooms = try F.sampleRooms(), facilities = try F.sampleFacilities()
        let result = try AllocationEngine.allocate(applications: apps, rooms: rooms, facilities: facilities,
                                                   existingBookings: [:], season: Self.season, rules: F.aalborgRules(),
                                                   calendar: .danish, distance: F.distance)
        return (result, apps, rooms, facilities)
    }

    @Test("The sample round allocates in statutory order and explains every refusal")
    func sampleRound() throws {
        let (result, apps, rooms, facilities) = try run()
        #expect(result.allocations.count + result.refusals.count == apps.count)
        #expect(result.summary.applications == 40)
        let facilityByID = Dictionary(uniqueKeysWithValues: facilities.map { ($0.id, $0) })
        let roomByID = Dictionary(uniqueKeysWithValues: rooms.map { ($0.id, $0) })
        for a in result.allocations {
            #expect(facilityByID[a.facility]?.owner != .private, "\(a.application) got private premises")
            #expect(!a.reason.isEmpty && !a.dates.isEmpty)
        }
        // Every stk. 4 allocation is a disability application in a suited room.
        let appByID = Dictionary(uniqueKeysWithValues: apps.map { ($0.id, $0) })
        for a in result.allocations where a.rule == "stk. 4" {
            #expect(appByID[a.application]?.activity == .disability)
            #expect(roomByID[a.room]?.disabilitySuited == true)
        }
        #expect(result.allocations.contains { $0.rule == "stk. 4" })
        // The sample asks for halls within 3 km of Farstrup and Store Ajstrup, which it cannot give.
        for id in ["a15", "a32"] {
            #expect(result.refusals.contains { $0.application == id }, "\(id) should be refused")
        }
        #expect(result.refusals.allSatisfy { !$0.reason.isEmpty })
        // Hours add up.
        let allocatedHours = result.summary.byActivity.map(\.allocatedWeeklyHours).reduce(0, +)
        #expect(abs(allocatedHours - result.summary.byArea.map(\.allocatedWeeklyHours).reduce(0, +)) < 1e-9)
        #expect(result.summary.byArea.first { $0.group == "unknown" }?.applications == 0)
        AllocationInvariants.check(result, applications: apps, rooms: rooms, facilities: facilities, season: Self.season)
    }

    @Test("The sample result encodes with the snake_case keys of DESIGN.md")
    func jsonShape() throws {
        let (result, _, _, _) = try run()
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        #expect(Set(object.keys) == ["allocations", "refusals", "summary"])
        let first = try #require((object["allocations"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["application", "facility", "room", "weekday", "start", "end", "dates",
                                    "skipped_dates", "rule", "reason"])
        let refusal = try #require((object["refusals"] as? [[String: Any]])?.first)
        #expect(Set(refusal.keys) == ["application", "reason"])
        let decoded = try JSONDecoder().decode(AllocationResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
    }

    @Test("The sample round matches its golden JSON (OVERBLIK_UPDATE_GOLDEN=1 rewrites it)")
    func golden() throws {
        let (result, _, _, _) = try run()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
        try Golden.expect(text, matches: "Tests/Fixtures/Allocation/sample-round.json")
    }
}
