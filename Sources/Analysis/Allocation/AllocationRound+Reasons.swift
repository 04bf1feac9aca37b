import Facilities
import Foundation
import GeoTypes
import Scheduling

/// Reasons written for associations: why a slot was given, or why a requested slot was not possible.
extension AllocationRound {
    /// The reason for an allocation: which choice, which rule, which premises and why these.
    func allocationReason(_ a: Int, _ p: AllocationPlacement) -> String {
        let app = applications[a], room = rooms[p.room], slot = app.slots[p.slot]
        var parts = ["\(Self.ordinal(p.slot + 1)) choice \(slot) in \(room.room.name), \(room.facility.name)"]
        if p.key.stage == 0 {
            parts.append("stk. 4: room suited to disability activities, offered to them before all other allocation")
        } else if let r = p.rule {
            let rule = rules.rules[r]
            parts.append("local rule \(rule.id): \(rule.text)")
        } else {
            parts.append("stk. 3: \(app.activity.phrase), \(Self.classPlace(app.activity))")
        }
        parts.append("stk. 1: \(Self.ownerPhrase(room.ownerRank))")
        if let metres = candidates[a].first(where: { $0.room == p.room })?.metres {
            parts.append("\(Self.km(metres)) from home")
        }
        parts.append("room for \(room.room.capacity ?? 0), \(app.participants) participants")
        var text = parts.joined(separator: "; ")
        if p.slot > 0 {
            let earlier = (0..<p.slot).map { "\(app.slots[$0]): \(slotExplanation(a, $0, suitedOnly: p.key.stage == 0))" }
            text += ". Earlier choices not possible: " + earlier.joined(separator: "; ")
        }
        return text
    }

    /// The reason for a refusal: one explanation per requested slot, or the requirement nobody meets.
    func refusalReason(_ a: Int) -> String {
        if let reason = requirementReasons[a] { return reason }
        let app = applications[a]
        return app.slots.indices.map { "\(app.slots[$0]): \(slotExplanation(a, $0))" }.joined(separator: "; ")
    }

    /// Why no candidate room could give this slot to the application (`suitedOnly`: in the stk. 4 pass,
    /// which offers only rooms suited to disability activities).
    func slotExplanation(_ a: Int, _ s: Int, suitedOnly: Bool = false) -> String {
        let app = applications[a], slot = app.slots[s]
        guard slot.allocationWithinDay else { return "slots past midnight are not offered in the allocation round" }
        var closed: (room: Int, day: Int)? = nil, booked: (room: Int, day: Int)? = nil
        var closedCount = 0, bookedCount = 0
        for c in candidates[a] where !suitedOnly || rooms[c.room].suited {
            let state = availability[c.room * slotDates.count + appSlots[a][s]]
                ?? AllocationSlotAvailability.of(slot, in: rooms[c.room], dates: slotDates[appSlots[a][s]], holidays: holidays)
            switch state {
            case .available:
                if let holder = firstOccupant(in: c.room, slot) { return takenReason(a, s, holder, c.room) }
                return "not tried: a favoured turn covered only other slots" // unreachable by construction
            case let .closed(day):
                closedCount += 1
                if closed == nil { closed = (c.room, day) }
            case let .booked(day):
                bookedCount += 1
                if booked == nil { booked = (c.room, day) }
            case .noDates:
                closedCount += 1
            }
        }
        let text = "no \(suitedOnly ? "disability-suited " : "")\(Self.requirementPhrase(app, upTo: nil)) "
            + "is free \(Self.weekdayPlural(slot.weekday)) "
            + "\(slot.allocationStartText)-\(slot.allocationEndText) for the whole season"
        var details: [String] = []
        if closedCount > 0 {
            var d = "\(closedCount) closed then"
            if let closed { d += " (\(rooms[closed.room].facility.name) on \(LocalDate(dayNumber: closed.day)))" }
            details.append(d)
        }
        if bookedCount > 0 {
            var d = "\(bookedCount) already booked"
            if let booked { d += " (\(rooms[booked.room].facility.name) on \(LocalDate(dayNumber: booked.day)))" }
            details.append(d)
        }
        return text + (details.isEmpty ? "" : ": " + details.joined(separator: ", "))
    }

    /// Why the holder of a room came first.
    func takenReason(_ a: Int, _ s: Int, _ holder: AllocationOccupant, _ room: Int) -> String {
        let mine = slotKeys[a][s], theirs = holder.key
        let other = applications[holder.application], app = applications[a]
        let place = "\(rooms[room].room.name), \(rooms[room].facility.name) went to \(other.association) (\(other.id))"
        if theirs.stage == 0 && app.activity != .disability {
            return "stk. 4: room suited to disability activities; \(place)"
        }
        // Two disability activities in the stk. 4 pass are ordered by submission time, then id.
        if theirs.stage != 0, theirs.classRank != mine.classRank {
            if let r = holder.rule, other.activity.rank > theirs.classRank {
                // A local rule's rank_as placed the holder with an earlier class.
                return "local rule \(rules.rules[r].id) (\(rules.rules[r].text)); \(place)"
            }
            return "stk. 3: \(other.activity.phrase) before \(app.activity.phrase); \(place)"
        }
        if theirs.stage != 0, theirs.ruleRank != mine.ruleRank, let r = holder.rule {
            return "local rule \(rules.rules[r].id) (\(rules.rules[r].text)); \(place)"
        }
        if theirs.submitted != mine.submitted {
            let when = theirs.submitted == Int.max ? "unknown" : "\(LocalDateTime(localMinutes: theirs.submitted))"
            let mineWhen = mine.submitted == Int.max ? "no submission time" : "\(LocalDateTime(localMinutes: mine.submitted))"
            return "same priority, earlier application (submitted \(when), yours \(mineWhen)); \(place)"
        }
        return "same priority and submission time, decided by application id (\(other.id) before \(app.id)); \(place)"
    }

