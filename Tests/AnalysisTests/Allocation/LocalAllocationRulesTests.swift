import Facilities
import Foundation
import Scheduling
import Testing
@testable import Analysis

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
