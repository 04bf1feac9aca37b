import Facilities
import Foundation
import Scheduling
import Testing
@testable import Analysis

/// The statutory rules of § 21 and their interplay, one small instance per rule.
@Suite("Allocation rules of § 21")
struct AllocationRuleTests {
    typealias F = AllocationFixtures

    @Test("stk. 4: a disability activity gets a suited room before an earlier children's application")
    func disabilityBeatsChildrenForSuitedRoom() throws {
        let facilities = [F.facility("hall")]
        let rooms = [F.room("hall-suited", in: "hall", suited: true)]
        let apps = [F.application("c1", .children, submitted: "2026-01-01"),
                    F.application("d1", .disability, submitted: "2026-03-01")]
        let result = try F.allocate(apps, rooms: rooms, facilities: facilities)
        #expect(result.allocations.map(\.application) == ["d1"])
        #expect(result.allocations.first?.rule == "stk. 4")
        let refusal = try #require(result.refusals.first)
        #expect(refusal.application == "c1")
        #expect(refusal.reason.contains("stk. 4: room suited to disability activities"))
        #expect(refusal.reason.contains("(d1)"))
    }

    @Test("stk. 4: in its first pass a disability activity prefers a suited room to an ordinary one")
    func disabilityPassUsesSuitedRoomsOnly() throws {
        let facilities = [F.facility("near", eastMetres: 500), F.facility("far", eastMetres: 5_000)]
        let rooms = [F.room("near-hall", in: "near"), F.room("far-suited", in: "far", suited: true)]
        let result = try F.allocate([F.application("d1", .disability)], rooms: rooms, facilities: facilities)
        #expect(result.allocations.first?.room == "far-suited")
    }

    @Test("stk. 4: suited rooms left after the first pass are open to everyone")
    func leftoverSuitedRoomsAreOpen() throws {
        let facilities = [F.facility("hall")]
        let rooms = [F.room("hall-suited", in: "hall", suited: true)]
        let result = try F.allocate([F.application("a1", .adults)], rooms: rooms, facilities: facilities)
        #expect(result.allocations.first?.room == "hall-suited")
        #expect(result.allocations.first?.rule == "stk. 3")
    }

    @Test("stk. 3: the class order decides a contested slot", arguments: [
        (ActivityClass.children, ActivityClass.adults, "stk. 3: children's activity before adult activity"),
        (.children, .adultEducation, "stk. 3: children's activity before folkeoplysende adult education"),
        (.adultEducation, .adults, "stk. 3: folkeoplysende adult education before adult activity"),
    ])
    func classOrderDecides(winner: ActivityClass, loser: ActivityClass, phrase: String) throws {
        let facilities = [F.facility("hall")]
        let rooms = [F.room("hall-1", in: "hall")]
        // The loser applied first: the class still wins.
        let apps = [F.application("z-win", winner, submitted: "2026-03-01"),
                    F.application("a-lose", loser, submitted: "2026-01-01")]
        let result = try F.allocate(apps, rooms: rooms, facilities: facilities)
        #expect(result.allocations.map(\.application) == ["z-win"])
        #expect(result.refusals.first?.reason.contains(phrase) == true, "\(result.refusals)")
    }

    @Test("The loser of a contested first choice gets its second choice and the reason says why")
    func secondChoiceExplainsFirst() throws {
        let facilities = [F.facility("hall")]
        let rooms = [F.room("hall-1", in: "hall")]
        let apps = [F.application("c1", .children),
                    F.application("a1", .adults, slots: ["Tu 19:00-21:00", "We 19:00-21:00"])]
        let result = try F.allocate(apps, rooms: rooms, facilities: facilities)
        let a1 = try #require(result.allocations.first { $0.application == "a1" })
        #expect(a1.weekday == "We")
        #expect(a1.reason.hasPrefix("2nd choice We 19:00-21:00"))
        #expect(a1.reason.contains("Tu 19:00-21:00: stk. 3: children's activity before adult activity"))
    }

    @Test("stk. 1: municipal premises are offered before nearer education premises")
    func municipalBeforeEducation() throws {
        let facilities = [F.facility("gym", owner: .education, eastMetres: 300),
                          F.facility("hall", owner: .municipal, eastMetres: 4_000),
                          F.facility("state", owner: .state, eastMetres: 100)]
        let rooms = [F.room("gym-1", in: "gym"), F.room("hall-1", in: "hall"), F.room("state-1", in: "state")]
        let apps = [F.application("a1", .adults), F.application("a2", .adults), F.application("a3", .adults)]
        let result = try F.allocate(apps, rooms: rooms, facilities: facilities)
        #expect(result.allocations.map(\.room) == ["hall-1", "gym-1", "state-1"])
        #expect(result.allocations[0].reason.contains("stk. 1: municipal premises, offered first"))
    }

