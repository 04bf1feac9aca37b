import Foundation
import Testing
@testable import Analysis

/// Prints the time of a large round (no assertion on time; benchmarks live apart from tests).
@Suite("Allocation timing")
struct AllocationTimingTests {
    @Test("A round of 2 000 applications against 500 rooms completes and prints its time")
    func largeRound() throws {
        var instance = AllocationInstance.random(seed: 2026, applications: 2_000, facilities: 170, roomsPerFacility: 3...3)
        instance.rooms = Array(instance.rooms.prefix(500))
        let rules = try AllocationFixtures.aalborgRules()
        let clock = ContinuousClock()
        var result: AllocationResult? = nil
        let elapsed = try clock.measure { result = try instance.allocate(rules: rules) }
        let r = try #require(result)
        print("allocation timing: \(instance.applications.count) applications, \(instance.rooms.count) rooms, "
              + "season \(r.summary.seasonFrom)..\(r.summary.seasonTo): \(r.allocations.count) allocated, "
              + "\(r.refusals.count) refused in \(elapsed)")
        #expect(r.allocations.count + r.refusals.count == 2_000)
    }
}
