import Scheduling

extension AllocationRound {
    /// Builds the turns and gives slots in turn order.
    /// - Complexity: O(turns × slots × candidates) checks, each O(1) after the slot's first evaluation.
    mutating func run() {
        buildTurns()
        for (order, turn) in turns.enumerated() where placements[turn.application] == nil {
            take(turn, order: order)
        }
        #if DEBUG
        assertNoDoubleBooking()
        #endif
    }

    mutating func buildTurns() {
        let ruleCount = rules.rules.count
        for (a, app) in applications.enumerated() {
            var indices: [Int] = []
            for slot in app.slots {
                if let known = slotIndex[slot] {
                    indices.append(known)
                } else {
                    slotIndex[slot] = slotDates.count
                    indices.append(slotDates.count)
                    slotDates.append(season.dates(on: slot.weekday))
                }
            }
            appSlots.append(indices)
            let submitted = app.submitted?.localMinutes ?? Int.max
            let all = Array(app.slots.indices)
            if app.activity == .disability && candidates[a].contains(where: { rooms[$0.room].suited }) {
                let key = AllocationTurnKey(stage: 0, classRank: 0, ruleRank: ruleCount, submitted: submitted, id: app.id)
                turns.append(AllocationTurn(key: key, application: a, slots: all, rule: nil))
            }
            let normal = AllocationTurnKey(stage: 1, classRank: app.activity.rank, ruleRank: ruleCount,
                                           submitted: submitted, id: app.id)
            var keys = Array(repeating: normal, count: app.slots.count)
            for (r, rule) in rules.rules.enumerated() where rule.matches(app) {
                // The rule's turn covers the leading run of preferred slots it applies to, so that a
                // favoured turn never hands out a later choice before an earlier one was tried.
                let covered = Array(app.slots.prefix { rule.covers($0) }.indices)
                guard !covered.isEmpty else { continue }
                let key = AllocationTurnKey(stage: 1, classRank: min(app.activity.rank, rule.rankAs?.rank ?? Int.max),
                                            ruleRank: r, submitted: submitted, id: app.id)
                turns.append(AllocationTurn(key: key, application: a, slots: covered, rule: r))
                for s in covered where key < keys[s] { keys[s] = key }
            }
            turns.append(AllocationTurn(key: normal, application: a, slots: all, rule: nil))
            slotKeys.append(keys)
        }
        turns.sort { $0.key != $1.key ? $0.key < $1.key : $0.slots.count < $1.slots.count }
        availability = Array(repeating: nil, count: rooms.count * slotDates.count)
    }

    /// Tries the turn's slots in preference order, each in the candidate rooms in offer order.
    mutating func take(_ turn: AllocationTurn, order: Int) {
        let app = applications[turn.application]
        for s in turn.slots {
            let slot = app.slots[s]
            for candidate in candidates[turn.application] {
                let room = rooms[candidate.room]
                if turn.key.stage == 0 && !room.suited { continue }
                guard case let .available(dates, skipped) = availability(of: appSlots[turn.application][s], slot, in: candidate.room),
                      firstOccupant(in: candidate.room, slot) == nil else { continue }
                occupancy[candidate.room][slot.weekday.rawValue].append(
                    AllocationOccupant(start: slot.startMinute, end: slot.endMinute, application: turn.application, order: order,
                             key: turn.key, rule: turn.rule))
                placements[turn.application] = AllocationPlacement(room: candidate.room, slot: s, dates: dates, skipped: skipped,
                                                         key: turn.key, rule: turn.rule)
                return
            }
        }
    }

    /// The season availability of a distinct slot in a room, computed once.
    mutating func availability(of slotID: Int, _ slot: WeeklySlot, in room: Int) -> AllocationSlotAvailability {
        let key = room * slotDates.count + slotID
        if let known = availability[key] { return known }
        let value = !slot.allocationWithinDay ? .noDates
            : AllocationSlotAvailability.of(slot, in: rooms[room], dates: slotDates[slotID], holidays: holidays)
        availability[key] = value
        return value
    }

    /// The earliest-placed slot in `room` that overlaps `slot` on its weekday, or nil when it is free.
    func firstOccupant(in room: Int, _ slot: WeeklySlot) -> AllocationOccupant? {
        var best: AllocationOccupant? = nil
        for o in occupancy[room][slot.weekday.rawValue] where o.start < slot.endMinute && slot.startMinute < o.end {
            if best == nil || o.order < best!.order { best = o }
        }
        return best
    }

    /// Debug check: no two slots held in one room overlap.
    func assertNoDoubleBooking() {
        for days in occupancy {
            for list in days {
                for i in list.indices {
                    for j in list.indices where j > i {
                        assert(!(list[i].start < list[j].end && list[j].start < list[i].end), "double booking")
                    }
                }
            }
        }
    }
}