    @Test("Private premises are never allocated, and the refusal says so")
    func privateNever() throws {
        let facilities = [F.facility("club", owner: .private, kind: .clubhouse)]
        let rooms = [F.room("club-1", in: "club")]
        let result = try F.allocate([F.application("a1", .adults)], rooms: rooms, facilities: facilities)
        #expect(result.allocations.isEmpty)
        let reason = try #require(result.refusals.first?.reason)
        #expect(reason.contains("1 private room would fit, but private premises are never allocated"))
    }

    @Test("Capacity: the smallest sufficient room is chosen; too small and unknown capacities are not offered")
    func capacityFit() throws {
        let facilities = [F.facility("hall")]
        let rooms = [F.room("big", in: "hall", capacity: 200), F.room("small", in: "hall", capacity: 10),
                     F.room("fit", in: "hall", capacity: 25), F.room("unknown", in: "hall", capacity: nil)]
        let result = try F.allocate([F.application("a1", .adults, participants: 20)], rooms: rooms, facilities: facilities)
        #expect(result.allocations.first?.room == "fit")
        let refused = try F.allocate([F.application("a1", .adults, participants: 500)], rooms: rooms, facilities: facilities)
        #expect(refused.refusals.first?.reason.contains("no room for 500 participants") == true, "\(refused.refusals)")
    }

    @Test("Accessibility: wheelchair yes accepts yes and designated, not limited; step-free needs yes",
          arguments: [
              (WheelchairAccess.yes, TriState.yes, true), (.designated, .yes, true), (.limited, .yes, false),
              (.unknown, .yes, false), (.yes, .unknown, false), (.yes, .no, false),
          ])
    func accessibility(wheelchair: WheelchairAccess, stepFree: TriState, allocated: Bool) throws {
        let facilities = [F.facility("hall", wheelchair: wheelchair, stepFree: stepFree)]
        var app = F.application("d1", .disability)
        app.wheelchair = .yes
        app.stepFree = true
        let result = try F.allocate([app], rooms: [F.room("hall-1", in: "hall")], facilities: facilities)
        #expect(result.allocations.isEmpty == !allocated)
        if !allocated { #expect(result.refusals.first?.reason.contains("wheelchair access") == true) }
    }

    @Test("A room's own accessibility overrides its facility's")
    func roomAccessibilityOverrides() throws {
        let facilities = [F.facility("school", wheelchair: .yes, stepFree: .yes)]
        var upstairs = F.room("upstairs", in: "school")
        upstairs.accessibility = Accessibility(wheelchair: .no, stepFree: .no)
        var app = F.application("a1", .adults)
        app.stepFree = true
        let result = try F.allocate([app], rooms: [upstairs], facilities: facilities)
        #expect(result.allocations.isEmpty)
    }

    @Test("Distance: nearest room of the same owner class first, none beyond the maximum")
    func distance() throws {
        let facilities = [F.facility("far", eastMetres: 9_000), F.facility("near", eastMetres: 2_000)]
        let rooms = [F.room("far-1", in: "far"), F.room("near-1", in: "near")]
        let ok = try F.allocate([F.application("a1", .adults, maxDistance: 10_000)], rooms: rooms, facilities: facilities)
        #expect(ok.allocations.first?.room == "near-1")
        #expect(ok.allocations.first?.reason.contains("2.0 km from home") == true)
        let tooFar = try F.allocate([F.application("a1", .adults, maxDistance: 1_000)], rooms: rooms, facilities: facilities)
        #expect(tooFar.refusals.first?.reason.contains("within 1.0 km") == true, "\(tooFar.refusals)")
    }

    @Test("A preferred facility is offered first among premises of the same owner class only")
    func preferredFacility() throws {
        let facilities = [F.facility("near", eastMetres: 500), F.facility("liked", eastMetres: 5_000),
                          F.facility("school", owner: .education, eastMetres: 100)]
        let rooms = [F.room("near-1", in: "near"), F.room("liked-1", in: "liked"), F.room("school-1", in: "school")]
        var app = F.application("a1", .adults)
        app.preferredFacility = "liked"
        #expect(try F.allocate([app], rooms: rooms, facilities: facilities).allocations.first?.room == "liked-1")
        app.preferredFacility = "school"
        #expect(try F.allocate([app], rooms: rooms, facilities: facilities).allocations.first?.room == "near-1")
    }

    @Test("Ties: same class and submission time are decided by application id, and the reason says so")
    func tieById() throws {
        let facilities = [F.facility("hall")]
        let apps = [F.application("b", .adults), F.application("a", .adults)]
        let result = try F.allocate(apps, rooms: [F.room("hall-1", in: "hall")], facilities: facilities)
        #expect(result.allocations.map(\.application) == ["a"])
        #expect(result.refusals.first?.reason.contains("decided by application id (a before b)") == true)
    }

    @Test("Same class: the earlier submission wins")
    func earlierSubmissionWins() throws {
        let facilities = [F.facility("hall")]
        let apps = [F.application("a", .adults, submitted: "2026-02-02"), F.application("b", .adults, submitted: "2026-02-01T09:30")]
        let result = try F.allocate(apps, rooms: [F.room("hall-1", in: "hall")], facilities: facilities)
        #expect(result.allocations.map(\.application) == ["b"])
        #expect(result.refusals.first?.reason.contains("same priority, earlier application") == true)
    }
}

/// Input the engine refuses, and reasons that name the statutory class rather than a rule.
@Suite("Allocation input checks")
struct AllocationInputTests {
    typealias F = AllocationFixtures

