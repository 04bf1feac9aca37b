import Facilities
import Foundation
import Scheduling
import Testing
@testable import Analysis

/// Season dates: holidays skipped, other closures and existing bookings block a slot.
@Suite("Allocation over the season calendar")
struct AllocationCalendarTests {
    typealias F = AllocationFixtures
    /// Thursdays 2026-04-02 (Skærtorsdag), 04-09, 04-16, 04-23, 04-30.
    static let april = try! AllocationSeason(parsing: "2026-03-30..2026-04-30")

    func allocate(hours: String, bookings: [LocalInterval] = [], season: AllocationSeason = april) throws -> AllocationResult {
        try F.allocate([F.application("a1", .adults, slots: ["Th 19:00-21:00"])],
                       rooms: [F.room("hall-1", in: "hall", hours: hours)], facilities: [F.facility("hall")],
                       bookings: ["hall-1": bookings], season: season)
    }

    @Test("A public holiday on which the room is closed is skipped and listed")
    func publicHolidaySkipped() throws {
        let result = try allocate(hours: "Mo-Su 08:00-23:00; PH off")
        let a = try #require(result.allocations.first)
        #expect(a.dates == ["2026-04-09", "2026-04-16", "2026-04-23", "2026-04-30"])
        #expect(a.skippedDates == ["2026-04-02"])
    }

    @Test("A room open on the holiday uses the holiday too")
    func openOnHoliday() throws {
        let a = try #require(try allocate(hours: "Mo-Su 08:00-23:00").allocations.first)
        #expect(a.dates.count == 5)
        #expect(a.skippedDates.isEmpty)
    }

    @Test("A closure on an ordinary date makes the slot not allocatable in that room")
    func ordinaryClosureBlocks() throws {
        let result = try allocate(hours: "Mo-Su 08:00-23:00; PH off; Apr 16 off")
        #expect(result.allocations.isEmpty)
        #expect(result.refusals.first?.reason.contains("1 closed then (Facility hall on 2026-04-16)") == true,
                "\(result.refusals)")
    }

    @Test("A room that closes before the slot ends is not allocatable")
    func partialHours() throws {
        #expect(try allocate(hours: "Mo-Su 08:00-20:00").allocations.isEmpty)
    }

    @Test("A season closed date is skipped like a holiday")
    func seasonClosedDate() throws {
        var season = Self.april
        season.closedDates = [try LocalDate(parsing: "2026-04-16")]
        let a = try #require(try allocate(hours: "Mo-Su 08:00-23:00; PH off; Apr 16 off", season: season).allocations.first)
        #expect(a.skippedDates == ["2026-04-02", "2026-04-16"])
    }

    @Test("An existing booking that overlaps one date blocks the room for the slot")
    func existingBookingBlocks() throws {
        let booking = try LocalInterval(start: LocalDateTime(parsing: "2026-04-23T20:30"), end: LocalDateTime(parsing: "2026-04-23T22:00"))
        let result = try allocate(hours: "Mo-Su 08:00-23:00", bookings: [booking])
        #expect(result.allocations.isEmpty)
        #expect(result.refusals.first?.reason.contains("1 already booked (Facility hall on 2026-04-23)") == true)
        let touching = try LocalInterval(start: LocalDateTime(parsing: "2026-04-23T21:00"), end: LocalDateTime(parsing: "2026-04-23T22:00"))
        #expect(try allocate(hours: "Mo-Su 08:00-23:00", bookings: [touching]).allocations.count == 1)
    }

    @Test("Rooms without usable opening hours are left out and listed in the summary")
    func roomsNotOffered() throws {
        let result = try F.allocate([F.application("a1", .adults)],
                                    rooms: [F.room("bad", in: "hall", hours: "Mo-Fr 25:00-26:00x"), F.room("none", in: "hall", hours: nil)],
                                    facilities: [F.facility("hall")])
        #expect(result.summary.roomsNotOffered.map(\.room) == ["bad", "none"])
        #expect(result.allocations.isEmpty)
    }

    @Test("A facility without listed rooms takes part as its implicit room")
    func implicitRoom() throws {
        var hall = F.facility("hall")
        hall.capacity = 40
        hall.openingHours = "Mo-Su 08:00-23:00"
        let result = try F.allocate([F.application("a1", .adults)], rooms: [], facilities: [hall])
        #expect(result.allocations.first?.room == "hall")
    }
}

/// Local rules from the configuration file, on top of the statutory order.
@Suite("Local allocation rules")
struct LocalAllocationRulesTests {
    typealias F = AllocationFixtures