    /// The first requirement that leaves no room, named with the ones before it, plus the private
    /// rooms and the rooms of unknown capacity that were left out.
    static func requirementReason(_ app: AllocationApplication, rooms: [AllocationRoom], privateRooms: [AllocationRoom],
                                  distance: (Coordinate, Facility) -> Double) -> String {
        func within(_ room: AllocationRoom) -> Bool {
            guard let limit = app.maxDistanceMetres else { return true }
            guard let home = app.home else { return false }
            return distance(home, room.facility) <= limit
        }
        var remaining = rooms
        var failed: AllocationRequirement? = nil
        var unknownCapacity: [AllocationRoom] = []
        for r in AllocationRequirement.allCases {
            if r == .capacity { unknownCapacity = remaining.filter { $0.room.capacity == nil } }
            remaining = r == .distance ? remaining.filter(within) : remaining.filter { r.isMet(app, $0) }
            if remaining.isEmpty { failed = r; break }
        }
        var text = "no \(requirementPhrase(app, upTo: failed)) among municipal, education, regional or state premises"
        var notes: [String] = []
        let order = AllocationRequirement.allCases
        if let failed, order.firstIndex(of: failed)! >= order.firstIndex(of: .capacity)!,
           !unknownCapacity.isEmpty {
            let names = Set(unknownCapacity.map(\.facility.name)).sorted().prefix(3).joined(separator: ", ")
            notes.append("\(unknownCapacity.count) room\(unknownCapacity.count == 1 ? "" : "s") of unknown capacity "
                + "\(unknownCapacity.count == 1 ? "is" : "are") not offered: \(names)")
        }
        let privateFits = privateRooms.filter { room in
            within(room) && AllocationRequirement.allCases.allSatisfy { $0.isMet(app, room) }
        }.count
        if privateFits > 0 {
            notes.append("\(privateFits) private room\(privateFits == 1 ? "" : "s") would fit, "
                + "but private premises are never allocated, stk. 1")
        }
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        return text + ": no requested slot can be given"
    }

    /// "sports hall or school within 8 km for 45 participants with step-free access and sports_floor",
    /// naming the requirements up to and including `last` (all when nil).
    static func requirementPhrase(_ app: AllocationApplication, upTo last: AllocationRequirement?) -> String {
        let cut = last.flatMap { AllocationRequirement.allCases.firstIndex(of: $0) } ?? AllocationRequirement.allCases.count - 1
        let active = AllocationRequirement.allCases.prefix(cut + 1)
        var text = active.contains(.kind) && !app.kinds.isEmpty
            ? app.kinds.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }.sorted().joined(separator: " or ")
            : "room"
        if active.contains(.distance), let limit = app.maxDistanceMetres { text += " within \(Self.km(limit))" }
        if active.contains(.capacity) { text += " for \(app.participants) participants" }
        var with: [String] = []
        if active.contains(.wheelchair), let w = app.wheelchair {
            with.append(w == .yes ? "wheelchair access" : "at least limited wheelchair access")
        }
        if active.contains(.stepFree) && app.stepFree { with.append("step-free access") }
        if active.contains(.equipment) && !app.equipment.isEmpty { with.append(contentsOf: app.equipment.sorted()) }
        if !with.isEmpty { text += " with " + with.joined(separator: ", ") }
        return text
    }

    static func ordinal(_ n: Int) -> String {
        switch n % 10 == 1 && n % 100 != 11 ? 1 : n % 10 == 2 && n % 100 != 12 ? 2 : n % 10 == 3 && n % 100 != 13 ? 3 : 0 {
        case 1: "\(n)st"
        case 2: "\(n)nd"
        case 3: "\(n)rd"
        default: "\(n)th"
        }
    }

    static func km(_ metres: Double) -> String { String(format: "%.1f km", metres / 1000) }

    static func weekdayPlural(_ d: Weekday) -> String {
        ["on Mondays", "on Tuesdays", "on Wednesdays", "on Thursdays", "on Fridays", "on Saturdays", "on Sundays"][d.rawValue]
    }

    static func classPlace(_ c: ActivityClass) -> String {
        switch c {
        case .disability: "first in the order"
        case .children: "first among stk. 3 activities"
        case .adultEducation: "after children's activities"
        case .adults: "after children's activities and adult education"
        }
    }

    static func ownerPhrase(_ rank: Int) -> String {
        ["municipal premises, offered first", "education premises, offered after municipal premises",
         "regional premises, offered after municipal and education premises",
         "state premises, offered last"][min(rank, 3)]
    }
}
