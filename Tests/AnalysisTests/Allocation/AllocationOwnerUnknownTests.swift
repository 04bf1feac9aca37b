import Facilities
import Testing
@testable import Analysis

@Suite("Allocation with rooms of unknown owner")
struct AllocationOwnerUnknownTests {
    typealias F = AllocationFixtures

    @Test("a room whose owner is unknown is not offered, and the result asks for its owner")
    func unknownOwnerIsNotOffered() throws {
        let facilities = [F.facility("school", owner: .unknown, eastMetres: 500), F.facility("hall", owner: .municipal, eastMetres: 4_000)]
        let rooms = [F.room("school-gym", in: "school"), F.room("hall-main", in: "hall")]
        let result = try F.allocate([F.application("a", .children)], rooms: rooms, facilities: facilities)
        #expect(result.allocations.map(\.room) == ["hall-main"])
        let notOffered = try #require(result.summary.roomsNotOffered.first { $0.room == "school-gym" })
        #expect(notOffered.reason.contains("owner unknown"))
    }
}