    @Test("The Aalborg sample rules file parses")
    func aalborgFile() throws {
        let rules = try F.aalborgRules()
        #expect(rules.rules.map(\.id) == ["aalborg-children-youth-elite-before-20", "aalborg-tournaments-before-training"])
        #expect(rules.rules[0].startsBefore == 20 * 60)
        #expect(rules.rules[0].rankAs == .children)
        #expect(rules.rules[0].tags == ["elite"])
    }

    @Test("Malformed rules are rejected naming the member", arguments: [
        (#"{"rules": [{"id": "x", "text": "t", "before": "8pm"}]}"#, "rules[0].before"),
        (#"{"rules": [{"id": "x", "text": "t", "activities": ["seniors"]}]}"#, "rules[0].activities"),
        (#"{"rules": [{"id": "x", "text": "t", "weekdays": ["Tuesday"]}]}"#, "rules[0].weekdays"),
        (#"{"rules": [{"id": "x", "text": "t"}, {"id": "x", "text": "u"}]}"#, "rules[1].id"),
        (#"{"rules": [{"text": "t"}]}"#, "rules[0].id"),
    ])
    func malformed(json: String, path: String) {
        #expect {
            _ = try LocalAllocationRules(json: json)
        } throws: { error in
            guard case let .invalidRules(p, _) = error as? AllocationInputError else { return false }
            return p == path
        }
    }

    @Test("Elite sport goes before adult education before 20:00 under the Aalborg rule, not after")
    func eliteBeforeTwenty() throws {
        let rules = try F.aalborgRules()
        let facilities = [F.facility("hall")]
        let rooms = [F.room("hall-1", in: "hall")]
        for (slot, winner) in [("Tu 19:00-21:00", "elite"), ("Tu 20:00-22:00", "course")] {
            let apps = [F.application("elite", .adults, slots: [slot], submitted: "2026-03-01", tags: ["elite"]),
                        F.application("course", .adultEducation, slots: [slot], submitted: "2026-01-01")]
            let result = try F.allocate(apps, rooms: rooms, facilities: facilities, rules: rules)
            #expect(result.allocations.map(\.application) == [winner], "\(slot)")
            if winner == "elite" {
                #expect(result.allocations[0].rule == "aalborg-children-youth-elite-before-20")
                #expect(result.refusals[0].reason.contains("local rule aalborg-children-youth-elite-before-20"))
            }
            // Without local rules the statutory order alone decides.
            let plain = try F.allocate(apps, rooms: rooms, facilities: facilities)
            #expect(plain.allocations.map(\.application) == ["course"])
        }
    }

    @Test("Children wanting a slot before 20:00 go before children with a later first choice")
    func childrenBeforeTwenty() throws {
        let rules = try F.aalborgRules()
        let apps = [F.application("early", .children, slots: ["Tu 19:00-21:00"], submitted: "2026-03-01"),
                    F.application("late", .children, slots: ["Tu 20:00-22:00"], submitted: "2026-01-01")]
        let result = try F.allocate(apps, rooms: [F.room("hall-1", in: "hall")], facilities: [F.facility("hall")], rules: rules)
        #expect(result.allocations.map(\.application) == ["early"])
    }

    @Test("A tournament goes before earlier training of the same class")
    func tournamentBeforeTraining() throws {
        let rules = try F.aalborgRules()
        let apps = [F.application("training", .adults, submitted: "2026-01-01"),
                    F.application("tournament", .adults, submitted: "2026-03-01", tags: ["tournament"])]
        let result = try F.allocate(apps, rooms: [F.room("hall-1", in: "hall")], facilities: [F.facility("hall")], rules: rules)
        #expect(result.allocations.map(\.application) == ["tournament"])
        #expect(result.allocations.first?.rule == "aalborg-tournaments-before-training")
    }

    @Test("A local rule never overrides stk. 4 or a higher statutory class without rank_as")
    func rulesStayBelowStatute() throws {
        let rules = try F.aalborgRules()
        let facilities = [F.facility("hall")]
        let suited = [F.room("hall-s", in: "hall", suited: true)]
        let apps = [F.application("kids", .children, submitted: "2026-01-01"),
                    F.application("dis", .disability, submitted: "2026-03-01")]
        #expect(try F.allocate(apps, rooms: suited, facilities: facilities, rules: rules).allocations.map(\.application) == ["dis"])
        let contest = [F.application("kids", .children, slots: ["Tu 20:00-22:00"], submitted: "2026-03-01"),
                       F.application("cup", .adults, slots: ["Tu 20:00-22:00"], submitted: "2026-01-01", tags: ["tournament"])]
        #expect(try F.allocate(contest, rooms: [F.room("hall-1", in: "hall")], facilities: facilities, rules: rules)
            .allocations.map(\.application) == ["kids"])
    }
}