    @Test("Duplicate ids and rooms of unknown facilities are errors naming the id")
    func duplicates() {
        let hall = F.facility("hall")
        #expect(throws: AllocationInputError.duplicateApplication(id: "a")) {
            try F.allocate([F.application("a", .adults), F.application("a", .children)], rooms: [], facilities: [hall])
        }
        #expect(throws: AllocationInputError.duplicateFacility(id: "hall")) {
            try F.allocate([], rooms: [], facilities: [hall, hall])
        }
        #expect(throws: AllocationInputError.duplicateRoom(id: "r")) {
            try F.allocate([], rooms: [F.room("r", in: "hall"), F.room("r", in: "hall")], facilities: [hall])
        }
        var empty = F.application("e", .adults)
        empty.slots = []
        #expect(throws: AllocationInputError.invalidApplication(id: "e", expected: "one or more slots")) {
            try F.allocate([empty], rooms: [], facilities: [hall])
        }
        #expect(throws: AllocationInputError.unknownFacility(room: "r", facility: "nowhere")) {
            try F.allocate([], rooms: [F.room("r", in: "nowhere")], facilities: [hall])
        }
    }

    @Test("A children's activity favoured by a local rule still beats adults by stk. 3, and the reason says so")
    func classBeforeRuleInReasons() throws {
        let apps = [F.application("kids", .children, slots: ["Tu 18:00-20:00"], submitted: "2026-03-01"),
                    F.application("grown", .adults, slots: ["Tu 18:00-20:00"], submitted: "2026-01-01")]
        let result = try F.allocate(apps, rooms: [F.room("hall-1", in: "hall")], facilities: [F.facility("hall")],
                                    rules: F.aalborgRules())
        #expect(result.allocations.map(\.application) == ["kids"])
        #expect(result.refusals.first?.reason.contains("stk. 3: children's activity before adult activity") == true,
                "\(result.refusals)")
    }

    @Test("Seasons parse from FROM..TO and list the dates of a weekday", arguments: [
        ("2026-08-17..2026-08-31", Weekday.monday, ["2026-08-17", "2026-08-24", "2026-08-31"]),
        ("2026-08-18..2026-08-31", .monday, ["2026-08-24", "2026-08-31"]),
        ("2026-08-17..2026-08-17", .tuesday, []),
    ])
    func seasons(text: String, weekday: Weekday, dates: [String]) throws {
        #expect(try AllocationSeason(parsing: text).dates(on: weekday).map(\.description) == dates)
    }

    @Test("Malformed seasons are rejected", arguments: ["2026-08-17", "2026-08-31..2026-08-17", "2026-13-01..2027-01-01"])
    func badSeason(text: String) {
        #expect(throws: AllocationInputError.self) { try AllocationSeason(parsing: text) }
    }
}

/// Two disability activities competing for one suited room in the stk. 4 pass.
@Suite("Allocation stk. 4 ties")
struct AllocationDisabilityTieTests {
    typealias F = AllocationFixtures

    @Test("Between disability activities the earlier submission gets the suited room, and the reason says so")
    func earlierDisabilityWins() throws {
        let apps = [F.application("d2", .disability, submitted: "2026-02-01"),
                    F.application("d1", .disability, submitted: "2026-03-01")]
        let result = try F.allocate(apps, rooms: [F.room("hall-s", in: "hall", suited: true)], facilities: [F.facility("hall")])
        #expect(result.allocations.map(\.application) == ["d2"])
        #expect(result.allocations.first?.rule == "stk. 4")
        #expect(result.refusals.first?.reason.contains("same priority, earlier application") == true, "\(result.refusals)")
    }
}
