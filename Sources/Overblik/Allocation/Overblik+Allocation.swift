public import Analysis
import Facilities
import Foundation
import GeoTypes
public import Scheduling
import Store

/// What `allocate` did: the engine's result and, unless it was a dry run, the bookings written.
public struct AllocationRun: Sendable {
    public var result: AllocationResult
    /// Bookings written (0 for a dry run).
    public var bookingsWritten: Int
    public var dryRun: Bool
}

extension Overblik {
    /// Runs the yearly allocation round (Folkeoplysningsloven section 21) on an applications file.
    ///
    /// Applications (CSV or JSON, see Data/rules/README.md) are allocated against every bookable room,
    /// its availability, holidays, closures and the bookings already stored, in the statutory order
    /// plus the local rules. Distances are exact geodesics from each association's home. Without
    /// `dryRun` every allocation is written as a weekly booking series, all in ONE transaction: the
    /// round lands whole or not at all, and a booking made meanwhile by someone else makes the whole
    /// write refuse (exit 3) rather than double-book.
    ///
    /// - Parameters:
    ///   - applicationsPath: CSV or JSON file of applications.
    ///   - season: the season's first and last dates.
    ///   - rulesPath: optional local rules file (JSON).
    ///   - dryRun: compute and report only (a season that started before today is refused unless dry).
    ///   - now: the facade's clock (``currentInstant()`` when nil): the first day a written round may start,
    ///     and the bookings' creation stamp.
    public func allocate(applicationsPath: String, season: AllocationSeason, rulesPath: String? = nil,
                         dryRun: Bool, now: UTCInstant? = nil) throws -> AllocationRun {
        try allocate(applicationsText: try TextFile.read(applicationsPath), source: applicationsPath, season: season,
                     rulesPath: rulesPath, dryRun: dryRun, now: now, then: nil)
    }

    /// ``allocate(applicationsPath:season:rulesPath:dryRun:now:)`` on applications given as text
    /// (`source` names them in errors); `then` runs inside the writing transaction (the audit log).
    func allocate(applicationsText text: String, source applicationsPath: String, season: AllocationSeason, rulesPath: String?,
                  dryRun: Bool, now: UTCInstant?, then: ((AllocationResult, Int) throws -> Void)?) throws -> AllocationRun {
        if !dryRun {   // bookings in the past are refused everywhere: a round that writes starts today or later
            let today = CopenhagenTime.localTime(at: now ?? Self.currentInstant()).date
            guard season.from >= today else {
                throw OverblikError.badInput("the season starts \(season.from), before today (\(today)); bookings in the past are refused, so a round that writes must start today or later (a dry run may look back)")
            }
        }
        let catalog = try catalog()
        let applications: [AllocationApplication]
        do { applications = try ApplicationParser.parse(text, settlements: catalog.settlements) } catch {
            throw OverblikError.badInput("\(applicationsPath): \(error)")
        }
        var rules = LocalAllocationRules.none
        if let rulesPath {
            let text = try TextFile.read(rulesPath)
            do { rules = try LocalAllocationRules(json: text) } catch {
                throw OverblikError.badInput("\(rulesPath): \(error)")
            }
        }
        let calendar = try holidayCalendar()
        let seasonEnd = season.to.adding(days: 1).startOfDay
        let booked = try bookedIntervals(from: season.from.startOfDay, to: seasonEnd)
        let settlements = catalog.settlements
        let result: AllocationResult
        do {
            result = try AllocationEngine.allocate(
                applications: applications, rooms: catalog.rooms, facilities: catalog.facilities,
                existingBookings: booked, season: season, rules: rules, calendar: calendar,
                distance: { home, facility in Geodesic.distance(from: home, to: facility.location) },
                isRural: { home in
                    settlements.min { Geodesic.distance(from: home, to: $0.location) < Geodesic.distance(from: home, to: $1.location) }?
                        .isRural() ?? true
                })
        } catch {
            throw OverblikError.badInput("\(applicationsPath): \(error)")
        }
        guard !dryRun else { return AllocationRun(result: result, bookingsWritten: 0, dryRun: true) }
        let byID = Dictionary(applications.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let stamp = (now ?? Self.currentInstant()).secondsSince1970
        let written = try writeRetrying("allocation round") { () -> Int in
            var count = 0
            for allocation in result.allocations {
                let application = byID[allocation.application]
                let holder = application?.association ?? allocation.application
                let activity = application?.activity.rawValue
                let occurrences = try allocation.occurrences()
                guard let first = occurrences.first, let last = occurrences.last else { continue }
                let seriesID = try backend.insertSeries(
                    roomID: allocation.room, holder: holder, activity: activity, rule: "FREQ=WEEKLY",
                    firstStart: first.start.description, firstEnd: first.end.description, until: last.end.date.description,
                    skipped: allocation.skippedDates, createdUTC: stamp)
                for occurrence in occurrences {
                    let s = CopenhagenTime.instant(of: occurrence.start).secondsSince1970
                    let e = CopenhagenTime.instant(of: occurrence.end).secondsSince1970
                    let clash = try backend.overlappingBookings(roomID: allocation.room, startUTC: s, endUTC: e)
                    if let other = clash.first {
                        throw OverblikError.conflict("allocation of \(allocation.application) to \(allocation.room) on \(occurrence.start) overlaps booking \(other.id) by \(other.holder) (\(other.startLocal)-\(other.endLocal)), made since the round was computed; nothing was written")
                    }
                    _ = try backend.insert(booking: StoredBooking(roomID: allocation.room, startLocal: occurrence.start.description,
                                                            endLocal: occurrence.end.description, startUTC: s, endUTC: e,
                                                            holder: holder, activity: activity, seriesID: seriesID),
                                     createdUTC: stamp)
                    count += 1
                }
            }
            try then?(result, count)
            return count
        }
        return AllocationRun(result: result, bookingsWritten: written, dryRun: false)
    }
}
