import Facilities
import Foundation
import Scheduling
import Testing
@testable import Analysis

/// Checks a result against its input without using the engine's own bookkeeping.
enum AllocationInvariants {
    static func check(_ result: AllocationResult, applications: [AllocationApplication], rooms: [Room],
                      facilities: [Facility], bookings: [String: [LocalInterval]] = [:], season: AllocationSeason,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let appByID = Dictionary(uniqueKeysWithValues: applications.map { ($0.id, $0) })
        var roomByID = Dictionary(uniqueKeysWithValues: rooms.map { ($0.id, $0) })
        let listed = Set(rooms.map(\.facilityID))
        for f in facilities where !listed.contains(f.id) { roomByID[f.id] = f.implicitRoom }
        let facilityByID = Dictionary(uniqueKeysWithValues: facilities.map { ($0.id, $0) })
        #expect(Set(result.allocations.map(\.application)).count == result.allocations.count, sourceLocation: sourceLocation)
        #expect(Set(result.allocations.map(\.application) + result.refusals.map(\.application)) == Set(appByID.keys),
                sourceLocation: sourceLocation)

        // Never double-booked: per room and date, the held intervals are disjoint.
        var held: [String: [(Int, Int, String)]] = [:]
        for a in result.allocations {
            guard let app = appByID[a.application], let room = roomByID[a.room], let facility = facilityByID[a.facility],
                  let slot = app.slots.first(where: { $0.weekday.osmName == a.weekday && $0.allocationStartText == a.start && $0.allocationEndText == a.end })
            else {
                Issue.record("allocation \(a.application) does not match its input", sourceLocation: sourceLocation)
                continue
            }
            #expect(facility.owner != .private, sourceLocation: sourceLocation)
            #expect((room.capacity ?? 0) >= app.participants, sourceLocation: sourceLocation)
            #expect(app.kinds.isEmpty || app.kinds.contains(facility.kind), sourceLocation: sourceLocation)
            let hours = try? OpeningHours(parsing: room.openingHours ?? "")
            for d in a.dates {
                let date = try! LocalDate(parsing: d)
                #expect(date.weekday == slot.weekday && season.from <= date && date <= season.to, sourceLocation: sourceLocation)
                let interval = try! LocalInterval(start: LocalDateTime(date: date, minuteOfDay: slot.startMinute),
                                                  end: LocalDateTime(date: date, minuteOfDay: slot.endMinute))
                if let hours {
                    let open = hours.intervals(from: interval.start, to: interval.end, calendar: .danish)
                    #expect(open == [interval], "room \(a.room) not open \(interval)", sourceLocation: sourceLocation)
                }
                #expect(!(bookings[a.room] ?? []).contains { $0.overlaps(interval) }, sourceLocation: sourceLocation)
                held["\(a.room)@\(d)", default: []].append((slot.startMinute, slot.endMinute, a.application))
            }
            #expect(Set(a.dates).isDisjoint(with: a.skippedDates), sourceLocation: sourceLocation)
        }
        for (key, list) in held {
            let sorted = list.sorted { $0.0 < $1.0 }
            for (x, y) in zip(sorted, sorted.dropFirst()) where y.0 < x.1 {
                Issue.record("double booking in \(key): \(x.2) and \(y.2)", sourceLocation: sourceLocation)
            }
        }
    }
}
